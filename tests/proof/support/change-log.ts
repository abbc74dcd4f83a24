// "A refused call changes nothing", checked exactly: a test-only AFTER row trigger on every app
// table writes one line per inserted, updated or deleted row into proof.row_changes. The log
// is transactional, so a change that was rolled back leaves no line (it changed nothing).
//
// Covered: every table of the public schema. A trigger on a partitioned parent (resources,
// entitlements, grants, resource_types) is cloned by PostgreSQL onto every partition, including
// the ones a sync attaches later. Not covered by the trigger, and why:
//  - snapshots.*: a run's own tables, created and filled by COPY while a sync runs, before they
//    are attached. Their creation is caught instead: the number of tables in that schema is part
//    of every mark, so a refused call that started a run's tables would still show.
//  - pgboss.*: pg-boss's maintenance loop updates its own tables on a timer, which would make
//    every comparison flaky. A sync job is always sent in the same transaction as its
//    sync_runs row (lib/sync/enqueue.ts), and that row is covered.
//  - _prisma_migrations: only the migration runner writes it.
//  - rate_limit_windows: the ingest API's rate-limit windows. Counting a request is the one write
//    a refused call is meant to make (a wrong secret must count towards the limit, or guessing
//    would be free); what they hold is proven by lib/self-hosted/rate-limit.test.ts and
//    e2e/multi-process.spec.ts.
import type pg from "pg";

export type RowChange = { table: string; op: "INSERT" | "UPDATE" | "DELETE" };
export type ChangeMark = { lastId: number; snapshotTables: number };

export async function installChangeLog(pool: pg.Pool) {
  await pool.query(`
    CREATE SCHEMA IF NOT EXISTS proof;
    CREATE TABLE IF NOT EXISTS proof.row_changes (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL);
    CREATE OR REPLACE FUNCTION proof.log_row_change() RETURNS trigger AS $$
    BEGIN
      INSERT INTO proof.row_changes (tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
      RETURN NULL;
    END $$ LANGUAGE plpgsql;
  `);
  // Partitions inherit the parent's trigger; giving them their own would log every row twice.
  const { rows } = await pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT IN ('_prisma_migrations', 'rate_limit_windows')`,
  );
  for (const { name } of rows) {
    await pool.query(`CREATE OR REPLACE TRIGGER proof_row_change AFTER INSERT OR UPDATE OR DELETE ON public."${name}" FOR EACH ROW EXECUTE FUNCTION proof.log_row_change()`);
  }
  return rows.map((r) => r.name);
}

const SNAPSHOT_TABLE_COUNT = `(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'snapshots' AND c.relkind IN ('r', 'p'))`;

export async function markChanges(pool: pg.Pool): Promise<ChangeMark> {
  const { rows } = await pool.query<{ last_id: string; tables: string }>(`SELECT (SELECT coalesce(max(id), 0) FROM proof.row_changes) AS last_id, ${SNAPSHOT_TABLE_COUNT} AS tables`);
  return { lastId: Number(rows[0].last_id), snapshotTables: Number(rows[0].tables) };
}

/**
 * Every row change since the mark (a snapshot table created or dropped counts as one too), and
 * the mark to compare the next call with. One query, because the fuzz test asks after every call.
 */
export async function changesSince(pool: pg.Pool, mark: ChangeMark): Promise<{ changes: RowChange[]; mark: ChangeMark }> {
  const { rows } = await pool.query<{ changes: { id: number; tbl: string; op: RowChange["op"] }[]; tables: string }>(
    `SELECT (SELECT coalesce(json_agg(json_build_object('id', id, 'tbl', tbl, 'op', op) ORDER BY id), '[]'::json) FROM proof.row_changes WHERE id > $1) AS changes,
            ${SNAPSHOT_TABLE_COUNT} AS tables`,
    [mark.lastId],
  );
  const logged = rows[0].changes;
  const snapshotTables = Number(rows[0].tables);
  const changes: RowChange[] = logged.map((r) => ({ table: r.tbl, op: r.op }));
  if (snapshotTables > mark.snapshotTables) changes.push({ table: "snapshots.*", op: "INSERT" });
  if (snapshotTables < mark.snapshotTables) changes.push({ table: "snapshots.*", op: "DELETE" });
  return { changes, mark: { lastId: logged.length ? Number(logged[logged.length - 1].id) : mark.lastId, snapshotTables } };
}

/** Audited refusals (provisioning) may add audit rows and nothing else. */
export function onlyAuditInserts(changes: readonly RowChange[]) {
  return changes.every((c) => c.table === "audit_events" && c.op === "INSERT");
}
