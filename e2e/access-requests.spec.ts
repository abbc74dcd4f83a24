// Just-in-time access requests (issue 15), on the demo data against the simulators: a USER
// requests Cloudflare "Administrator" for 1 hour; the app owner is emailed, approves; the role
// appears in the Cloudflare simulator; with the test clock moved past the end the role is revoked
// there and the request shows Expired. Temporal Cloud's Owner can never be requested.
import type { Browser } from "@playwright/test";
import { advanceTestClock } from "@/lib/clock";
import { expect, signIn, test } from "./fixtures";
import { connect, enableProvisioning } from "./provisioning-helpers";
import { createUser, testDb, type TestUser } from "./support/db";
import { firstLink, waitForMail } from "./support/mailbox";
import { upstreamSecrets } from "./support/secrets";

const MARGARET = "719c00056a63b91375df8aec2606fb25";
const HOUR = 3600_000;

async function cloudflareRoleNames(memberId: string): Promise<string[]> {
  const response = await fetch(`${process.env.CLOUDFLARE_API_URL}/accounts/cf-demo-account/members/${memberId}`, { headers: { authorization: `Bearer ${upstreamSecrets.cloudflareToken}` } });
  const body = (await response.json()) as { result: { roles: { name: string }[] } };
  return body.result.roles.map((role) => role.name).sort();
}

async function pageFor(browser: Browser, user: TestUser) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

