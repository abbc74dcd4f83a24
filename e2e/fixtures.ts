// The one Playwright `test` every spec imports: signed-in pages for each role, created
// directly in the database (a fresh one per run).
import { test as base, expect, type Page } from "@playwright/test";
import { createUser, type TestUser } from "./support/db";

export async function signIn(page: Page, user: Pick<TestUser, "email" | "password">) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
}

type Fixtures = {
  superAdmin: TestUser;
  connectorAdmin: TestUser;
  plainUser: TestUser;
  adminPage: Page;
};

export const test = base.extend<Fixtures>({
  superAdmin: async ({}, use) => use(await createUser("SUPER_ADMIN")),
  connectorAdmin: async ({}, use) => use(await createUser("CONNECTOR_ADMIN")),
  plainUser: async ({}, use) => use(await createUser("USER")),
  adminPage: async ({ page, superAdmin }, use) => {
    await signIn(page, superAdmin);
    await use(page);
  },
});

export { expect };
