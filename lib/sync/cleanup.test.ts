// Removing an old snapshot from two places at once (the publish that replaced it and the
// periodic sweep, in one process or several): one removes it, the other steps aside, and
// neither reports a failure. A listing that went stale meanwhile is not an error either.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fakeRecords } from "./testing/fake-connector";
import { countSnapshotTables, createTestConnector, startSyncTestDatabase, waitFor, type SyncTestContext } from "./testing/fixtures";

let ctx: SyncTestContext;
let sync: typeof import("./index");

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  sync = await import("./index");
});

afterAll(async () => {
  await (await import("./pool")).closeSyncPool();
  await ctx?.stop();
});

const org = { users: 50, groups: 3, membershipsPerUser: 2 };

/** A published snapshot that is no longer current: attached, and every remover's to take. */
async function supersededSnapshot() {
  const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "baton" });
  const { runId } = await sync.ingestRecords(connectorId, fakeRecords(org), { trigger: "upload" });
  await ctx.pool.query(`UPDATE connectors SET current_sync_run_id = NULL WHERE id = $1`, [connectorId]);
  return runId;
}

describe("snapshot cleanup", () => {
  it("treats a table that was removed after it was listed as removed", async () => {
    const runId = await supersededSnapshot();
    const { listSnapshotTables, removeSnapshotTable } = await import("./snapshot-tables");
    const client = await (await import("./pool")).getSyncPool().connect();
    try {
      const tables = (await listSnapshotTables(client)).filter((t) => t.runId === runId);
      expect(tables.map((t) => t.attached)).toEqual([true, true, true, true]);
      for (const table of tables) await removeSnapshotTable(client, table);
      // The same, now stale, listing again: as another remover would have it.
      for (const table of tables) await removeSnapshotTable(client, table);
    } finally {
      client.release();
    }
    expect(await countSnapshotTables(ctx.pool, runId)).toBe(0);
  });

  it("lets the publish's removal and a sweep meet on the same snapshot without a warning", async () => {
    const runId = await supersededSnapshot();
    const warn = vi.spyOn(console, "warn");
    // A reader of the parents keeps the publish's DETACH … CONCURRENTLY waiting.
    const reader = await ctx.pool.connect();
    try {
      await reader.query("BEGIN");
      await reader.query("SELECT count(*) FROM resource_types");
      const { removeSnapshot } = await import("./publish");
      const pool = (await import("./pool")).getSyncPool();
      const client = await pool.connect();
      const removing = removeSnapshot(client, runId).finally(() => client.release());
      await waitFor("the detach to be pending", async () => {
        const { rows } = await ctx.pool.query(`SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relname = $1 AND i.inhdetachpending`, [`resource_types_${runId}`]);
        return rows.length > 0;
      });
      const sweeping = sync.sweepSnapshotTables();
      // The sweep may step aside at once, or wait; either way the reader ends soon.
      await Promise.race([sweeping, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      await reader.query("COMMIT");
      await Promise.all([removing, sweeping]);
    } finally {
      await reader.query("ROLLBACK").catch(() => {});
      reader.release();
    }
    expect(await countSnapshotTables(ctx.pool, runId)).toBe(0);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
