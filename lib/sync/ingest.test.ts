// The store path: snapshots become visible atomically, a failure halfway changes nothing a
// reader can see, old snapshots are dropped, secrets never reach the stored log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorError } from "@/lib/connectors/types";
import { createFakeConnector, fakeRecords, withBehaviour } from "./testing/fake-connector";
import { countSnapshotTables, createTestConnector, fingerprintSnapshot, startSyncTestDatabase, type SyncTestContext } from "./testing/fixtures";

let ctx: SyncTestContext;
let sync: typeof import("./index");

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  sync = await import("./index");
});

afterAll(async () => {
  const { closeSyncPool } = await import("./pool");
  await closeSyncPool();
  await ctx?.stop();
});

const org = { users: 3_000, groups: 40, membershipsPerUser: 4 };

describe("ingestRecords", () => {
  it("writes a snapshot, makes it current and counts what it wrote", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "baton" });
    const { runId, counts } = await sync.ingestRecords(connectorId, fakeRecords(org), { trigger: "upload", batchBytes: 64_000 });
    expect(counts).toEqual({ resourceTypes: 2, resources: 3_040, accounts: 3_000, entitlements: 40, grants: 12_000 });

    const snapshot = await fingerprintSnapshot(ctx.pool, connectorId);
    expect(snapshot).toMatchObject({ runId, resourceTypes: 2, resources: 3_040, entitlements: 40, grants: 12_000 });
    const progress = await sync.getRunProgress(runId);
    expect(progress).toMatchObject({ status: "SUCCEEDED", counts, errorMessage: null });
    expect(progress?.finishedAt).toBeInstanceOf(Date);
    expect(Object.keys(progress?.timings ?? {})).toEqual(expect.arrayContaining(["streamMs", "storeWriteMs", "indexMs", "publishMs"]));
    const connector = await ctx.pool.query(`SELECT status, last_sync_at FROM connectors WHERE id = $1`, [connectorId]);
    expect(connector.rows[0].status).toBe("CONNECTED");
    expect(connector.rows[0].last_sync_at).not.toBeNull();

    // Grant counts were computed while streaming; every group has 12,000 / 40 members.
    const grantCounts = await ctx.pool.query(`SELECT DISTINCT grant_count FROM entitlements WHERE sync_run_id = $1`, [runId]);
    expect(grantCounts.rows).toEqual([{ grant_count: 300 }]);
    // The run's tables were attached with their indexes adopted, not rebuilt twice.
    const indexes = await ctx.pool.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'snapshots' AND tablename = $1`, [`resources_${runId}`]);
    expect(indexes.rows[0].n).toBe(4);
  });

  it("replaces the snapshot atomically and drops the old one's tables", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "baton" });
    const first = await sync.ingestRecords(connectorId, fakeRecords({ ...org, label: "first" }), { trigger: "upload" });
    const second = await sync.ingestRecords(connectorId, fakeRecords({ ...org, users: 500, label: "second" }), { trigger: "upload" });
    const snapshot = await fingerprintSnapshot(ctx.pool, connectorId);
    expect(snapshot).toMatchObject({ runId: second.runId, resources: 540, grants: 2_000 });
    expect(await countSnapshotTables(ctx.pool, first.runId)).toBe(0);
    expect(await countSnapshotTables(ctx.pool, second.runId)).toBe(4);
    const names = await ctx.pool.query(`SELECT DISTINCT display_name LIKE '%second' AS second FROM resources WHERE sync_run_id = $1`, [second.runId]);
    expect(names.rows).toEqual([{ second: true }]);
  });

  it("leaves the previous snapshot exactly as it was when the adapter fails halfway", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "baton" });
    await sync.ingestRecords(connectorId, fakeRecords(org), { trigger: "upload" });
    const before = await fingerprintSnapshot(ctx.pool, connectorId);
    const tablesBefore = await countSnapshotTables(ctx.pool);

    const failing = withBehaviour(fakeRecords({ ...org, label: "broken" }), {
      failAfter: 8_000,
      failWith: () => new ConnectorError("malformed_response", "The upstream sent half a page."),
    });
    const error = await sync.ingestRecords(connectorId, failing, { trigger: "upload", batchBytes: 32_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sync.SyncFailedError);
    const failedRunId = (error as InstanceType<typeof sync.SyncFailedError>).runId;

    expect(await fingerprintSnapshot(ctx.pool, connectorId)).toEqual(before);
    expect(await countSnapshotTables(ctx.pool)).toBe(tablesBefore);
    const progress = await sync.getRunProgress(failedRunId);
    expect(progress).toMatchObject({ status: "FAILED", errorKind: "malformed_response" });
    expect(progress?.errorMessage).toBe("Unexpected upstream response: The upstream sent half a page.");
    expect(progress?.counts.resources).toBeGreaterThan(0);
    const connector = await ctx.pool.query(`SELECT status, status_reason, current_sync_run_id FROM connectors WHERE id = $1`, [connectorId]);
    expect(connector.rows[0]).toEqual({ status: "ERROR", status_reason: progress?.errorMessage, current_sync_run_id: before.runId });
  });

  it("refuses a second run of the same connector while one is active", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "baton" });
    const slow = withBehaviour(fakeRecords(org), { pauseMs: 5, pauseEvery: 200 });
    const first = sync.ingestRecords(connectorId, slow, { trigger: "upload" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(sync.ingestRecords(connectorId, fakeRecords(org), { trigger: "upload" })).rejects.toBeInstanceOf(sync.SyncRefusedError);
    await expect(first).resolves.toMatchObject({ counts: { resources: 3_040 } });
  });

  it("rejects malformed records with a named error", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "baton" });
    async function* bad() {
      yield* fakeRecords({ users: 5, groups: 1, membershipsPerUser: 1 });
      yield { type: "grant", id: "x", entitlementId: "group:g0:member", principal: { resourceTypeId: "user", id: "" } } as const;
    }
    await expect(sync.ingestRecords(connectorId, bad(), { trigger: "upload" })).rejects.toThrow(/Invalid data from the connector: The connector sent the principal of a grant/);
  });

  it("stores log lines without the connector's secrets", async () => {
    const { executeRun } = await import("./execute");
    const secret = "sk-live-0123456789abcdef";
    const { connectorId } = await createTestConnector(ctx.pool, { settings: { apiKey: secret } });
    const fake = createFakeConnector(org, {
      failAfter: 50,
      failWith: () => new ConnectorError("unauthorized", `The API key ${secret} was rejected (Bearer ${secret}).`),
    });
    const runId = (await ctx.pool.query(`INSERT INTO sync_runs (id, connector_id, status) VALUES ('crunlogtest', $1, 'QUEUED') RETURNING id`, [connectorId])).rows[0].id as string;
    await executeRun(runId, { resolveConnector: () => fake });
    const logs = await sync.listSyncLogs(runId);
    const progress = await sync.getRunProgress(runId);
    const stored = JSON.stringify({ logs, progress, connector: (await ctx.pool.query(`SELECT status_reason FROM connectors WHERE id = $1`, [connectorId])).rows });
    expect(logs.map((l) => l.message)).toContain("Fake sync with key [redacted] starting.");
    expect(progress?.errorMessage).toBe("Credentials rejected: The API key [redacted] was rejected (Bearer [redacted]).");
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain("0123456789abcdef");
  });

  it("deletes a connector's snapshots, and sweeps tables nobody reads", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "baton" });
    const { runId } = await sync.ingestRecords(connectorId, fakeRecords(org), { trigger: "upload" });
    // Tables a killed worker left behind for a run that then failed.
    await ctx.pool.query(`INSERT INTO sync_runs (id, connector_id, status) VALUES ('cleftover1', $1, 'FAILED')`, [connectorId]);
    const { createSnapshotTables } = await import("./snapshot-tables");
    const client = await ctx.pool.connect();
    await createSnapshotTables(client, "cleftover1").finally(() => client.release());
    expect(await countSnapshotTables(ctx.pool, "cleftover1")).toBe(4);

    expect(await sync.sweepSnapshotTables()).toBe(4);
    expect(await countSnapshotTables(ctx.pool, "cleftover1")).toBe(0);
    expect(await countSnapshotTables(ctx.pool, runId)).toBe(4); // the current snapshot stays

    await sync.deleteConnectorSnapshots(connectorId);
    expect(await countSnapshotTables(ctx.pool, runId)).toBe(0);
    expect(await fingerprintSnapshot(ctx.pool, connectorId)).toMatchObject({ runId: null, resources: 0, grants: 0 });
  });
});
