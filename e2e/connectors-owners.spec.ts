import { expect, signIn, test } from "./fixtures";
import { addConnector, connectorRow, seedApp, settingsInput, waitForConnected } from "./connectors-helpers";
import { createUser, testDb } from "./support/db";
import { firstLink, waitForMail } from "./support/mailbox";
import { upstreamSecrets } from "./support/secrets";

test("an owner gets the email over SMTP, follows its link, signs in, sees the pending set-up and finishes the settings", async ({ page, connectorAdmin, browser }) => {
  const owner = await createUser("USER");
  const app = await seedApp("Cloudflare Owned");
  await signIn(page, connectorAdmin);
  const id = await addConnector(page, {
    search: "Cloudflare",
    catalogName: "Cloudflare v2",
    app: { kind: "unmanaged", name: app.name },
    owners: { add: [owner.email], removeMe: connectorAdmin.name },
    screenshot: "test-results/screens/connector-wizard-owners.png",
  });
  await expect(page.getByRole("list", { name: "Current owners" })).toContainText(owner.email);
  await expect(page.getByRole("list", { name: "Current owners" })).not.toContainText(connectorAdmin.email);

  const mail = await waitForMail(owner.email, "Your help is needed");
  expect(mail.subject).toContain("Cloudflare v2");
  expect(mail.text).toContain(app.name);
  expect(mail.text).toContain("Your help is needed to complete the set-up");
  const link = firstLink(mail, "/admin/connectors/");
  expect(link).toMatch(new RegExp(`/admin/connectors/${id}$`));
  const { rows } = await testDb().query("SELECT count(*)::int AS n FROM email_messages WHERE \"to\" = $1", [connectorAdmin.email]);
  expect(rows[0].n).toBe(0);

  const context = await browser.newContext();
  const ownerPage = await context.newPage();
  await ownerPage.goto(link);
  await expect(ownerPage).toHaveURL(/\/signin\?callbackUrl=/);
  await ownerPage.getByLabel("Email").fill(owner.email);
  await ownerPage.getByLabel("Password").fill(owner.password);
  await ownerPage.getByRole("button", { name: "Sign in", exact: true }).click();
  // Sign-in sends the owner back to the connector the email linked to.
  await expect(ownerPage).toHaveURL(new RegExp(`/admin/connectors/${id}$`));
  await ownerPage.goto("/");
  const pending = ownerPage.getByRole("list", { name: "Pending set-ups" });
  await expect(pending).toContainText("Cloudflare v2");
  await expect(pending).toContainText(app.name);
  await ownerPage.screenshot({ path: "test-results/screens/overview-pending-setups.png", fullPage: true });
  await ownerPage.goto(link);
  await expect(ownerPage.getByRole("heading", { name: "Manage" })).toHaveCount(0);
  await ownerPage.getByRole("button", { name: "Edit", exact: true }).click();
  await settingsInput(ownerPage, "Account ID").fill("cf-demo-account");
  await settingsInput(ownerPage, "API token").fill(upstreamSecrets.cloudflareToken);
  await ownerPage.getByRole("button", { name: "Save", exact: true }).click();
  await waitForConnected(ownerPage);
  await ownerPage.screenshot({ path: "test-results/screens/connector-owner-connected.png", fullPage: true });

  await ownerPage.goto("/");
  await expect(ownerPage.getByRole("list", { name: "Pending set-ups" })).toHaveCount(0);
  const { rows: audit } = await testDb().query("SELECT actor_email, data FROM audit_events WHERE connector_id = $1 AND kind = 'connector.settings_changed'", [id]);
  expect(audit[0].actor_email).toBe(owner.email);
  expect(JSON.stringify(audit[0].data)).not.toContain(upstreamSecrets.cloudflareToken);
  await context.close();
});

test("a USER who does not own the connector is refused on its pages, its status route and its actions", async ({ adminPage, browser, plainUser }) => {
  const app = await seedApp("Refusal");
  // Capture the real action ids from the admin's own requests.
  await adminPage.goto("/admin/connectors/new/cloudflare");
  await adminPage.getByRole("radio", { name: "Add the connector to a currently unmanaged app" }).check();
  await adminPage.getByRole("radio", { name: app.name }).check();
  const [createRequest] = await Promise.all([
    adminPage.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    adminPage.getByRole("button", { name: "Next" }).click(),
  ]);
  await expect(adminPage).toHaveURL(/\/admin\/connectors\/(?!new)[^/]+$/);
  const id = adminPage.url().split("/").pop()!;
  await adminPage.getByRole("button", { name: "Edit", exact: true }).click();
  await settingsInput(adminPage, "Account ID").fill("cf-demo-account");
  await settingsInput(adminPage, "API token").fill("wrong-token");
  const [saveRequest] = await Promise.all([
    adminPage.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    adminPage.getByRole("button", { name: "Save", exact: true }).click(),
  ]);
  await expect(adminPage.getByText("The check failed, so nothing was saved.")).toBeVisible({ timeout: 30_000 });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, plainUser);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Connectors" })).toHaveCount(0);
  for (const path of ["/admin/connectors", "/admin/connectors/new", "/admin/connectors/new/cloudflare", `/admin/connectors/${id}`, `/admin/connectors/${id}/logs`]) {
    await page.goto(path);
    await expect(page.getByText("You do not have access to this page")).toBeVisible();
  }
  expect((await page.request.get(`/api/connectors/${id}/status`)).status()).toBe(403);

  const call = (request: typeof saveRequest, path: string, body: unknown) =>
    page.request.post(path, {
      headers: { "next-action": request.headers()["next-action"], "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
      data: JSON.stringify([body]),
    });
  const saved = await call(saveRequest, `/admin/connectors/${id}`, { connectorId: id, values: { authMethod: "api-token", accountId: "cf-demo-account", apiToken: upstreamSecrets.cloudflareToken } });
  expect(await saved.text()).toContain("You do not have permission to do this.");
  const created = await call(createRequest, "/admin/connectors/new/cloudflare", {
    catalogId: "cloudflare", appChoice: "new", unmanagedAppId: "", managedAppId: "", newAppName: "Escalation", newAppDescription: "", ownerIds: [plainUser.id],
  });
  expect(await created.text()).toContain("You do not have permission to do this.");

  const row = await connectorRow(id);
  expect(row?.settings_sealed).toBeNull();
  const { rows } = await testDb().query("SELECT count(*)::int AS n FROM applications WHERE name = 'Escalation'");
  expect(rows[0].n).toBe(0);
  await context.close();
});
