// Provisioning from the console (issue #7): Grant and Revoke on an entitlement's page against
// both simulators, the refusals (provisioning off, non-provisionable roles, the upstream's own
// refusals), the simulator's state afterwards, and the audit entries shown and exported.
// Each journey puts the simulator back as it found it: the simulators are shared by the run.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { connect, enableProvisioning, heldInStore, openEntitlement, pickGrantAccount, temporalRole } from "./provisioning-helpers";
import { addBatonConnector, rotate, runRunnerOnce } from "./self-hosted-helpers";
import { testDb } from "./support/db";
import { upstreamSecrets } from "./support/secrets";

const TEMPORAL_ADAM = "2d7a5e3fb04c6a8dae9f3c4d5e6f7081";
const CLOUDFLARE_GRACE = "93f784e3ad474276be6a0bad363c2d03";

async function cloudflareRoleNames(memberId: string): Promise<string[]> {
  const response = await fetch(`${process.env.CLOUDFLARE_API_URL}/accounts/cf-demo-account/members/${memberId}`, { headers: { authorization: `Bearer ${upstreamSecrets.cloudflareToken}` } });
  const body = (await response.json()) as { result: { roles: { name: string }[] } };
  return body.result.roles.map((role) => role.name).sort();
}

const holder = (page: Page, email: string) => page.getByTestId("holder-row").filter({ hasText: email });

test("Temporal Cloud: revoke downgrades, grant restores, Owner and provisioning-off are refused, all audited", async ({ adminPage: page, superAdmin }) => {
  const tc = await connect(page, "temporal");

  // Provisioning off: no Grant, no Revoke.
  await openEntitlement(page, tc.appId, "Account Admin Role Member");
  await expect(holder(page, "adam.admin@example.com")).toBeVisible();
  await expect(page.getByRole("button", { name: "Grant" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);

  await enableProvisioning(page, tc.connectorPath);

  // Account Owner is never provisionable, whatever the switch says.
  await openEntitlement(page, tc.appId, "Account Owner Role Member");
  await expect(page.locator("main").getByText("Not provisionable", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Grant" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);

  // Revoke: the dialog names the downgrade; the store and Temporal Cloud both show Developer.
  await openEntitlement(page, tc.appId, "Account Admin Role Member");
  await holder(page, "adam.admin@example.com").getByRole("button", { name: "Revoke from adam.admin@example.com" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("provisioning-summary")).toHaveText(
    /^Revoke Account Admin Role Member from adam\.admin@example\.com in .+\. Temporal Cloud users must keep a role, so they will be downgraded to Developer\.$/,
  );
  await page.screenshot({ path: "test-results/screens/provisioning-revoke-dialog.png", fullPage: true });
  await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText(/Moved adam\.admin@example\.com from Account Admin down to Developer\. A sync has been queued/)).toBeVisible({ timeout: 30_000 });
  await expect(holder(page, "adam.admin@example.com")).toHaveCount(0);
  expect(await temporalRole(TEMPORAL_ADAM)).toBe("ROLE_DEVELOPER");
  expect(await heldInStore(tc.id, TEMPORAL_ADAM)).toContain("account-role:developer:member");
  expect(await heldInStore(tc.id, TEMPORAL_ADAM)).not.toContain("account-role:admin:member");

  // Grant it back: choose the account in the dialog.
  await page.getByRole("button", { name: "Grant" }).click();
  await pickGrantAccount(page, "adam.ad", "adam.admin@example.com");
  await expect(page.getByRole("dialog").getByTestId("provisioning-summary")).toContainText("Grant Account Admin Role Member to adam.admin@example.com");
  await expect(page.getByRole("dialog").getByTestId("provisioning-summary")).toContainText("this replaces their current one");
  await page.screenshot({ path: "test-results/screens/provisioning-grant-dialog.png", fullPage: true });
  await page.getByRole("dialog").getByRole("button", { name: "Grant", exact: true }).click();
  await expect(page.getByText(/Gave adam\.admin@example\.com the Account Admin role\./)).toBeVisible({ timeout: 30_000 });
  await expect(holder(page, "adam.admin@example.com")).toBeVisible();
  expect(await temporalRole(TEMPORAL_ADAM)).toBe("ROLE_ADMIN");
  expect(await heldInStore(tc.id, TEMPORAL_ADAM)).toContain("account-role:admin:member");
  await page.screenshot({ path: "test-results/screens/provisioning-entitlement.png", fullPage: true });

  // The upstream side refuses: the Owner's role is never changed. The message shows; nothing changes.
  const ownerBefore = await heldInStore(tc.id, "0b5e3c1d9f2a4e6b8c7d1a2b3c4d5e6f");
  await page.getByRole("button", { name: "Grant" }).click();
  await pickGrantAccount(page, "olivia", "olivia.owner@example.com");
  await page.getByRole("dialog").getByRole("button", { name: "Grant", exact: true }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("olivia.owner@example.com is Account Owner; the connector never changes that role.");
  expect(await heldInStore(tc.id, "0b5e3c1d9f2a4e6b8c7d1a2b3c4d5e6f")).toEqual(ownerBefore);
  expect(await temporalRole("0b5e3c1d9f2a4e6b8c7d1a2b3c4d5e6f")).toBe("ROLE_OWNER");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  // Audit: who, what, for whom, the result; shown and exported.
  await page.goto("/admin/audit-log");
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: `${superAdmin.email} revoked Account Admin Role Member from adam.admin@example.com` })).toHaveCount(1);
  await expect(rows.filter({ hasText: `${superAdmin.email} granted Account Admin Role Member to adam.admin@example.com` })).toHaveCount(1);
  await expect(rows.filter({ hasText: `${superAdmin.email} tried to grant Account Admin Role Member to olivia.owner@example.com` })).toContainText("refused");
  await page.screenshot({ path: "test-results/screens/provisioning-audit.png", fullPage: true });
  await page.getByLabel("Kind").selectOption("provisioning.grant");
  await page.getByRole("button", { name: "Filter" }).click();
  const download = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]).then(([d]) => d);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv).toContain(`${superAdmin.email} granted Account Admin Role Member to adam.admin@example.com`);
  expect(csv).toMatch(/tried to grant Account Admin Role Member to olivia\.owner@example\.com.*refused/);
  expect(csv).not.toContain("revoked Account Admin");
});

