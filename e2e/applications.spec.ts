// Applications: the Managed / Unmanaged tabs, an app's Entitlements and Accounts (search,
// sort, keyset paging), an entitlement's holders and an account's grants. The data is a
// real snapshot written through lib/sync's ingestRecords, the path uploads take.
import { randomUUID } from "node:crypto";
import type { SyncRecord } from "@/lib/connectors/types";
import { expect, signIn, test } from "./fixtures";
import { testDb } from "./support/db";

const unique = randomUUID().slice(0, 8);
const appName = `Ledger ${unique}`;
const TEAMS = ["Payments", "Finance", "Platform", "Support"];

async function* snapshot(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "team", displayName: "Team", traits: ["group"] };
  for (const team of TEAMS) {
    const id = team.toLowerCase();
    yield { type: "resource", resourceTypeId: "team", id, displayName: team };
    yield { type: "entitlement", id: `team:${id}:member`, resource: { resourceTypeId: "team", id }, displayName: `${team} member`, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
    yield { type: "entitlement", id: `team:${id}:admin`, resource: { resourceTypeId: "team", id }, displayName: `${team} admin`, slug: "admin", purpose: "permission", grantableTo: ["user"], provisionable: id !== "finance" };
  }
  for (let i = 1; i <= 120; i++) {
    const id = `u${i}`;
    const name = i === 7 ? "Grace Hopper" : `Person ${String(i).padStart(3, "0")}`;
    const email = i === 7 ? "grace.hopper@example.com" : `person${i}@example.com`;
    yield { type: "resource", resourceTypeId: "user", id, displayName: name, user: { email, status: i % 10 === 0 ? "disabled" : "enabled" } };
    const team = TEAMS[i % TEAMS.length].toLowerCase();
    yield { type: "grant", id: `g-${id}-m`, entitlementId: `team:${team}:member`, principal: { resourceTypeId: "user", id } };
    if (i % 20 === 7) yield { type: "grant", id: `g-${id}-a`, entitlementId: `team:finance:admin`, principal: { resourceTypeId: "user", id } };
  }
}

/** What an Okta sync brings: three people, one of them suspended, and an app assigned to all. */
async function* identityProvider(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "app", displayName: "App", traits: ["app"] };
  const people = [
    { id: "00ua", name: "Grace Hopper", email: "grace.hopper@example.com", status: "enabled" as const },
    { id: "00ub", name: "Person 001", email: "person1@example.com", status: "enabled" as const },
    { id: "00uc", name: "Person 002", email: "person2@example.com", status: "disabled" as const },
  ];
  for (const p of people) yield { type: "resource", resourceTypeId: "user", id: p.id, displayName: p.name, user: { email: p.email, status: p.status } };
  yield { type: "resource", resourceTypeId: "app", id: `0oa${unique}`, displayName: `Slack ${unique}`, profile: { logoUrl: null } };
  yield { type: "entitlement", id: `app:0oa${unique}:assigned`, resource: { resourceTypeId: "app", id: `0oa${unique}` }, displayName: "Assigned", slug: "assigned", purpose: "assignment", grantableTo: ["user"], provisionable: false };
  for (const p of people) yield { type: "grant", id: `as-${p.id}`, entitlementId: `app:0oa${unique}:assigned`, principal: { resourceTypeId: "user", id: p.id } };
}

let appId = "";

test.beforeAll(async () => {
  appId = `app${unique}`;
  const connectorId = `con${unique}`;
  await testDb().query(`INSERT INTO applications (id, name, description, managed, updated_at) VALUES ($1, $2, 'General ledger and payouts.', true, now())`, [appId, appName]);
  await testDb().query(
    `INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ($1, 'baton', $2, $3, 'PENDING_SETUP', now())`,
    [connectorId, `${appName} directory`, appId],
  );
  const { ingestRecords } = await import("@/lib/sync");
  await ingestRecords(connectorId, snapshot(), { trigger: "upload" });
  // The unmanaged apps come from an identity provider's sync, as in a real install.
  await testDb().query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, 'Okta', true, now())`, [`okta${unique}`]);
  await testDb().query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ($1, 'okta', 'Okta', $2, 'PENDING_SETUP', now())`, [`idp${unique}`, `okta${unique}`]);
  await ingestRecords(`idp${unique}`, identityProvider(), { trigger: "upload" });
});

