// Export CSV from Applications: an app's Accounts and Entitlements tabs (with the tab's search)
// and an entitlement's holders, downloaded from the pages as a user does. Each file has as many
// rows as the list's total says, and an account named like a formula arrives as text.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import type { SyncRecord } from "@/lib/connectors/types";
import { csvRecords } from "@/tests/parse-csv";
import { expect, signIn, test } from "./fixtures";
import { testDb } from "./support/db";

const unique = randomUUID().slice(0, 8);
const appName = `Payroll ${unique}`;
const FORMULA = '=HYPERLINK("http://x","y")';
const ACCOUNTS = 130; // three pages of 50 on screen, one file

async function* snapshot(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "team", displayName: "Team", traits: ["group"] };
  for (const team of ["Everyone", "Approvers", "Auditors"]) {
    const id = team.toLowerCase();
    yield { type: "resource", resourceTypeId: "team", id, displayName: team };
    yield { type: "entitlement", id: `team:${id}:member`, resource: { resourceTypeId: "team", id }, displayName: `${team} member`, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  }
  for (let i = 1; i <= ACCOUNTS; i++) {
    const id = `u${i}`;
    yield { type: "resource", resourceTypeId: "user", id, displayName: i === 3 ? FORMULA : `Clerk ${String(i).padStart(3, "0")}`, user: { email: `clerk${i}@example.com`, status: "enabled" } };
    yield { type: "grant", id: `${id}-everyone`, entitlementId: "team:everyone:member", principal: { resourceTypeId: "user", id } };
    if (i % 4 === 0) yield { type: "grant", id: `${id}-approvers`, entitlementId: "team:approvers:member", principal: { resourceTypeId: "user", id } };
  }
}

let appId = "";

test.beforeAll(async () => {
  appId = `app${unique}`;
  const connectorId = `con${unique}`;
  await testDb().query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, $2, true, now())`, [appId, appName]);
  await testDb().query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ($1, 'baton', $2, $3, 'PENDING_SETUP', now())`, [
    connectorId,
    `${appName} directory`,
    appId,
  ]);
  const { ingestRecords } = await import("@/lib/sync");
  await ingestRecords(connectorId, snapshot(), { trigger: "upload" });
});

/** The number in the list's total ("130 accounts"). */
async function listTotal(page: Page): Promise<number> {
  return Number((await page.getByTestId("list-total").innerText()).replace(/[^\d]/g, ""));
}

/** Clicks the list's Export CSV and reads the file the browser saved. */
async function exportCsv(page: Page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  return { name: download.suggestedFilename(), rows: csvRecords(await readFile((await download.path())!, "utf8")) };
}

test("a user exports an app's Accounts and Entitlements and an entitlement's holders as CSV", async ({ page, plainUser }) => {
  await signIn(page, plainUser);
  const slug = `payroll-${unique}`;
  const day = /\d{4}-\d{2}-\d{2}/.source;

  // Accounts: every account, the formula cell neutralised (a leading quote: the spreadsheet shows text).
  await page.goto(`/applications/${appId}?tab=accounts`);
  await expect(page.getByTestId("list-total")).toHaveText(`${ACCOUNTS} accounts`);
  await expect(page.getByTestId("account-row").filter({ hasText: FORMULA })).toHaveCount(1);
  await page.screenshot({ path: "test-results/screens/csv-app-accounts.png", fullPage: true });
  const accounts = await exportCsv(page);
  expect(accounts.name).toMatch(new RegExp(`^${slug}-accounts-${day}\\.csv$`));
  expect(accounts.rows).toHaveLength(await listTotal(page));
  expect(accounts.rows.find((r) => r.account_id === "u3")).toMatchObject({ name: `'${FORMULA}`, email: "clerk3@example.com" });
  expect(accounts.rows.filter((r) => r.name.startsWith("="))).toEqual([]);

  // The tab's search carries over: the file holds what the list found.
  await page.getByRole("searchbox", { name: "Search accounts" }).fill("clerk12");
  await page.getByRole("searchbox", { name: "Search accounts" }).press("Enter");
  await expect(page.getByTestId("list-total")).toHaveText("11 accounts"); // clerk12, clerk120–clerk129
  const searched = await exportCsv(page);
  expect(searched.rows).toHaveLength(await listTotal(page));
  expect(searched.rows.every((r) => r.email.startsWith("clerk12"))).toBe(true);

  // Entitlements, with each one's holders.
  const tabs = page.getByRole("navigation", { name: `${appName} data` });
  await tabs.getByRole("link", { name: /^Entitlements/ }).click();
  await expect(page.getByTestId("list-total")).toHaveText("3 entitlements");
  await page.screenshot({ path: "test-results/screens/csv-app-entitlements.png", fullPage: true });
  const entitlements = await exportCsv(page);
  expect(entitlements.name).toMatch(new RegExp(`^${slug}-entitlements-${day}\\.csv$`));
  expect(entitlements.rows).toHaveLength(await listTotal(page));
  expect(Object.fromEntries(entitlements.rows.map((r) => [r.name, r.holders]))).toEqual({ "Everyone member": String(ACCOUNTS), "Approvers member": String(Math.floor(ACCOUNTS / 4)), "Auditors member": "0" });

  // An entitlement's holders: all of them, the formula cell neutralised here too.
  await page.getByRole("link", { name: "Everyone member" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Everyone member");
  await expect(page.getByTestId("list-total")).toHaveText(`${ACCOUNTS} holders`);
  await page.screenshot({ path: "test-results/screens/csv-entitlement-holders.png", fullPage: true });
  const holders = await exportCsv(page);
  expect(holders.name).toMatch(new RegExp(`^${slug}-everyone-member-holders-${day}\\.csv$`));
  expect(holders.rows).toHaveLength(await listTotal(page));
  expect(holders.rows.find((r) => r.id === "u3")?.name).toBe(`'${FORMULA}`);

  // Nobody holds Auditors: no file to offer.
  await page.goBack();
  await page.getByRole("link", { name: "Auditors member" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Auditors member");
  await expect(page.getByText("Nobody holds this entitlement")).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
});
