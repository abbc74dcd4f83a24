// The Overview an admin opens every morning: each figure is a link, and the list it opens
// shows that many; a failing connector comes first with how long it has failed; what the
// last syncs changed; the grants chart. Data written through lib/sync's ingest path.
import { randomUUID } from "node:crypto";
import type { SyncRecord } from "@/lib/connectors/types";
import { expect, test } from "./fixtures";
import { testDb } from "./support/db";

const unique = randomUUID().slice(0, 8);
const appName = `Payroll ${unique}`;
const connectorId = `con${unique}`;

async function* snapshot(accounts: number): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "role", displayName: "Role", traits: ["role"] };
  yield { type: "resource", resourceTypeId: "role", id: "viewer", displayName: "Viewer" };
  yield { type: "entitlement", id: "role:viewer", resource: { resourceTypeId: "role", id: "viewer" }, displayName: "Viewer", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  for (let i = 0; i < accounts; i++) {
    yield { type: "resource", resourceTypeId: "user", id: `u${i}`, displayName: `Payroll user ${i}`, user: { email: `payroll${i}.${unique}@example.com`, status: "enabled" } };
    yield { type: "grant", id: `g${i}`, entitlementId: "role:viewer", principal: { resourceTypeId: "user", id: `u${i}` } };
  }
}

const figure = async (tile: import("@playwright/test").Locator) => Number(((await tile.locator("span").first().textContent()) ?? "").replace(/\D/g, ""));

test.beforeAll(async () => {
  const db = testDb();
  await db.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, $2, true, now())`, [`app${unique}`, appName]);
  await db.query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ($1, 'baton', $2, $3, 'PENDING_SETUP', now())`, [connectorId, `${appName} directory`, `app${unique}`]);
  const { ingestRecords } = await import("@/lib/sync");
  await ingestRecords(connectorId, snapshot(1_500), { trigger: "upload" });
  await ingestRecords(connectorId, snapshot(1_600), { trigger: "upload" });
  // It synced two days ago, then has failed since yesterday.
  await db.query(`UPDATE sync_runs SET queued_at = queued_at - interval '2 days', finished_at = finished_at - interval '2 days' WHERE connector_id = $1`, [connectorId]);
  await db.query(
    `INSERT INTO sync_runs (id, connector_id, status, trigger, queued_at, started_at, finished_at, error_kind, error_message)
     VALUES ($1, $2, 'FAILED', 'schedule', now() - interval '26 hours', now() - interval '26 hours', now() - interval '26 hours', 'upstream', 'The upstream answered 503.')`,
    [`fail${unique}`, connectorId],
  );
  await db.query(`UPDATE connectors SET status = 'ERROR', last_seen_at = now() WHERE id = $1`, [connectorId]);
});

test("the Overview's figures each open the list behind them, failing connectors first", async ({ adminPage: page }) => {
  await page.goto("/");
  const connectors = page.getByTestId("overview-connectors");
  await expect(connectors.getByTestId("attention-row").first()).toBeVisible();
  const ours = connectors.getByTestId("attention-row").filter({ hasText: `${appName} directory` });
  await expect(ours).toContainText("Failing for 26 h");
  await expect(ours).toContainText("last successful sync");
  // What the last sync changed, and the chart of this app's two syncs.
  await expect(page.getByTestId("stat-accounts")).toContainText(/since the previous sync/);
  await expect(page.getByRole("img", { name: new RegExp(`^${appName}: 2 syncs, grants from 1,500 to 1,600`) })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/overview.png", fullPage: true });

  // Failing: the figure is the number of rows on the list it opens, ours among them.
  const failing = page.getByTestId("stat-connectors-failing");
  const failingCount = await figure(failing);
  expect(failingCount).toBeGreaterThanOrEqual(1);
  await failing.click();
  await expect(page).toHaveURL(/\/admin\/connectors\?state=failing$/);
  await expect(page.getByRole("link", { name: /^Failing/ })).toHaveAttribute("aria-current", "page");
  await expect(page.locator("[data-testid^='connector-row-']")).toHaveCount(failingCount);
  await expect(page.getByTestId(`connector-row-${connectorId}`)).toContainText("Failing for 26 h");
  await page.screenshot({ path: "test-results/screens/connectors-failing.png", fullPage: true });

  // Waiting for settings and the apps: the same figure on the list.
  await page.goto("/");
  const waiting = page.getByTestId("stat-connectors-waiting");
  const waitingCount = await figure(waiting);
  await waiting.click();
  await expect(page).toHaveURL(/state=waiting$/);
  if (waitingCount === 0) await expect(page.getByText("No connector is waiting for settings")).toBeVisible();
  else await expect(page.locator("[data-testid^='connector-row-']")).toHaveCount(waitingCount);

  await page.goto("/");
  const managed = await figure(page.getByTestId("stat-managed-apps"));
  await page.getByTestId("stat-managed-apps").click();
  await expect(page.getByRole("navigation", { name: "Applications" }).getByRole("link", { name: /^Managed apps/ })).toContainText(managed.toLocaleString("en-US"));
  await page.goto("/");
  const unmanaged = await figure(page.getByTestId("stat-unmanaged-apps"));
  await page.getByTestId("stat-unmanaged-apps").click();
  await expect(page).toHaveURL(/tab=unmanaged$/);
  await expect(page.getByRole("navigation", { name: "Applications" }).getByRole("link", { name: /^Unmanaged apps/ })).toContainText(unmanaged.toLocaleString("en-US"));
});

test("a user sees the connectors they own and what waits for them", async ({ page, plainUser }) => {
  await testDb().query(`INSERT INTO connector_owners (connector_id, user_id) VALUES ($1, $2)`, [connectorId, plainUser.id]);
  const { signIn } = await import("./fixtures");
  await signIn(page, plainUser);
  await page.goto("/");
  const owned = page.getByRole("list", { name: "Connectors you own" });
  await expect(owned).toContainText(`${appName} directory`);
  await expect(owned).toContainText("Failing");
  await expect(page.getByTestId("overview-connectors")).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/overview-user.png", fullPage: true });
});