test("a user browses Applications: tabs, search, an entitlement's holders and an account's grants", async ({ page, plainUser }) => {
  await signIn(page, plainUser);
  await page.goto("/applications");
  const tabs = page.getByRole("navigation", { name: "Applications" });
  await expect(tabs.getByRole("link", { name: /^Managed apps/ })).toHaveAttribute("aria-current", "page");

  // Unmanaged apps show where they were discovered and how many accounts they have.
  await tabs.getByRole("link", { name: /^Unmanaged apps/ }).click();
  await expect(tabs.getByRole("link", { name: /^Unmanaged apps/ })).toHaveAttribute("aria-current", "page");
  const slack = page.getByTestId("unmanaged-app-row").filter({ hasText: `Slack ${unique}` });
  await expect(slack).toContainText("Discovered from Okta");
  await expect(slack).toContainText("3");

  // Managed apps: search by name, open the app.
  await tabs.getByRole("link", { name: /^Managed apps/ }).click();
  await expect(tabs.getByRole("link", { name: /^Managed apps/ })).toHaveAttribute("aria-current", "page");
  await page.getByRole("searchbox", { name: "Search apps" }).fill(unique);
  await page.getByRole("searchbox", { name: "Search apps" }).press("Enter");
  await expect(page.getByTestId("managed-app-row")).toHaveCount(1);
  await expect(page.getByTestId("managed-app-row")).toContainText("Connected");
  await page.getByRole("link", { name: appName, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(appName);
  await expect(page.getByTestId("app-connector")).toContainText("Connected");
  await expect(page.getByRole("link", { name: "Manage connector →" })).toHaveCount(0); // a plain user manages nothing

  // Entitlements: total, search, open one and see who holds it.
  await expect(page.getByTestId("list-total")).toHaveText("8 entitlements");
  await page.getByRole("searchbox", { name: "Search entitlements" }).fill("finance");
  await page.getByRole("searchbox", { name: "Search entitlements" }).press("Enter");
  await expect(page.getByTestId("entitlement-row")).toHaveCount(2);
  await expect(page.getByTestId("entitlement-row").filter({ hasText: "Finance admin" })).toContainText("Not provisionable");
  await page.getByRole("link", { name: "Finance admin" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Finance admin");
  await expect(page.getByTestId("list-total")).toHaveText("6 holders");
  await expect(page.getByTestId("holder-row").first()).toContainText("Grace Hopper");

  // From a holder to the account, and its grants across the app's entitlements.
  await page.getByRole("link", { name: "Grace Hopper" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Grace Hopper");
  await expect(page.getByTestId("list-total")).toHaveText("2 grants");
  await expect(page.getByTestId("grant-row")).toHaveText([/Finance admin/, /Support member/]);
  const accountUrl = page.url();

  // Accounts: keyset pages of 50, search by email, sort by email.
  await page.getByRole("link", { name: "Accounts" }).first().click();
  await expect(page.getByTestId("list-total")).toHaveText("120 accounts");
  await expect(page.getByTestId("account-row")).toHaveCount(50);
  await expect(page.getByTestId("account-row").first()).toContainText("Grace Hopper");
  await expect(page.getByTestId("account-row").last()).toContainText("Person 050");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByTestId("account-row").first()).toContainText("Person 051");
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByTestId("account-row")).toHaveCount(20);
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0); // the last page
  await page.getByRole("link", { name: "Previous page" }).click();
  await expect(page.getByTestId("account-row").first()).toContainText("Person 051");
  await expect(page.getByTestId("account-row")).toHaveCount(50);

  await page.getByRole("searchbox", { name: "Search accounts" }).fill("GRACE.hopper@");
  await page.getByRole("searchbox", { name: "Search accounts" }).press("Enter");
  await expect(page.getByTestId("account-row")).toHaveCount(1);
  await page.getByRole("link", { name: "Grace Hopper" }).click();
  await expect(page).toHaveURL(accountUrl); // the same stable address from both paths

  await page.goBack();
  await page.getByRole("link", { name: /^Email/ }).click();
  await expect(page.getByRole("columnheader", { name: /Email/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByTestId("account-row").first()).toContainText("grace.hopper@example.com");
  await page.screenshot({ path: "test-results/screens/applications-accounts.png", fullPage: true });
});

test("an app whose connector has not synced yet says so", async ({ adminPage }) => {
  const id = `appempty${unique}`;
  await testDb().query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, $2, true, now())`, [id, `Empty ${unique}`]);
  await testDb().query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, updated_at) VALUES ($1, 'baton', 'Not yet', $2, now())`, [`con${id}`, id]);
  await adminPage.goto(`/applications/${id}?tab=accounts`);
  await expect(adminPage.getByText("Nothing synced yet")).toBeVisible();
  await expect(adminPage.getByTestId("app-connector")).toContainText("Pending setup");
  await expect(adminPage.getByRole("link", { name: "Manage connector →" })).toBeVisible();
  await adminPage.goto(`/applications/${id}/accounts/con${id}/not-a-key`);
  await expect(adminPage.getByText("Not in the latest sync")).toBeVisible();
});
