// Access reviews (issue 14), the "Done when" journey: an admin launches a campaign over the
// Cloudflare and Temporal Cloud apps with the app owners as reviewers; the owner (a plain USER)
// gets the email over SMTP, certifies most items in bulk and revokes two with reasons; the admin
// closes; the revokes reach the simulators; the next sync verifies them; the CSV and the HTML
// report hold every item. The simulators are shared by the run: both revokes are put back.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { connect, enableProvisioning, temporalRole } from "./provisioning-helpers";
import { testDb } from "./support/db";
import { firstLink, waitForMail } from "./support/mailbox";
import { upstreamSecrets } from "./support/secrets";

const TEMPORAL_ADAM = "2d7a5e3fb04c6a8dae9f3c4d5e6f7081";
const CLOUDFLARE_ALAN = "fb9fd8f9fa9dd58d41e2218f8580af03";
const ALAN_ROLES = ["9e77fb8ae8321886e37cd38cae91bcb0", "0ffc9bdc95e5c02a4e554dd2f4cd425e"]; // Billing, Analytics
const cfHeaders = () => ({ authorization: `Bearer ${upstreamSecrets.cloudflareToken}`, "content-type": "application/json" });
const temporalHeaders = () => ({ authorization: `Bearer ${upstreamSecrets.temporalApiKey}`, "temporal-cloud-api-version": "2024-10-01-00", "content-type": "application/json" });

async function cloudflareRoleNames(memberId: string): Promise<string[]> {
  const response = await fetch(`${process.env.CLOUDFLARE_API_URL}/accounts/cf-demo-account/members/${memberId}`, { headers: cfHeaders() });
  const body = (await response.json()) as { result: { roles: { name: string }[] } };
  return body.result.roles.map((role) => role.name).sort();
}

/** Puts the shared simulators back as the other specs expect them. */
async function restoreSimulators() {
  await fetch(`${process.env.CLOUDFLARE_API_URL}/accounts/cf-demo-account/members/${CLOUDFLARE_ALAN}`, { method: "PUT", headers: cfHeaders(), body: JSON.stringify({ roles: ALAN_ROLES.map((id) => ({ id })) }) });
  if ((await temporalRole(TEMPORAL_ADAM)) === "ROLE_ADMIN") return;
  const user = (await (await fetch(`${process.env.TEMPORAL_CLOUD_API_URL}/cloud/users/${TEMPORAL_ADAM}`, { headers: temporalHeaders() })).json()) as { user: { spec: { access: { accountAccess: { role: string } } }; resourceVersion: string } };
  const spec = { ...user.user.spec, access: { ...user.user.spec.access, accountAccess: { role: "ROLE_ADMIN" } } };
  await fetch(`${process.env.TEMPORAL_CLOUD_API_URL}/cloud/users/${TEMPORAL_ADAM}`, { method: "POST", headers: temporalHeaders(), body: JSON.stringify({ spec, resourceVersion: user.user.resourceVersion }) });
}

const itemRow = (page: Page, email: string, entitlement: string) => page.getByTestId("review-item").filter({ hasText: email }).filter({ hasText: entitlement });

