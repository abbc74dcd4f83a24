// `npm run test:e2e`: a fresh database, a real SMTP server on loopback, the upstream
// simulators and the production server, then Playwright; everything torn down after.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startMailCatcher } from "@/e2e/support/mail-catcher";
import { startUpstreams } from "@/e2e/upstreams/start-all";
import { freePort, startTestDatabase } from "@/tests/test-database";
import { buildIfNeeded } from "./lib/build-if-needed";

const log = (line: string) => console.log(`[e2e] ${line}`);

async function waitForHealth(url: string, server: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited with code ${server.exitCode} before it was ready.`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The app did not answer ${url}/api/health within ${timeoutMs} ms.`);
}

async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), "gk-e2e-"));
  const database = await startTestDatabase();
  const mailDir = path.join(work, "mail");
  const mail = await startMailCatcher(mailDir);
  const upstreams = await startUpstreams();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: baseUrl,
    APP_URL: baseUrl,
    SMTP_URL: mail.url,
    DATA_DIR: path.join(work, "data"),
    ...upstreams.env,
  };
  buildIfNeeded(appEnv, log);
  log(`Starting the app on ${baseUrl}`);
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: appEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const serverLog: string[] = [];
  server.stdout?.on("data", (d: Buffer) => serverLog.push(d.toString()));
  server.stderr?.on("data", (d: Buffer) => serverLog.push(d.toString()));

  let code = 1;
  try {
    await waitForHealth(baseUrl, server);
    const playwright = spawn(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...appEnv, E2E_BASE_URL: baseUrl, E2E_MAIL_DIR: mailDir, E2E_WORK_DIR: work },
    });
    code = await new Promise<number>((resolve) => playwright.on("exit", (c) => resolve(c ?? 1)));
  } catch (error) {
    console.error(`[e2e] ${(error as Error).message}`);
  } finally {
    if (code !== 0) console.error(`[e2e] Last app output:\n${serverLog.join("").slice(-4000)}`);
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    await Promise.allSettled([mail.close(), upstreams.close(), database.stop()]);
    await rm(work, { recursive: true, force: true });
  }
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(`[e2e] ${(error as Error).message}`);
  process.exit(1);
});
