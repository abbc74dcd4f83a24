import { expect, signIn, test } from "./fixtures";
import { testDb } from "./support/db";

test("the audit log shows sign-ins and user changes, filters them, exports the view, and refuses others", async ({ adminPage: page, superAdmin, browser, plainUser }) => {
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const email = `audited.${Date.now()}@example.com`;
  await page.getByRole("dialog").getByLabel("Name").fill("Audited Person");
  await page.getByRole("dialog").getByLabel("Email").fill(email);
  await page.getByRole("dialog").getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("audit-row").first()).toContainText(`added ${email}`);
  await expect(page.getByText(`${superAdmin.email} signed in`).first()).toBeVisible();
  await page.screenshot({ path: "test-results/screens/audit-log.png", fullPage: true });

  await page.getByLabel("Kind").selectOption("user.created");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=user.created/);
  await expect(page.getByTestId("audit-row").filter({ hasText: "signed in" })).toHaveCount(0);

  const download = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]).then(([d]) => d);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv.split("\r\n")[0]).toBe("id,time,actor,kind,summary,connector,target_type,target_id,result,data");
  expect(csv).toContain(`added ${email}`);
  expect(csv).not.toContain("signed in");

  // Append-only, even for the database user the app runs as.
  await expect(testDb().query("DELETE FROM audit_events")).rejects.toThrow(/append-only/);

  const context = await browser.newContext();
  const other = await context.newPage();
  await signIn(other, plainUser);
  expect((await other.request.get("/api/audit-log/export")).status()).toBe(403);
  await other.goto("/admin/audit-log");
  await expect(other.getByText("You do not have access to this page")).toBeVisible();
  await context.close();
});