async function revokeWithReason(page: Page, email: string, entitlement: string, reason: string) {
  await page.getByRole("button", { name: `Revoke ${entitlement} of ${email}` }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Revoke", exact: true }).click();
  await expect(page.getByText("Revoked 1 item.")).toBeVisible();
  await expect(itemRow(page, email, entitlement).getByTestId("item-state")).toContainText("Revoke");
}

test("a campaign over Cloudflare and Temporal Cloud: owners review, revokes reach the upstreams, the next sync verifies, evidence holds every item", async ({ adminPage: page, superAdmin, plainUser, browser }) => {
  test.setTimeout(240_000);
  try {
    const tc = await connect(page, "temporal");
    await enableProvisioning(page, tc.connectorPath);
    const cf = await connect(page, "cloudflare");
    await enableProvisioning(page, cf.connectorPath);
    // The apps' owner is a plain USER (the admin who added the connectors hands them over).
    for (const connectorId of [tc.id, cf.id]) {
      await testDb().query(`DELETE FROM connector_owners WHERE connector_id = $1`, [connectorId]);
      await testDb().query(`INSERT INTO connector_owners (connector_id, user_id) VALUES ($1, $2)`, [connectorId, plainUser.id]);
    }
    const appNames = (await testDb().query<{ name: string }>(`SELECT name FROM applications WHERE id = ANY($1) ORDER BY name`, [[tc.appId, cf.appId]])).rows.map((r) => r.name);

    // The admin creates and launches the campaign.
    await page.goto("/admin/access-reviews");
    await page.getByRole("link", { name: "New campaign" }).first().click();
    const name = `Q4 access review ${Date.now()}`;
    await page.getByLabel("Name", { exact: true }).fill(name);
    for (const app of appNames) {
      await page.getByRole("combobox", { name: "Managed apps" }).fill(app);
      await page.getByRole("option", { name: app }).click();
    }
    await expect(page.getByRole("radio", { name: "App owners (the connector owners)" })).toBeChecked();
    await page.getByLabel("Fallback reviewer").selectOption({ label: `${superAdmin.name} (${superAdmin.email})` });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("campaign-status")).toHaveAttribute("data-status", "DRAFT");
    const campaignId = page.url().split("/").pop()!;
    await page.getByRole("button", { name: "Launch" }).click();
    await expect(page.getByText(/^Launched: \d+ items for 1 reviewers/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("campaign-status")).toHaveAttribute("data-status", "ACTIVE");
    const { rows: counted } = await testDb().query<{ n: number }>(`SELECT count(*)::int AS n FROM reviews.items WHERE campaign_id = $1 AND reviewer_id = $2`, [campaignId, plainUser.id]);
    const total = counted[0].n;
    expect(total).toBeGreaterThan(10);
    await expect(page.getByTestId("figure-Items")).toHaveText(String(total));

    // The owner, a plain USER, gets the email over SMTP and follows its link.
    const mail = await waitForMail(plainUser.email, `${total} items to review in ${name}`);
    expect(mail.text).toContain(`You have ${total} items to review`);
    const link = new URL(firstLink(mail, "/reviews"));
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    await signIn(owner, plainUser);
    await owner.goto(`${link.pathname}${link.search}`);
    await expect(owner.getByRole("heading", { name: "My reviews" })).toBeVisible();
    await expect(owner.getByTestId("review-item")).toHaveCount(total);
    // A revoke needs a reason: without one nothing is sent.
    await owner.getByRole("button", { name: "Revoke Account Admin Role Member of adam.admin@example.com" }).click();
    await owner.getByRole("dialog").getByRole("button", { name: "Revoke", exact: true }).click();
    await expect(owner.getByRole("dialog").getByRole("alert")).toHaveText("Give a reason for revoking.");
    await owner.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await expect(itemRow(owner, "adam.admin@example.com", "Account Admin Role Member").getByTestId("item-state")).toHaveText("Undecided");
    await revokeWithReason(owner, "adam.admin@example.com", "Account Admin Role Member", "Moved to the data team; Developer is enough");
    await revokeWithReason(owner, "alan@example.com", "Analytics Member Role", "No longer reads analytics");
    await owner.getByRole("checkbox", { name: "Select every undecided item on this page" }).check();
    await expect(owner.getByText(`${total - 2} selected`)).toBeVisible();
    await owner.getByRole("button", { name: "Certify selected" }).click();
    await expect(owner.getByText(`Certified ${total - 2} items.`)).toBeVisible();
    await expect(owner.getByTestId("item-state").filter({ hasText: "Undecided" })).toHaveCount(0);
    await owner.screenshot({ path: "test-results/screens/access-reviews-inbox.png", fullPage: true });

    // The admin closes; the revokes go through provisioning and reach the simulators.
    await page.reload();
    await expect(page.getByTestId("figure-Decided")).toHaveText(String(total));
    await page.getByRole("button", { name: "Close campaign" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Close campaign" }).click();
    await expect(page.getByTestId("campaign-status")).toHaveAttribute("data-status", "CLOSED");
    await expect.poll(() => temporalRole(TEMPORAL_ADAM), { timeout: 60_000 }).toBe("ROLE_DEVELOPER");
    await expect.poll(() => cloudflareRoleNames(CLOUDFLARE_ALAN), { timeout: 60_000 }).toEqual(["Billing"]);

    // The syncs the revokes queued verify them.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("figure-Verified")).toHaveText("2");
    }).toPass({ timeout: 90_000 });
    await expect(page.getByTestId("figure-Still present")).toHaveText("0");
    await page.screenshot({ path: "test-results/screens/access-reviews-campaign.png", fullPage: true });
    await owner.reload();
    await expect(itemRow(owner, "adam.admin@example.com", "Account Admin Role Member").getByTestId("item-state")).toContainText("Verified");

    // Evidence: the CSV and the printable report hold every item.
    const download = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]).then(([d]) => d);
    const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(total + 1);
    expect(lines[0]).toContain("Reviewer,Decision,Reason,Decided by,Decided at,Remediation");
    expect(lines.filter((l) => l.includes(",Revoke,") && l.includes("Verified"))).toHaveLength(2);
    expect(csv).toContain("No longer reads analytics");
    expect(lines.filter((l) => l.includes(",Certify,"))).toHaveLength(total - 2);
    await page.goto(`/api/access-reviews/${campaignId}/report`);
    await expect(page.locator("tr[data-item]")).toHaveCount(total);
    await expect(page.locator('[data-figure="Verified"]')).toHaveText("2");
    await page.screenshot({ path: "test-results/screens/access-reviews-report.png", fullPage: true });

    // A decision after close is refused server-side, nothing changes.
    await owner.goto(`/reviews?campaign=${campaignId}`);
    await expect(owner.getByRole("button", { name: "Certify selected" })).toHaveCount(0);
    await ownerContext.close();
  } finally {
    await restoreSimulators();
  }
});
