// A run's own tables in the "snapshots" schema. They copy the columns, defaults and index
// definitions of the partitioned parents in public (the migration is the one source of the
// indexes), are filled with COPY, indexed once at the end, and attached as partitions when
// the run becomes current. Until then no reader can see them.
import type pg from "pg";
import { tryLockSnapshotTable, unlockSnapshotTable } from "./locks";

export const SNAPSHOT_SCHEMA = "snapshots";
export const SNAPSHOT_TABLES = ["resource_types", "resources", "entitlements", "grants"] as const;
export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];

/** The columns each run writes, in COPY order (id and grant_count come from defaults). */
export const SNAPSHOT_COLUMNS: Record<SnapshotTable, readonly string[]> = {
  resource_types: ["connector_id", "sync_run_id", "external_id", "display_name", "traits", "description"],
  resources: [
    "connector_id",
    "sync_run_id",
    "resource_type_id",
    "external_id",
    "parent_type_id",
    "parent_external_id",
    "display_name",
    "description",
    "is_user",
    "email",
    "login",
    "user_status",
    "profile",
  ],
  entitlements: [
    "connector_id",
    "sync_run_id",
    "external_id",
    "resource_type_id",
    "resource_external_id",
    "display_name",
    "description",
    "slug",
    "purpose",
    "grantable_to",
    "provisionable",
  ],
  grants: ["connector_id", "sync_run_id", "external_id", "entitlement_id", "principal_type_id", "principal_external_id"],
};

const RUN_ID = /^[a-z0-9]{1,40}$/;
const TABLE_NAME = new RegExp(`^(${SNAPSHOT_TABLES.join("|")})_([a-z0-9]{1,40})$`);

/** Run ids become part of table names: only cuid-like ids are accepted. */
export function assertRunId(runId: string) {
  if (!RUN_ID.test(runId)) throw new Error(`Invalid sync run id for a snapshot table: ${JSON.stringify(runId)}`);
}

export function snapshotTableName(table: SnapshotTable, runId: string) {
  assertRunId(runId);
  return `"${SNAPSHOT_SCHEMA}"."${table}_${runId}"`;
}

export function parseSnapshotTableName(name: string): { table: SnapshotTable; runId: string } | undefined {
  const match = TABLE_NAME.exec(name);
  return match ? { table: match[1] as SnapshotTable, runId: match[2] } : undefined;
}

/** Creates the run's empty tables. The CHECK lets ATTACH PARTITION skip its validation scan. */
export async function createSnapshotTables(client: pg.ClientBase, runId: string) {
  for (const table of SNAPSHOT_TABLES) {
    await client.query(
      `CREATE TABLE ${snapshotTableName(table, runId)} (LIKE public."${table}" INCLUDING DEFAULTS, CHECK (sync_run_id = '${runId}'))`,
    );
  }
}

/**
 * Drops the run's tables that were never attached. An attached table is a published snapshot
 * that readers may be using: only removeSnapshotTable (detach first) may take it away.
 */
export async function dropSnapshotTables(client: pg.ClientBase, runId: string) {
  assertRunId(runId);
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND c.relkind = 'r' AND NOT c.relispartition`,
    [SNAPSHOT_SCHEMA, SNAPSHOT_TABLES.map((table) => `${table}_${runId}`)],
  );
  if (rows.length > 0) await client.query(`DROP TABLE IF EXISTS ${rows.map((r) => `"${SNAPSHOT_SCHEMA}"."${r.relname}"`).join(", ")}`);
}

type IndexRow = { table: SnapshotTable; def: string };

/**
 * The parent's index definitions rewritten for the run's table. ATTACH PARTITION adopts an
 * index with an identical definition instead of building another one.
 */
export async function snapshotIndexStatements(client: pg.ClientBase, runId: string): Promise<{ table: SnapshotTable; sql: string }[]> {
  const { rows } = await client.query<IndexRow>(
    `SELECT t.relname AS "table", pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND t.relname = ANY($1::text[])
      ORDER BY t.relname, i.indexrelid`,
    [SNAPSHOT_TABLES],
  );
  return rows.map((row, index) => {
    const match = /^CREATE (UNIQUE )?INDEX \S+ ON ONLY \S+ (USING .*)$/.exec(row.def);
    if (!match) throw new Error(`Unexpected index definition on ${row.table}: ${row.def}`);
    const name = `"${row.table}_${runId}_${index}"`;
    return { table: row.table, sql: `CREATE ${match[1] ?? ""}INDEX ${name} ON ${snapshotTableName(row.table, runId)} ${match[2]}` };
  });
}

export type SnapshotTableInfo = { name: string; table: SnapshotTable; runId: string; attached: boolean; detachPending: boolean };

/** Every run table that exists, attached or not. */
export async function listSnapshotTables(client: pg.ClientBase): Promise<SnapshotTableInfo[]> {
  const { rows } = await client.query<{ relname: string; attached: boolean; detach_pending: boolean | null }>(
    `SELECT c.relname, c.relispartition AS attached, i.inhdetachpending AS detach_pending
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
      WHERE n.nspname = $1 AND c.relkind = 'r'`,
    [SNAPSHOT_SCHEMA],
  );
  return rows.flatMap((row) => {
    const parsed = parseSnapshotTableName(row.relname);
    return parsed ? [{ name: row.relname, ...parsed, attached: row.attached, detachPending: row.detach_pending === true }] : [];
  });
}

export type RemoveOutcome = "removed" | "gone" | "busy";

/**
 * Removes a snapshot: detached CONCURRENTLY first when attached, so readers of the parent
 * are never blocked behind an ACCESS EXCLUSIVE lock. Must run outside a transaction block.
 * `info` may be stale (listed before another remover got there): under the table's lock the
 * table's state is read again, so a table already detached is only dropped and one already
 * gone is nothing to do. "busy": another session is removing it right now and finishes it.
 */
export async function removeSnapshotTable(client: pg.ClientBase, info: SnapshotTableInfo): Promise<RemoveOutcome> {
  if (!(await tryLockSnapshotTable(client, info.name))) return "busy";
  try {
    const { rows } = await client.query<{ attached: boolean; detach_pending: boolean | null }>(
      `SELECT c.relispartition AS attached, i.inhdetachpending AS detach_pending
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
        WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind = 'r'`,
      [SNAPSHOT_SCHEMA, info.name],
    );
    const state = rows[0];
    if (!state) return "gone";
    const qualified = `"${SNAPSHOT_SCHEMA}"."${info.name}"`;
    if (state.detach_pending) await client.query(`ALTER TABLE public."${info.table}" DETACH PARTITION ${qualified} FINALIZE`);
    else if (state.attached) await client.query(`ALTER TABLE public."${info.table}" DETACH PARTITION ${qualified} CONCURRENTLY`);
    await client.query(`DROP TABLE IF EXISTS ${qualified}`);
    return "removed";
  } finally {
    await unlockSnapshotTable(client, info.name);
  }
}