test("Cloudflare: grant and revoke a role, refuse taking a member's last role", async ({ adminPage: page }) => {
  const cf = await connect(page, "cloudflare");
  await openEntitlement(page, cf.appId, "DNS Member Role");
  await expect(page.getByRole("button", { name: "Grant" })).toHaveCount(0);
  await enableProvisioning(page, cf.connectorPath);

  await openEntitlement(page, cf.appId, "DNS Member Role");
  await page.getByRole("button", { name: "Grant" }).click();
  await pickGrantAccount(page, "grace@", /^Grace Hopper\s*grace@example\.com$/);
  await page.getByRole("dialog").getByRole("button", { name: "Grant", exact: true }).click();
  await expect(page.getByText(/Granted DNS to grace@example\.com\./)).toBeVisible({ timeout: 30_000 });
  await expect(holder(page, "grace@example.com")).toBeVisible();
  expect(await cloudflareRoleNames(CLOUDFLARE_GRACE)).toEqual(["Administrator", "DNS"]);

  await holder(page, "grace@example.com").getByRole("button", { name: "Revoke from grace@example.com" }).click();
  await expect(page.getByRole("dialog").getByTestId("provisioning-summary")).toHaveText(/^Revoke DNS Member Role from grace@example\.com in .+\.$/);
  await page.getByRole("dialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText(/Revoked DNS from grace@example\.com\./)).toBeVisible({ timeout: 30_000 });
  await expect(holder(page, "grace@example.com")).toHaveCount(0);
  expect(await cloudflareRoleNames(CLOUDFLARE_GRACE)).toEqual(["Administrator"]);

  // Katherine's only role: Cloudflare members must keep one. Refused with the adapter's words.
  await holder(page, "katherine@example.com").getByRole("button", { name: "Revoke from katherine@example.com" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByRole("dialog").getByRole("alert")).toContainText("a Cloudflare member must keep at least one role");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(holder(page, "katherine@example.com")).toBeVisible();
  expect(await cloudflareRoleNames("bc2c1d577d7c3ee74016d4e16933d338")).toEqual(["DNS"]);
});

test("Baton with the Cloudflare runner: the grant waits for the runner, which does it and reports back", async ({ adminPage: page }) => {
  const { id, appName } = await addBatonConnector(page, "Cloudflare v2");
  const connectorPath = page.url();
  const { clientId, clientSecret } = await rotate(page);
  const runner = () => runRunnerOnce({ BATON_CLIENT_ID: clientId, BATON_CLIENT_SECRET: clientSecret, BATON_ACCOUNT_ID: "cf-demo-account", BATON_API_TOKEN: upstreamSecrets.cloudflareToken });
  expect((await runner()).code).toBe(0);
  await enableProvisioning(page, connectorPath);
  const { rows } = await testDb().query(`SELECT id FROM applications WHERE name = $1`, [appName]);

  await openEntitlement(page, rows[0].id, "DNS Member Role");
  await page.getByRole("button", { name: "Grant" }).click();
  await pickGrantAccount(page, "grace@", /^Grace Hopper\s*grace@example\.com$/);
  await page.getByRole("dialog").getByRole("button", { name: "Grant", exact: true }).click();
  await expect(page.getByText(/Sent to the runner of .+\. The change shows here when the runner reports it done\./)).toBeVisible();
  await expect(holder(page, "grace@example.com")).toHaveCount(0);
  expect(await cloudflareRoleNames(CLOUDFLARE_GRACE)).toEqual(["Administrator"]);

  const run = await runner();
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain("Ran 1 provisioning task(s); 0 did not succeed.");
  expect(await cloudflareRoleNames(CLOUDFLARE_GRACE)).toEqual(["Administrator", "DNS"]);
  await page.reload();
  await expect(holder(page, "grace@example.com")).toBeVisible();
  expect(await heldInStore(id, CLOUDFLARE_GRACE)).toContain("role:2d089d8245b45661bfb5af1b8bb80d92:member");

  // Put the shared simulator back: revoke through the runner too.
  await holder(page, "grace@example.com").getByRole("button", { name: "Revoke from grace@example.com" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText(/Sent to the runner of/)).toBeVisible();
  expect((await runner()).code).toBe(0);
  expect(await cloudflareRoleNames(CLOUDFLARE_GRACE)).toEqual(["Administrator"]);

  await page.goto("/admin/audit-log");
  await expect(page.getByTestId("audit-row").filter({ hasText: "asked the runner of" }).first()).toBeVisible();
  await expect(page.getByTestId("audit-row").filter({ hasText: /The runner of .+ granted DNS Member Role to grace@example\.com/ })).toHaveCount(1);
});
