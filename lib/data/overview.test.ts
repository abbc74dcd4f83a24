// The Overview's figures and the Connectors list's states: which connector is failing and
// since when, whose runner is silent, what waits for settings, what the last syncs changed
// and the grants over the last syncs, as an admin (everything) and as an owner (their own).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;
let failing = { connectorId: "", applicationId: "" };
let healthy = { connectorId: "", applicationId: "" };
let runner = { connectorId: "", applicationId: "" };
let waiting = { connectorId: "", applicationId: "" };
const HOUR = 3_600_000;

async function* snapshot(accounts: number, grants: number): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "role", displayName: "Role", traits: ["role"] };
  yield { type: "resource", resourceTypeId: "role", id: "admin", displayName: "Admin" };
  yield { type: "entitlement", id: "role:admin", resource: { resourceTypeId: "role", id: "admin" }, displayName: "Admin", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  for (let i = 0; i < accounts; i++) yield { type: "resource", resourceTypeId: "user", id: `u${i}`, displayName: `User ${i}`, user: { email: `u${i}@acme.test`, status: "enabled" } };
  for (let i = 0; i < grants; i++) yield { type: "grant", id: `g${i}`, entitlementId: "role:admin", principal: { resourceTypeId: "user", id: `u${i}` } };
}

async function failedRun(connectorId: string, hoursAgo: number) {
  const at = new Date(Date.now() - hoursAgo * HOUR);
  await ctx.pool.query(
    `INSERT INTO sync_runs (id, connector_id, status, trigger, queued_at, started_at, finished_at, error_kind, error_message) VALUES ($1, $2, 'FAILED', 'schedule', $3, $3, $3, 'upstream', 'The upstream answered 503.')`,
    [`run-${connectorId}-${hoursAgo}`, connectorId, at],
  );
}

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  const { ingestRecords } = await import("@/lib/sync");
  failing = await createTestConnector(ctx.pool, { name: "Zeta" });
  healthy = await createTestConnector(ctx.pool, { name: "Alpha" });
  runner = await createTestConnector(ctx.pool, { name: "Runner", catalogId: "baton" });
  waiting = await createTestConnector(ctx.pool, { name: "Waiting", settings: null });
  await createTestConnector(ctx.pool, { name: "Off", disabled: true });
  await ingestRecords(failing.connectorId, snapshot(4, 2), { trigger: "upload" });
  await ingestRecords(failing.connectorId, snapshot(5, 3), { trigger: "upload" });
  await ingestRecords(healthy.connectorId, snapshot(2, 1), { trigger: "upload" });
  await ingestRecords(runner.connectorId, snapshot(1, 1), { trigger: "upload" });
  // Zeta synced fine five hours ago, then failed twice, the first time three hours ago.
  await ctx.pool.query(`UPDATE sync_runs SET queued_at = queued_at - interval '5 hours', started_at = started_at - interval '5 hours', finished_at = finished_at - interval '5 hours' WHERE connector_id = $1`, [failing.connectorId]);
  await failedRun(failing.connectorId, 3);
  await failedRun(failing.connectorId, 1);
  await ctx.pool.query(`UPDATE connectors SET status = 'ERROR' WHERE id = $1`, [failing.connectorId]);
  await ctx.pool.query(`UPDATE connectors SET status = 'PENDING_SETUP' WHERE id = $1`, [waiting.connectorId]);
  await ctx.pool.query(`UPDATE connectors SET last_seen_at = now() - interval '10 days', sync_interval_minutes = 60 WHERE id = $1`, [runner.connectorId]);
  await ctx.pool.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ('owner-1', 'owner@acme.test', 'Olive Owner', 'USER', now())`);
  await ctx.pool.query(`INSERT INTO connector_owners (connector_id, user_id) VALUES ($1, 'owner-1')`, [waiting.connectorId]);
});

afterAll(async () => {
  await (await import("@/lib/sync/pool")).closeSyncPool();
  await (await import("@/lib/db/client")).getPool().end();
  await ctx?.stop();
});

describe("connector states", () => {
  it("puts the failing connector first with when its failures began, and names every other state", async () => {
    const { listConnectorStandings } = await import("./connector-states");
    const standings = await listConnectorStandings();
    expect(standings.map((s) => [s.displayName, s.state])).toEqual([
      ["Zeta connector", "failing"],
      ["Alpha connector", "connected"],
      ["Off connector", "disabled"],
      ["Runner connector", "runner-not-seen"],
      ["Waiting connector", "waiting"],
    ]);
    const zeta = standings[0];
    expect(Math.round((Date.now() - zeta.failingSince!.getTime()) / HOUR)).toBe(3);
    expect(zeta.lastSuccessAt!.getTime()).toBeLessThan(zeta.failingSince!.getTime());
    expect(standings.find((s) => s.state === "waiting")?.lastSuccessAt).toBeNull();
  });

  it("filters by state and by owner", async () => {
    const { listConnectorStandings } = await import("./connector-states");
    expect((await listConnectorStandings({ state: "runner-not-seen" })).map((s) => s.id)).toEqual([runner.connectorId]);
    expect((await listConnectorStandings({ ownerId: "owner-1" })).map((s) => s.id)).toEqual([waiting.connectorId]);
    await ctx.pool.query(`UPDATE connectors SET last_seen_at = now() WHERE id = $1`, [runner.connectorId]);
    expect((await listConnectorStandings({ state: "runner-not-seen" })).map((s) => s.id)).toEqual([]);
  });
});

describe("the Overview's figures", () => {
  it("sums the current snapshots and what their last syncs changed", async () => {
    const { syncedTotals } = await import("./overview");
    // Current: Zeta 5 accounts / 3 grants (changed +1 / +1), Alpha 2 / 1 and Runner 1 / 1 (first syncs add all).
    expect(await syncedTotals()).toMatchObject({ accounts: 8, entitlements: 3, grants: 5, accountsAdded: 1 + 2 + 1, accountsRemoved: 0, grantsAdded: 1 + 1 + 1, grantsRemoved: 0 });
  });

  it("charts each managed app's grants over its successful syncs, busiest first", async () => {
    const { grantTrends } = await import("./overview");
    const trends = await grantTrends();
    expect(trends.map((t) => [t.appName, t.grants])).toEqual([
      ["Zeta", [2, 3]],
      ["Alpha", [1]],
      ["Runner", [1]],
    ]);
  });
});
