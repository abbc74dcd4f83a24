// The one Playwright `test` every spec imports: signed-in pages for each role, created
// directly in the database (a fresh one per run). Every browser context is captured for the
// leak scan (support/capture.ts); the scan checks that every spec imports this `test`.
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { captureBrowser } from "./support/capture";
import { createUser, type TestUser } from "./support/db";

export async function signIn(page: Page, user: Pick<TestUser, "email" | "password">) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

type Fixtures = {
  superAdmin: TestUser;
  connectorAdmin: TestUser;
  plainUser: TestUser;
  adminPage: Page;
};

export const test = base.extend<Fixtures, { browser: Browser }>({
  // The built-in `context` fixture and every spec's browser.newContext() go through this.
  browser: [
    async ({ browser }, use) => {
      const restore = captureBrowser(browser);
      await use(browser);
      restore();
    },
    { scope: "worker" },
  ],
  superAdmin: async ({}, use) => use(await createUser("SUPER_ADMIN")),
  connectorAdmin: async ({}, use) => use(await createUser("CONNECTOR_ADMIN")),
  plainUser: async ({}, use) => use(await createUser("USER")),
  adminPage: async ({ page, superAdmin }, use) => {
    await signIn(page, superAdmin);
    await use(page);
  },
});

export { expect };