test("a USER requests Cloudflare Administrator for 1 hour, the owner approves by the emailed link, it is granted, then expires and is revoked", async ({ adminPage: page, browser }) => {
  test.setTimeout(300_000);
  const cf = await connect(page, "cloudflare", `Cloudflare requests ${Date.now()}`);
  await enableProvisioning(page, cf.connectorPath);
  const tc = await connect(page, "temporal", `Temporal requests ${Date.now()}`);
  await enableProvisioning(page, tc.connectorPath);
  const owner = await createUser("USER", { name: "Olga Owner" });
  await testDb().query(`INSERT INTO application_owners (application_id, user_id) VALUES ($1, $2)`, [cf.appId, owner.id]);
  const { rows } = await testDb().query(`SELECT name FROM applications WHERE id = $1`, [cf.appId]);
  const appName = rows[0].name as string;

  // Settings: the app's defaults make its roles requestable, up to a day, 1 hour by default.
  await page.goto(`/applications/${cf.appId}`);
  await page.getByRole("link", { name: "Request settings" }).click();
  await page.getByLabel("Requestable").check();
  await page.getByLabel("Maximum duration").selectOption({ label: "1 day" });
  await page.getByLabel("Default duration").selectOption({ label: "1 hour" });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByTestId("settings-entitlement-row").filter({ hasText: "Administrator Member Role" }).first()).toContainText("Requestable");
  await page.screenshot({ path: "test-results/screens/requests-settings.png", fullPage: true });

  // Temporal Cloud: requestable by default, but the Owner role never.
  await page.goto(`/applications/${tc.appId}/request-settings`);
  await page.getByLabel("Requestable").check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto(`/applications/${tc.appId}/request-settings?q=Owner`);
  await expect(page.getByTestId("settings-entitlement-row").filter({ hasText: "Account Owner Role Member" })).toContainText("Never:");

  // The requester: their console email is their Cloudflare account's.
  const requester = await createUser("USER", { email: "margaret@example.com", name: "Margaret Hamilton" });
  const userPage = await pageFor(browser, requester);
  await userPage.goto("/requests?q=Owner");
  await expect(userPage.getByTestId("catalog-row").filter({ hasText: "Account Owner" })).toHaveCount(0);
  await userPage.goto(`/requests/new?connectorId=${tc.id}&entitlementId=${encodeURIComponent("account-role:owner:member")}`);
  await expect(userPage.getByTestId("request-refusal")).toContainText("cannot be requested");
  await expect(userPage.getByRole("button", { name: "Request" })).toHaveCount(0);

  await userPage.goto("/requests");
  await userPage.getByRole("searchbox", { name: "Search requestable entitlements" }).fill("Administrator");
  await userPage.getByRole("searchbox", { name: "Search requestable entitlements" }).press("Enter");
  await expect(userPage.getByTestId("catalog-row").filter({ hasText: "Administrator Read Only Member Role" })).toContainText("You have this");
  await userPage.screenshot({ path: "test-results/screens/requests-catalog.png", fullPage: true });
  await userPage.getByRole("link", { name: `Request Administrator Member Role in ${appName}` }).click();
  await userPage.getByLabel("Duration").selectOption({ label: "1 hour" });
  // Without a justification the server and the form both say so.
  await userPage.getByRole("button", { name: "Request", exact: true }).click();
  await expect(userPage.locator("#request-justification-error")).toHaveText("Say why you need this access.");
  await userPage.getByLabel("Justification").fill("Rotating the DNS records for the incident INC-42.");
  await userPage.getByRole("button", { name: "Request", exact: true }).click();
  await expect(userPage.getByTestId("request-state")).toHaveText("Pending");
  const requestUrl = userPage.url();
  await userPage.goto("/requests/mine");
  await expect(userPage.getByTestId("request-row").first()).toContainText("Pending");
  await userPage.screenshot({ path: "test-results/screens/requests-mine.png", fullPage: true });

  // The owner's email links to the request; the decision is made signed in.
  const mail = await waitForMail(owner.email, /^Approval needed: Administrator Member Role/);
  expect(mail.text).toContain("Rotating the DNS records");
  const link = firstLink(mail, "/requests/");
  expect(new URL(link).pathname).toBe(new URL(requestUrl).pathname);
  const ownerPage = await pageFor(browser, owner);
  await ownerPage.goto("/requests/approvals");
  await expect(ownerPage.getByTestId("request-row").filter({ hasText: "margaret@example.com" })).toBeVisible();
  await ownerPage.screenshot({ path: "test-results/screens/requests-approvals.png", fullPage: true });
  await ownerPage.goto(new URL(link).pathname);
  await ownerPage.getByLabel("Comment").fill("OK for the incident.");
  await ownerPage.getByRole("button", { name: "Approve" }).click();
  await expect(ownerPage.getByTestId("request-state")).toContainText("Active until", { timeout: 30_000 });
  await ownerPage.screenshot({ path: "test-results/screens/requests-approved.png", fullPage: true });
  expect(await cloudflareRoleNames(MARGARET)).toContain("Administrator");
  await waitForMail(requester.email, /^Approved: Administrator Member Role/);

  // Approving again (a stale tab) is refused, and nothing changes.
  await userPage.goto(requestUrl);
  await expect(userPage.getByTestId("request-state")).toContainText("Active until");

  // An hour and a minute later the sweep revokes it in Cloudflare, exactly as it ends.
  advanceTestClock(process.env.E2E_CLOCK_FILE!, HOUR + 60_000);
  try {
    await expect.poll(() => cloudflareRoleNames(MARGARET), { timeout: 90_000, intervals: [2000] }).not.toContain("Administrator");
    expect(await cloudflareRoleNames(MARGARET)).toContain("Administrator Read Only");
    // The store records it right after the upstream call: reload until the page shows it.
    await expect
      .poll(async () => {
        await userPage.goto(requestUrl);
        return userPage.getByTestId("request-state").textContent();
      }, { timeout: 30_000, intervals: [1000] })
      .toBe("Expired");
    await expect(userPage.getByTestId("request-event").filter({ hasText: "Expired and removed in the app" })).toHaveCount(1);
    await waitForMail(requester.email, /^Expired: Administrator Member Role/);
    await userPage.screenshot({ path: "test-results/screens/requests-expired.png", fullPage: true });
  } finally {
    advanceTestClock(process.env.E2E_CLOCK_FILE!, -(HOUR + 60_000));
  }
  const audit = await testDb().query(`SELECT kind FROM audit_events WHERE kind LIKE 'access_request.%' OR kind LIKE 'provisioning.%' ORDER BY id`);
  const kinds = audit.rows.map((r: { kind: string }) => r.kind);
  for (const kind of ["access_request.create", "access_request.approve", "provisioning.grant", "access_request.active", "provisioning.revoke", "access_request.expired"]) expect(kinds).toContain(kind);
});
