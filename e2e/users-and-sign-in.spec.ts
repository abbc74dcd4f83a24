import { expect, signIn, test } from "./fixtures";
import { createUser, testDb } from "./support/db";
import { firstLink, waitForMail } from "./support/mailbox";
import { recordSecret } from "./support/secrets";

// Typed passwords, right or wrong, must never be echoed, logged or stored in plain form.
const WRONG_PASSWORD = "not-the-password";
const NEW_PASSWORD = "a-brand-new-password";
recordSecret(WRONG_PASSWORD, "a wrong password typed at sign-in");
recordSecret(NEW_PASSWORD, "password set through the set-password link");

test("a wrong password gets one generic message", async ({ page, plainUser }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(plainUser.email);
  await page.getByLabel("Password").fill(WRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form [role=alert]")).toHaveText("The email or password is not right.");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill(WRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form [role=alert]")).toHaveText("The email or password is not right.");
});

test("a Super Administrator adds a user, who gets the email over SMTP, sets a password and signs in", async ({ adminPage: page, browser }) => {
  const email = `new.person.${Date.now()}@example.com`;
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog");
  // Bad input first: field error, nothing written.
  await dialog.getByLabel("Email").fill("not-an-email");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();
  await expect(dialog.getByText("Enter a valid email address.")).toBeVisible();

  await dialog.getByLabel("Name").fill("Noor Newcomer");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("CONNECTOR_ADMIN");
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  await expect(page.getByTestId(`user-row-${email}`)).toContainText("Invited");
  await page.screenshot({ path: "test-results/screens/users.png" });

  // The same email again is a field error, not a crash.
  await page.getByRole("button", { name: "Add user" }).click();
  await dialog.getByLabel("Name").fill("Someone Else");
  await dialog.getByLabel("Email").fill(email.toUpperCase());
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog.getByText("A user with this email already exists.").first()).toBeVisible();
  const { rows } = await testDb().query("SELECT count(*)::int AS n FROM users WHERE email = $1", [email]);
  expect(rows[0].n).toBe(1);

  const mail = await waitForMail(email, "Set your password");
  expect(mail.text).toContain("expires in 72 hours");
  const link = firstLink(mail, "/set-password/");

  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByText("Welcome, Noor Newcomer.")).toBeVisible();
  await newcomer.getByLabel("New password").fill(NEW_PASSWORD);
  await newcomer.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await newcomer.getByRole("button", { name: "Set password" }).click();
  await expect(newcomer.getByText("Your password is set.")).toBeVisible();
  await signIn(newcomer, { email, password: NEW_PASSWORD });
  const nav = newcomer.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Connectors", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users", exact: true })).toHaveCount(0);

  // The link works once.
  await newcomer.goto(link);
  await expect(newcomer.getByText("This link cannot be used")).toBeVisible();
  await context.close();
});

test("a USER is refused on the Admin pages and when calling the Admin actions directly", async ({ adminPage, browser, plainUser }) => {
  // Capture the real action id of "Add user" from the admin's own request.
  await adminPage.goto("/admin/users");
  await adminPage.getByRole("button", { name: "Add user" }).click();
  const dialog = adminPage.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Captured Request");
  await dialog.getByLabel("Email").fill(`captured.${Date.now()}@example.com`);
  const [request] = await Promise.all([
    adminPage.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    dialog.getByRole("button", { name: "Add user" }).click(),
  ]);
  const actionId = request.headers()["next-action"];

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, plainUser);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
  for (const path of ["/admin/users", "/admin/email-outbox", "/admin/connectors"]) {
    await page.goto(path);
    await expect(page.getByText("You do not have access to this page")).toBeVisible();
  }
  await page.screenshot({ path: "test-results/screens/forbidden.png" });

  const target = `escalation.${Date.now()}@example.com`;
  const response = await page.request.post("/admin/users", {
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: JSON.stringify([{ name: "Escalation", email: target, role: "SUPER_ADMIN" }]),
  });
  expect(await response.text()).toContain("You do not have permission to do this.");
  const { rows } = await testDb().query("SELECT count(*)::int AS n FROM users WHERE email = $1", [target]);
  expect(rows[0].n).toBe(0);
  await context.close();
});

test("a disabled user loses their session and can no longer sign in", async ({ adminPage, browser }) => {
  const victim = await createUser("USER");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, victim);

  await adminPage.goto("/admin/users");
  const row = adminPage.getByTestId(`user-row-${victim.email}`);
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row).toContainText("Disabled");

  await page.goto("/applications");
  await expect(page).toHaveURL(/\/signin/);
  await page.getByLabel("Email").fill(victim.email);
  await page.getByLabel("Password").fill(victim.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.locator("form [role=alert]")).toHaveText("The email or password is not right.");
  await context.close();
});
