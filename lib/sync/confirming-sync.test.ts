// A grant or revoke recorded while a sync is reading: that sync read the upstream before the
// change, so it must not publish what it read. The run reads again (the same run: the
// confirming sync the change queues is deduplicated into it) and publishes the fresh state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector, SyncRecord } from "@/lib/connectors/types";
import { createFakeConnector } from "./testing/fake-connector";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "./testing/fixtures";

let ctx: SyncTestContext;
let sync: typeof import("./index");
let provisioned: typeof import("./provisioned");

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  sync = await import("./index");
  provisioned = await import("./provisioned");
});

afterAll(async () => {
  await sync?.stopSyncQueue();
  await (await import("./pool")).closeSyncPool();
  await ctx?.stop();
});

const ENTITLEMENT = "group:g0:member";

/** A tiny upstream: who holds one group's membership. Each read takes the holders as they are when it starts. */
function createUpstream() {
  const holders = new Set(["ada", "bob"]);
  let reads = 0;
  let pauseRead: number | undefined;
  let readPaused: () => void = () => {};
  let resume: () => void = () => {};
  const paused = new Promise<void>((resolve) => (readPaused = resolve));
  const resumed = new Promise<void>((resolve) => (resume = resolve));

  async function* read(): AsyncGenerator<SyncRecord> {
    const read = ++reads;
    const seen = [...holders].sort();
    if (read === pauseRead) {
      readPaused();
      await resumed;
    }
    yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
    yield { type: "resourceType", id: "group", displayName: "Group", traits: ["group"] };
    yield { type: "resource", resourceTypeId: "group", id: "g0", displayName: "Group 0" };
    yield { type: "entitlement", id: ENTITLEMENT, resource: { resourceTypeId: "group", id: "g0" }, displayName: "Group 0 member", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
    for (const id of ["ada", "bob"]) yield { type: "resource", resourceTypeId: "user", id, displayName: id, user: { email: `${id}@example.com`, status: "enabled" } };
    for (const id of seen) yield { type: "grant", id: `${ENTITLEMENT}:user:${id}`, entitlementId: ENTITLEMENT, principal: { resourceTypeId: "user", id } };
  }

  const connector: Connector = { ...(createFakeConnector({ users: 0, groups: 0, membershipsPerUser: 0 }) as unknown as Connector), sync: () => read() };
  return {
    holders,
    connector,
    reads: () => reads,
    /** The given read stops after taking the holders, until resume(). */
    pause: (read: number) => {
      pauseRead = read;
      return paused;
    },
    resume: () => resume(),
  };
}

async function visibleHolders(connectorId: string) {
  const { rows } = await ctx.pool.query<{ principal_external_id: string }>(
    `SELECT g.principal_external_id FROM grants g JOIN connectors c ON c.current_sync_run_id = g.sync_run_id
      WHERE c.id = $1 AND g.entitlement_id = $2 ORDER BY 1`,
    [connectorId, ENTITLEMENT],
  );
  return rows.map((r) => r.principal_external_id);
}

describe("a provisioning change during a sync", () => {
  it("is not overwritten by the sync that read the upstream before it; that run reads again", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "cloudflare" });
    const upstream = createUpstream();
    const resolveConnector = () => upstream.connector;
    const first = await sync.enqueueSync(connectorId, "manual");
    await sync.executeRun(first.runId, { resolveConnector });
    expect(await visibleHolders(connectorId)).toEqual(["ada", "bob"]);

    // The grant's confirming sync starts reading: it sees bob as a holder…
    const readStarted = upstream.pause(2);
    const { runId } = await sync.enqueueSync(connectorId, "manual");
    const running = sync.executeRun(runId, { resolveConnector });
    await readStarted;

    // …then bob's membership is revoked upstream and recorded: the store shows it at once.
    upstream.holders.delete("bob");
    await provisioned.recordProvisionedChange(connectorId, { kind: "revoke", entitlementId: ENTITLEMENT, principal: { resourceTypeId: "user", id: "bob" } });
    expect(await visibleHolders(connectorId)).toEqual(["ada"]);
    // The revoke's own confirming sync is the run already active (one per connector).
    expect(await sync.enqueueSync(connectorId, "manual")).toEqual({ runId, created: false });

    upstream.resume();
    expect(await running).toBe("done");
    // The stale read was not published; the run read again and published the revoke.
    expect(await sync.getRunProgress(runId)).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    expect(upstream.reads()).toBe(3);
    expect(await visibleHolders(connectorId)).toEqual(["ada"]);
    const current = await ctx.pool.query(`SELECT current_sync_run_id AS run FROM connectors WHERE id = $1`, [connectorId]);
    expect(current.rows[0].run).toBe(runId);
    const active = await ctx.pool.query(`SELECT 1 FROM sync_runs WHERE connector_id = $1 AND status IN ('QUEUED', 'RUNNING')`, [connectorId]);
    expect(active.rowCount).toBe(0);
  });

  it("is checked again at publish, under the connector row a recording change holds", async () => {
    // A change recorded after the run's last progress write (while it builds indexes, say).
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "cloudflare" });
    const { insertRun } = await import("./runs");
    const { createSnapshotTables, dropSnapshotTables } = await import("./snapshot-tables");
    const { publishSnapshot } = await import("./publish");
    const client = await ctx.pool.connect();
    try {
      const runId = (await insertRun(client, connectorId, "manual", "RUNNING")) as string;
      await createSnapshotTables(client, runId);
      // No snapshot is visible yet: nothing to edit, but the running read is stale all the same.
      expect(await provisioned.recordProvisionedChange(connectorId, { kind: "grant", entitlementId: ENTITLEMENT, principal: { resourceTypeId: "user", id: "bob" } })).toBeNull();
      const counts = { resourceTypes: 0, resources: 0, accounts: 0, entitlements: 0, grants: 0 };
      expect(await publishSnapshot(client, runId, connectorId, counts, {})).toMatchObject({ published: false, superseded: true });
      const current = await ctx.pool.query(`SELECT current_sync_run_id AS run FROM connectors WHERE id = $1`, [connectorId]);
      expect(current.rows[0].run).toBeNull();
      await dropSnapshotTables(client, runId);
    } finally {
      client.release();
    }
  });

  it("leaves a queued run alone: it has not read anything yet", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "cloudflare" });
    const upstream = createUpstream();
    const resolveConnector = () => upstream.connector;
    const first = await sync.enqueueSync(connectorId, "manual");
    await sync.executeRun(first.runId, { resolveConnector });

    const { runId } = await sync.enqueueSync(connectorId, "manual");
    upstream.holders.delete("bob");
    await provisioned.recordProvisionedChange(connectorId, { kind: "revoke", entitlementId: ENTITLEMENT, principal: { resourceTypeId: "user", id: "bob" } });
    await sync.executeRun(runId, { resolveConnector });
    expect(upstream.reads()).toBe(2);
    expect(await sync.getRunProgress(runId)).toMatchObject({ status: "SUCCEEDED", attempts: 1 });
    expect(await visibleHolders(connectorId)).toEqual(["ada"]);
  });
});
