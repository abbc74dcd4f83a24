// Grants where people look for them (issue #18): the Grant dialog's search-as-you-type picker
// among 5,000 accounts, Revoke from an account's page, and inviting and removing a Temporal
// Cloud user from the Accounts tab, each reaching the simulator and confirmed by the next sync.
// Each journey puts the shared simulator back as it found it.
import type { Page } from "@playwright/test";
import { getConnector } from "@/lib/connectors/registry";
import type { SyncRecord } from "@/lib/connectors/types";
import { expect, test } from "./fixtures";
import { connect, enableProvisioning, openEntitlement, temporalRole, temporalUserByEmail } from "./provisioning-helpers";
import { testDb } from "./support/db";
import { upstreamSecrets } from "./support/secrets";

const RILEY = "50ad8162e37f9db0d1c26f708192a3b4";
const SCREENS = "test-results/screens";
const BULK = 4_990; // with the simulator's 8 users and 2 service accounts: 5,000 accounts

/** The connector's real sync of the simulator, with thousands of generated accounts beside it. */
async function* withBulkAccounts(): AsyncGenerator<SyncRecord> {
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  const config = { apiKey: upstreamSecrets.temporalApiKey, defaultAccountRole: "read", apiVersion: "2024-10-01-00" };
  yield* getConnector("temporal-cloud").sync(config, { baseUrl: process.env.TEMPORAL_CLOUD_API_URL!, fetch, logger: silent });
  for (let i = 1; i <= BULK; i++) {
    const n = String(i).padStart(4, "0");
    yield { type: "resource", resourceTypeId: "user", id: `bulk${n}`, displayName: `bulk.person.${n}@bulk.example`, user: { email: `bulk.person.${n}@bulk.example`, status: "enabled" } };
  }
}

/** The connector's latest finished sync (its end time as text), to wait for a later one. */
async function lastSyncEnd(connectorId: string): Promise<string | null> {
  const { rows } = await testDb().query(`SELECT max(finished_at)::text AS at FROM sync_runs WHERE connector_id = $1`, [connectorId]);
  return rows[0]?.at ?? null;
}

/** Waits for the confirming sync: one that finished after `before`, and succeeded. */
async function waitForSyncAfter(connectorId: string, before: string | null) {
  await expect
    .poll(
      async () => {
        const { rows } = await testDb().query(`SELECT status, finished_at::text AS at FROM sync_runs WHERE connector_id = $1 AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1`, [connectorId]);
        return rows[0] && rows[0].at !== before ? rows[0].status : "waiting";
      },
      { timeout: 60_000 },
    )
    .toBe("SUCCEEDED");
}

async function accountsTab(page: Page, appId: string, q?: string) {
  await page.goto(`/applications/${appId}?tab=accounts${q ? `&q=${encodeURIComponent(q)}` : ""}`);
}

const accountRow = (page: Page, email: string) => page.getByTestId("account-row").filter({ hasText: email });

