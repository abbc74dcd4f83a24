// E2E in Debian's Chromium against the production build. Run through `npm run test:e2e`
// (scripts/e2e.ts), which starts a fresh database, an SMTP catcher, the upstream
// simulators and the app, and passes their addresses in the environment.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts/,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]] : [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://127.0.0.1:3200",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // First run needs an empty database, so it goes before everything else.
    { name: "first-run", testMatch: /first-run\.spec\.ts/ },
    { name: "journeys", testIgnore: [/first-run\.spec\.ts/, /proof\//], dependencies: ["first-run"] },
    // The proof suite: 50 sessions and 5 syncs at once, then the secret-leak scan over
    // everything the run produced (responses, app log, mail, database).
    { name: "load", testMatch: /proof\/load\.spec\.ts/, dependencies: ["journeys"] },
    { name: "leak-scan", testMatch: /proof\/leak-scan\.spec\.ts/, dependencies: ["load"] },
  ],
});
