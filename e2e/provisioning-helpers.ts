// Shared steps of the provisioning journeys (not a spec): connect a hosted connector to a
// simulator, switch provisioning on, open an entitlement, pick an account in the Grant dialog,
// and read what Temporal Cloud and the store hold afterwards.
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { addConnector, settingsInput, waitForConnected } from "./connectors-helpers";
import { testDb } from "./support/db";
import { upstreamSecrets } from "./support/secrets";

const temporalHeaders = () => ({ authorization: `Bearer ${upstreamSecrets.temporalApiKey}`, "temporal-cloud-api-version": "2024-10-01-00" });

export async function temporalRole(userId: string): Promise<string> {
  const response = await fetch(`${process.env.TEMPORAL_CLOUD_API_URL}/cloud/users/${userId}`, { headers: temporalHeaders() });
  const body = (await response.json()) as { user: { spec: { access: { accountAccess: { role: string } } } } };
  return body.user.spec.access.accountAccess.role;
}

/** The Temporal Cloud user with this email (GetUsers' `email` filter), or undefined. */
export async function temporalUserByEmail(email: string): Promise<{ id: string; spec: { access: { accountAccess: { role: string } } } } | undefined> {
  const response = await fetch(`${process.env.TEMPORAL_CLOUD_API_URL}/cloud/users?email=${encodeURIComponent(email)}`, { headers: temporalHeaders() });
  const body = (await response.json()) as { users?: { id: string; spec: { access: { accountAccess: { role: string } } } }[] };
  return body.users?.[0];
}

/** The store's view: which entitlements the principal holds in the connector's current snapshot. */
export async function heldInStore(connectorId: string, principalId: string): Promise<string[]> {
  const { rows } = await testDb().query(
    `SELECT g.entitlement_id FROM grants g JOIN connectors c ON c.current_sync_run_id = g.sync_run_id WHERE c.id = $1 AND g.principal_external_id = $2 ORDER BY 1`,
    [connectorId, principalId],
  );
  return rows.map((row: { entitlement_id: string }) => row.entitlement_id);
}

export async function connect(page: Page, kind: "temporal" | "cloudflare", appName = `${kind === "temporal" ? "Temporal" : "Cloudflare"} provisioning ${Date.now()}`) {
  const catalogName = kind === "temporal" ? "Temporal Cloud" : "Cloudflare v2";
  const id = await addConnector(page, { search: kind === "temporal" ? "Temporal" : "Cloudflare", catalogName, app: { kind: "new", name: appName } });
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  if (kind === "temporal") {
    await settingsInput(page, "API key").fill(upstreamSecrets.temporalApiKey);
  } else {
    await settingsInput(page, "Account ID").fill("cf-demo-account");
    await settingsInput(page, "API token").fill(upstreamSecrets.cloudflareToken);
  }
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await waitForConnected(page);
  const { rows } = await testDb().query(`SELECT application_id FROM connectors WHERE id = $1`, [id]);
  return { id, appId: rows[0].application_id as string, connectorPath: page.url() };
}

export async function enableProvisioning(page: Page, connectorPath: string) {
  await page.goto(connectorPath);
  await page.getByRole("button", { name: "Enable provisioning" }).click();
  await expect(page.getByTestId("provisioning-state")).toContainText("On");
}

export async function openEntitlement(page: Page, appId: string, name: string) {
  await page.goto(`/applications/${appId}`);
  await page.getByRole("searchbox", { name: "Search entitlements" }).fill(name);
  await page.getByRole("searchbox", { name: "Search entitlements" }).press("Enter");
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
}

/** In the open Grant dialog: type into the account picker and click the matching option. */
export async function pickGrantAccount(page: Page, typed: string, option: string | RegExp) {
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox", { name: "Account" }).fill(typed);
  await dialog.getByRole("option", { name: option }).click();
}