test("a grant to an account found by part of its email among 5,000, and a revoke from the account page, both reach Temporal Cloud", async ({ adminPage: page }) => {
  const tc = await connect(page, "temporal");
  await enableProvisioning(page, tc.connectorPath);
  const { ingestRecords } = await import("@/lib/sync");
  await ingestRecords(tc.id, withBulkAccounts(), { trigger: "upload" });
  await accountsTab(page, tc.appId);
  await expect(page.getByTestId("list-total")).toHaveText("5,000 accounts");

  await openEntitlement(page, tc.appId, "Developer Role Member");
  await page.getByRole("button", { name: "Grant" }).click();
  const dialog = page.getByRole("dialog");
  const box = dialog.getByRole("combobox", { name: "Account" });
  // Opening lists accounts in name order, in pages; nothing is chosen yet.
  await box.focus();
  await expect(dialog.getByRole("option").first()).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Grant", exact: true })).toBeDisabled();

  // A holder is shown as such and cannot be chosen.
  await box.fill("dana.d");
  const dana = dialog.getByRole("option", { name: /dana\.dev@example\.com/ });
  await expect(dana).toContainText("Already holds it");
  await expect(dana).toHaveAttribute("aria-disabled", "true");
  await page.screenshot({ path: `${SCREENS}/grant-picker-holder.png`, fullPage: true });

  // Nothing matches: said so. Escape closes the list, not the dialog.
  await box.fill("nobody-at-all");
  await expect(dialog.getByRole("status")).toHaveText("No accounts match “nobody-at-all”");
  await page.screenshot({ path: `${SCREENS}/grant-picker-empty.png`, fullPage: true });
  await box.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(dialog).toBeVisible();

  // Part of an email, in another case, then the keyboard only: ArrowDown and Enter.
  await box.fill("RILEY.RE");
  await expect(dialog.getByRole("option")).toHaveCount(1);
  await box.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await page.screenshot({ path: `${SCREENS}/grant-picker-active.png`, fullPage: true });
  await box.press("Enter");
  await expect(box).toHaveValue("riley.read@example.com");
  await expect(dialog.getByTestId("provisioning-summary")).toContainText("Grant Developer Role Member to riley.read@example.com");
  await page.screenshot({ path: `${SCREENS}/grant-dialog-chosen.png`, fullPage: true });
  await dialog.getByRole("button", { name: "Grant", exact: true }).click();
  await expect(page.getByText(/Gave riley\.read@example\.com the Developer role\. A sync has been queued/)).toBeVisible({ timeout: 30_000 });
  expect(await temporalRole(RILEY)).toBe("ROLE_DEVELOPER");

  // Revoke from Riley's own page: the same confirmation, naming the downgrade.
  await accountsTab(page, tc.appId, "riley");
  await page.getByRole("link", { name: "riley.read@example.com" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("riley.read@example.com");
  const grants = page.getByTestId("grant-row");
  await expect(grants.filter({ hasText: "Developer Role Member" })).toBeVisible();
  // Read is the floor: never offered.
  await expect(grants.filter({ hasText: "Read Role Member" }).getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/account-page-grants.png`, fullPage: true });
  await page.getByRole("button", { name: "Revoke Developer Role Member" }).click();
  await expect(page.getByRole("dialog").getByTestId("provisioning-summary")).toHaveText(
    /^Revoke Developer Role Member from riley\.read@example\.com in .+\. Temporal Cloud users must keep a role, so they will be downgraded to Read\.$/,
  );
  await page.screenshot({ path: `${SCREENS}/account-page-revoke-dialog.png`, fullPage: true });
  await page.getByRole("dialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText(/Moved riley\.read@example\.com from Developer down to Read\. A sync has been queued/)).toBeVisible({ timeout: 30_000 });
  await expect(grants.filter({ hasText: "Developer Role Member" })).toHaveCount(0);
  expect(await temporalRole(RILEY)).toBe("ROLE_READ");
});

test("a Temporal Cloud user is invited and removed from the Accounts tab; the Owner is refused with the reason", async ({ adminPage: page }) => {
  const email = `nia.new.${Date.now()}@example.com`;
  const tc = await connect(page, "temporal");

  // Provisioning off: no Invite, no Remove, and the tab says why.
  await accountsTab(page, tc.appId);
  await expect(page.getByTestId("account-lifecycle-refusal")).toContainText("Provisioning is off for");
  await expect(page.getByRole("button", { name: "Invite account" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await enableProvisioning(page, tc.connectorPath);

  await accountsTab(page, tc.appId);
  await page.getByRole("button", { name: "Invite account" }).click();
  const form = page.getByRole("form", { name: "Invite account" });
  await form.getByLabel("Email").fill("not an email");
  await form.getByRole("button", { name: "Invite account" }).click();
  await expect(form.getByText("Enter a valid email address.")).toBeVisible();
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Account role").selectOption({ label: "Developer" });
  await page.screenshot({ path: `${SCREENS}/accounts-invite-dialog.png`, fullPage: true });
  const beforeInvite = await lastSyncEnd(tc.id);
  await form.getByRole("button", { name: "Invite account" }).click();
  await expect(page.getByText(`Invited ${email} with the Developer role. A sync has been queued to confirm it.`)).toBeVisible({ timeout: 30_000 });
  const invited = await temporalUserByEmail(email);
  expect(invited?.spec.access.accountAccess.role).toBe("ROLE_DEVELOPER");
  await waitForSyncAfter(tc.id, beforeInvite);
  await accountsTab(page, tc.appId, email);
  await expect(accountRow(page, email)).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/accounts-tab-invited.png`, fullPage: true });

  // The Account Owner: Remove explains why not, and offers no way to go on.
  await accountsTab(page, tc.appId, "olivia");
  await page.getByRole("button", { name: "Remove olivia.owner@example.com" }).click();
  await expect(page.getByRole("dialog")).toContainText("olivia.owner@example.com holds Account Owner Role Member, which the connector never changes, so it cannot be removed here.");
  await expect(page.getByRole("dialog").getByRole("button", { name: "Remove", exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/accounts-remove-owner-refused.png`, fullPage: true });
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
  expect(await temporalUserByEmail("olivia.owner@example.com")).toBeDefined();

  // Remove the invited user: asked first, gone from Temporal Cloud and, after the sync, the tab.
  await accountsTab(page, tc.appId, email);
  await page.getByRole("button", { name: `Remove ${email}` }).click();
  await expect(page.getByRole("dialog").getByTestId("provisioning-summary")).toContainText(`Remove ${email} from`);
  await page.screenshot({ path: `${SCREENS}/accounts-remove-dialog.png`, fullPage: true });
  const beforeRemove = await lastSyncEnd(tc.id);
  await page.getByRole("dialog").getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.getByText(`Removed ${email} from Temporal Cloud. A sync has been queued to confirm it.`)).toBeVisible({ timeout: 30_000 });
  expect(await temporalUserByEmail(email)).toBeUndefined();
  await waitForSyncAfter(tc.id, beforeRemove);
  await accountsTab(page, tc.appId, email);
  await expect(accountRow(page, email)).toHaveCount(0);
  await page.screenshot({ path: `${SCREENS}/accounts-tab-removed.png`, fullPage: true });
});
