// Connector health reaches the owners by email over SMTP: a connector failing three times in a
// row mails each owner once, its recovery once more; a Temporal Cloud API key expiring in 10
// days shows on the connector page and mails the 14-day warning once. Faults and expiries are
// set in the Temporal Cloud simulator through its __control endpoint.
import { randomBytes, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { apiKeyId } from "@/e2e/upstreams/temporal-cloud/api-keys";
import { expect, test } from "./fixtures";
import { settingsInput } from "./connectors-helpers";
import { createUser, testDb, type TestUser } from "./support/db";
import type { CaughtMail } from "./support/mail-catcher";
import { waitForMail } from "./support/mailbox";
import { recordSecret, upstreamSecrets } from "./support/secrets";

const API_VERSION = "2024-10-01-00";

async function control(command: Record<string, unknown>) {
  const response = await fetch(`${process.env.TEMPORAL_CLOUD_API_URL}/__control`, { method: "POST", body: JSON.stringify(command) });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** Every mail the catcher holds for `to` whose subject names `connector`. */
async function mailsFor(to: string, connector: string): Promise<CaughtMail[]> {
  const dir = process.env.E2E_MAIL_DIR!;
  const all = await Promise.all((await readdir(dir)).map(async (file) => JSON.parse(await readFile(path.join(dir, file), "utf8")) as CaughtMail));
  return all.filter((mail) => mail.to.includes(to.toLowerCase()) && mail.subject.includes(connector));
}

/** A Temporal Cloud connector with settings saved and two owners, created in the database. */
async function seedTemporalConnector(name: string, apiKey: string, extra: Record<string, string> = {}) {
  const { sealJson } = await import("@/lib/crypto");
  const unique = randomUUID().slice(0, 8);
  const id = `con${unique}`;
  const owners = [await createUser("USER"), await createUser("USER")];
  const db = testDb();
  await db.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, $2, true, now())`, [`app${unique}`, `${name} ${unique}`]);
  const config = { apiKey, defaultAccountRole: "read", apiVersion: API_VERSION, ...extra };
  await db.query(
    `INSERT INTO connectors (id, catalog_id, display_name, application_id, status, settings_sealed, settings_public, updated_at)
     VALUES ($1, 'temporal-cloud', $2, $3, 'CONNECTED', $4, $5, now())`,
    [id, `${name} ${unique}`, `app${unique}`, sealJson(config), JSON.stringify({ values: { defaultAccountRole: "read", apiVersion: API_VERSION, ...extra }, secrets: { apiKey: "••••-key" } })],
  );
  for (const owner of owners) await db.query(`INSERT INTO connector_owners (connector_id, user_id) VALUES ($1, $2)`, [id, owner.id]);
  return { id, name: `${name} ${unique}`, owners };
}

/** Clicks Sync now and waits for the run to end; returns its status. */
async function syncNow(page: Page, connectorId: string): Promise<string> {
  const db = testDb();
  const before = Number((await db.query(`SELECT count(*) AS n FROM sync_runs WHERE connector_id = $1 AND finished_at IS NOT NULL`, [connectorId])).rows[0].n);
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect
    .poll(async () => Number((await db.query(`SELECT count(*) AS n FROM sync_runs WHERE connector_id = $1 AND finished_at IS NOT NULL`, [connectorId])).rows[0].n), { timeout: 60_000 })
    .toBe(before + 1);
  const { rows } = await db.query(`SELECT status FROM sync_runs WHERE connector_id = $1 ORDER BY queued_at DESC LIMIT 1`, [connectorId]);
  return rows[0].status as string;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

test("a connector failing three times mails each owner once, and once more when it recovers", async ({ adminPage: page }) => {
  const connector = await seedTemporalConnector("Payments failing", upstreamSecrets.temporalApiKey);
  // The upstream refuses the key on the user list, three times: a credential failure is not retried.
  await control({ action: "add-fault", fault: { kind: "status", status: 401, code: 16, message: "Request unauthenticated: API key revoked", match: "users.list", times: 3 } });
  await page.goto(`/admin/connectors/${connector.id}`);
  await expect(page.getByLabel("Failed-sync alert")).toHaveValue("3");

  for (let attempt = 1; attempt <= 3; attempt++) {
    expect(await syncNow(page, connector.id)).toBe("FAILED");
    if (attempt < 3) {
      await settle();
      for (const owner of connector.owners) expect(await mailsFor(owner.email, connector.name)).toHaveLength(0);
    }
  }
  for (const owner of connector.owners) {
    const mail = await waitForMail(owner.email, `${connector.name}`);
    expect(mail.subject).toContain("is failing: Credentials rejected");
    expect(mail.text).toContain("The last 3 syncs");
    expect(mail.text).toContain("API key revoked");
    expect(mail.text).toContain(`/admin/connectors/${connector.id}`);
  }
  await page.reload();
  await page.screenshot({ path: "test-results/screens/connector-health-failing.png", fullPage: true });
  await settle();
  for (const owner of connector.owners) expect(await mailsFor(owner.email, connector.name)).toHaveLength(1);

  // The fault is used up: the next sync succeeds and each owner hears so, once.
  expect(await syncNow(page, connector.id)).toBe("SUCCEEDED");
  for (const owner of connector.owners) await waitForMail(owner.email, `${connector.name} (`);
  await expect.poll(async () => (await mailsFor(connector.owners[0].email, connector.name)).map((m) => m.subject.replace(/ \(.*\)/, "")), { timeout: 15_000 }).toEqual(
    expect.arrayContaining([`${connector.name} is failing: Credentials rejected`, `${connector.name} has recovered`]),
  );
  await settle();
  for (const owner of connector.owners) expect(await mailsFor(owner.email, connector.name)).toHaveLength(2);

  const { rows: audit } = await testDb().query(`SELECT summary FROM audit_events WHERE connector_id = $1 AND kind = 'connector.alert_sent' ORDER BY id`, [connector.id]);
  expect(audit.map((a) => a.summary as string)).toEqual([expect.stringMatching(/^Failed-sync alert of .* sent to 2 owners$/), expect.stringMatching(/^Recovery notice of .* sent to 2 owners$/)]);
});

test.describe("a Temporal Cloud key expiring in 10 days", () => {
  // A key of its own, so no other connector of the run sees it expire.
  const key = `tc-e2e-${randomBytes(12).toString("hex")}-key`;
  let owners: TestUser[];

  test.afterAll(async () => {
    await control({ action: "set-api-keys", apiKeys: [upstreamSecrets.temporalApiKey] });
  });

  test("shows on the connector page and mails the 14-day warning once", async ({ adminPage: page }) => {
    recordSecret(key, "upstream temporalApiKey (expiring)");
    await control({ action: "set-api-keys", apiKeys: [upstreamSecrets.temporalApiKey, key] });
    await control({ action: "set-api-key-expiry", apiKey: key, expiryTime: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    const connector = await seedTemporalConnector("Ledger expiring", upstreamSecrets.temporalApiKey);
    owners = connector.owners;

    // A new key and its ID are saved; the check reads the expiry on the way.
    await page.goto(`/admin/connectors/${connector.id}`);
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    await settingsInput(page, "API key").fill(key);
    await settingsInput(page, "API key ID (optional)").fill(apiKeyId(key));
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByText("Settings saved. A sync has started.")).toBeVisible({ timeout: 30_000 });
    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: "Credential expires in 10 days" })).toBeVisible();
    await page.screenshot({ path: "test-results/screens/connector-health-expiring.png", fullPage: true });

    for (const owner of owners) {
      const mail = await waitForMail(owner.email, `The credential of ${connector.name}`);
      expect(mail.subject).toMatch(/expires in 10 days$/);
      expect(mail.text).toContain(`/admin/connectors/${connector.id}`);
    }
    // The sync the save started, and another, read the same expiry: no second warning.
    await expect.poll(async () => (await testDb().query(`SELECT count(*) AS n FROM sync_runs WHERE connector_id = $1 AND status = 'SUCCEEDED'`, [connector.id])).rows[0].n, { timeout: 60_000 }).toBe("1");
    expect(await syncNow(page, connector.id)).toBe("SUCCEEDED");
    await settle();
    for (const owner of owners) expect(await mailsFor(owner.email, connector.name)).toHaveLength(1);

    // The Overview and the Connectors list say it too.
    await page.goto("/");
    await expect(page.getByTestId("attention-row").filter({ hasText: connector.name })).toContainText("Credential expires in 10 days");
    await page.screenshot({ path: "test-results/screens/overview-credential-expiring.png", fullPage: true });
    await page.goto("/admin/connectors");
    await expect(page.getByTestId(`connector-row-${connector.id}`)).toContainText("Credential expires in 10 days");
    await page.screenshot({ path: "test-results/screens/connectors-credential-expiring.png", fullPage: true });
  });
});

test("where the upstream cannot tell, the expiry date entered with the settings shows on the page", async ({ adminPage: page }) => {
  const unique = randomUUID().slice(0, 8);
  const db = testDb();
  await db.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, $2, true, now())`, [`app${unique}`, `Wiki ${unique}`]);
  await db.query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ($1, 'baton', $2, $3, 'PENDING_SETUP', now())`, [`con${unique}`, `Wiki ${unique}`, `app${unique}`]);
  await page.goto(`/admin/connectors/con${unique}`);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const day = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  await settingsInput(page, "Credential expires on (optional)").fill(day);
  await page.screenshot({ path: "test-results/screens/connector-settings-expiry-date.png", fullPage: true });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("credential-expiry")).toContainText(/Credential expires in (39|40) days .*as entered when the settings were saved/);
  const { rows } = await db.query(`SELECT credential_expiry_source FROM connectors WHERE id = $1`, [`con${unique}`]);
  expect(rows[0].credential_expiry_source).toBe("admin");
});
