import { expect, test } from "./fixtures";
import { recordSecret } from "./support/secrets";

const PASSWORD = "correct horse battery staple";

// Runs first, on the empty database of this run.
test("first run leads every page to /setup, creates the first Super Administrator, then never opens again", async ({ page }) => {
  recordSecret(PASSWORD, "first-run administrator's password");
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/setup$/);
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/setup$/);

  // Bad input: field errors from the shared schema, nothing created.
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await page.getByLabel("Your name").fill("Ada Admin");
  await page.getByLabel("Work email").fill("ada.first@example.com");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("short");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByTestId("current-user")).toHaveText("Ada Admin");
  await page.screenshot({ path: "test-results/screens/overview.png" });

  await page.goto("/setup");
  await expect(page).not.toHaveURL(/\/setup$/);
});
