// The end of a successful stream: index the run's tables (sorted builds, two at a time),
// gather planner statistics, then in one transaction attach them as partitions, mark the run
// SUCCEEDED and point the connector at it. Readers see the old snapshot until that commit
// and the new one after it; never a mix. The old snapshot's tables are dropped afterwards.
import type pg from "pg";
import { applyIdentityAfterPublish } from "./identity";
import { NOW_UTC } from "./pool";
import { listSnapshotTables, removeSnapshotTable, SNAPSHOT_TABLES, snapshotIndexStatements, snapshotTableName } from "./snapshot-tables";
import type { SnapshotCounts } from "./snapshot-writer";

// Enough for an in-memory sort of a few million index entries; per statement, two at a time.
const MAINTENANCE_WORK_MEM = "256MB";

async function runInLanes(lanes: pg.ClientBase[], statements: string[]) {
  const queue = [...statements];
  // allSettled: a lane that fails must not leave the other mid-statement when we return.
  const results = await Promise.allSettled(
    lanes.map(async (client) => {
      for (let sql = queue.shift(); sql; sql = queue.shift()) {
        await client.query("BEGIN");
        try {
          await client.query(`SET LOCAL maintenance_work_mem = '${MAINTENANCE_WORK_MEM}'`);
          await client.query(sql);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          queue.length = 0;
          throw error;
        }
      }
    }),
  );
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}

/** Builds every index of the run's tables, largest table first, on two connections. */
export async function indexSnapshot(client: pg.ClientBase, pool: pg.Pool, runId: string): Promise<void> {
  const statements = await snapshotIndexStatements(client, runId);
  const weight = (table: string) => SNAPSHOT_TABLES.length - SNAPSHOT_TABLES.indexOf(table as (typeof SNAPSHOT_TABLES)[number]);
  const ordered = statements.sort((a, b) => weight(a.table) - weight(b.table));
  const extra = await pool.connect();
  try {
    await runInLanes([client, extra], ordered.map((s) => s.sql));
    // Fresh tables have no statistics; without them the first pages would be planned blind.
    await runInLanes(
      [client, extra],
      [...SNAPSHOT_TABLES].reverse().map((table) => `ANALYZE ${snapshotTableName(table, runId)}`),
    );
  } finally {
    extra.release();
  }
}

export const SUPERSEDED = "A grant or revoke was recorded while this sync was reading the upstream.";

export type PublishResult = { published: true; previousRunId: string | null } | { published: false; reason: string; superseded?: true };

/** Attaches the run's tables and makes the run current, or reports why it must not. */
export async function publishSnapshot(
  client: pg.ClientBase,
  runId: string,
  connectorId: string,
  counts: SnapshotCounts,
  timings: Record<string, number>,
): Promise<PublishResult> {
  await client.query("BEGIN");
  try {
    const connector = await client.query<{ current: string | null; disabled: boolean }>(
      `SELECT current_sync_run_id AS current, disabled FROM connectors WHERE id = $1 FOR UPDATE`,
      [connectorId],
    );
    const run = await client.query<{ cancel: boolean; restart: boolean }>(
      `SELECT cancel_requested_at IS NOT NULL OR status <> 'RUNNING' AS cancel, reread_requested_at IS NOT NULL AS restart FROM sync_runs WHERE id = $1 FOR UPDATE`,
      [runId],
    );
    const refusal = !connector.rows[0] ? "The connector was deleted." : connector.rows[0].disabled ? "The connector was disabled." : !run.rows[0] || run.rows[0].cancel ? "The sync was cancelled." : null;
    if (refusal) {
      await client.query("ROLLBACK");
      return { published: false, reason: refusal };
    }
    // A grant or revoke was recorded after this attempt began reading (lib/sync/provisioned.ts
    // marks the run in the transaction that edits the snapshot, under the connector row this
    // transaction holds FOR UPDATE): publishing would undo it in the store.
    if (run.rows[0].restart) {
      await client.query("ROLLBACK");
      return { published: false, reason: SUPERSEDED, superseded: true };
    }
    for (const table of SNAPSHOT_TABLES) {
      await client.query(`ALTER TABLE public."${table}" ATTACH PARTITION ${snapshotTableName(table, runId)} FOR VALUES IN ('${runId}')`);
    }
    await client.query(
      `UPDATE sync_runs SET status = 'SUCCEEDED', finished_at = ${NOW_UTC}, heartbeat_at = ${NOW_UTC}, phase = 'publishing',
              resource_types_count = $2, resources_count = $3, accounts_count = $4, entitlements_count = $5, grants_count = $6,
              error_kind = NULL, error_message = NULL, timings = $7::jsonb
        WHERE id = $1`,
      [runId, counts.resourceTypes, counts.resources, counts.accounts, counts.entitlements, counts.grants, JSON.stringify(timings)],
    );
    await client.query(
      `UPDATE connectors SET current_sync_run_id = $2, last_sync_at = ${NOW_UTC}, status = 'CONNECTED', status_reason = NULL, updated_at = ${NOW_UTC}
        WHERE id = $1`,
      [connectorId, runId],
    );
    // People, discovered apps and account matches change with the snapshot, in the same commit.
    await applyIdentityAfterPublish(client, connectorId, runId, timings);
    await client.query("COMMIT");
    return { published: true, previousRunId: connector.rows[0].current };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** Detaches and drops every table of a run. Outside any transaction (DETACH CONCURRENTLY). */
export async function removeSnapshot(client: pg.ClientBase, runId: string) {
  const tables = (await listSnapshotTables(client)).filter((t) => t.runId === runId);
  for (const table of tables) await removeSnapshotTable(client, table);
}
