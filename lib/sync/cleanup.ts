// Removing snapshots that nobody reads: a deleted connector's, an old one whose drop was
// interrupted, a failed run's tables left by a killed worker.
import type pg from "pg";
import { cancelConnectorRuns } from "./enqueue";
import { getSyncPool } from "./pool";
import { listSnapshotTables, removeSnapshotTable, type SnapshotTableInfo } from "./snapshot-tables";

async function removeTables(client: pg.ClientBase, tables: SnapshotTableInfo[]) {
  let removed = 0;
  for (const table of tables) {
    try {
      // A table another remover has taken (or is taking) is not a failure: removeSnapshotTable
      // serializes removers per table and reads the table's state again under that lock.
      if ((await removeSnapshotTable(client, table)) === "removed") removed++;
    } catch (error) {
      // A real failure (a lock timeout, a lost connection): whatever is left goes next sweep.
      console.warn(`[sync] could not remove snapshot table ${table.name} yet: ${(error as Error).message}`);
    }
  }
  return removed;
}

/** Removes every synced row of a connector (used when it is deleted). */
export async function deleteConnectorSnapshots(connectorId: string): Promise<void> {
  await cancelConnectorRuns(connectorId, "The connector's data was deleted.");
  const pool = getSyncPool();
  // Readers stop seeing the snapshot at once; the tables go after.
  await pool.query(`UPDATE connectors SET current_sync_run_id = NULL WHERE id = $1`, [connectorId]);
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM sync_runs WHERE connector_id = $1`, [connectorId]);
  const runIds = new Set(rows.map((r) => r.id));
  const client = await pool.connect();
  try {
    await removeTables(client, (await listSnapshotTables(client)).filter((t) => runIds.has(t.runId)));
  } finally {
    client.release();
  }
}

/**
 * Drops tables of runs that are neither current nor QUEUED/RUNNING. A RUNNING run's tables
 * stay: its worker owns them, and if that worker died the next attempt drops them itself.
 */
export async function sweepSnapshotTables(): Promise<number> {
  const pool = getSyncPool();
  const client = await pool.connect();
  try {
    const tables = await listSnapshotTables(client);
    if (tables.length === 0) return 0;
    const runIds = [...new Set(tables.map((t) => t.runId))];
    const { rows } = await client.query<{ id: string; keep: boolean }>(
      `SELECT ids.id, COALESCE(r.status IN ('QUEUED', 'RUNNING'), false)
                      OR EXISTS (SELECT 1 FROM connectors c WHERE c.current_sync_run_id = ids.id) AS keep
         FROM unnest($1::text[]) AS ids(id) LEFT JOIN sync_runs r ON r.id = ids.id`,
      [runIds],
    );
    const keep = new Set(rows.filter((r) => r.keep).map((r) => r.id));
    return await removeTables(client, tables.filter((t) => !keep.has(t.runId)));
  } finally {
    client.release();
  }
}
