// The benchmark's yardstick: the rows a sync wrote, COPYed again into plain scratch tables
// (same columns, no indexes, no constraints), encoded by the same code, in batches of the
// same size. Only the encoding and COPY time counts; reading the rows back does not.
import type pg from "pg";
import { copyRows, encodeRow } from "@/lib/sync/copy";
import { SNAPSHOT_COLUMNS, SNAPSHOT_TABLES } from "@/lib/sync/snapshot-tables";

const BATCH_BYTES = 2_000_000;
const FETCH = 20_000;

export async function rawCopyBaseline(pool: pg.Pool, runId: string): Promise<{ copyMs: number; rows: number }> {
  // Start from a quiet database, as the sync did: the vacuum autovacuum would soon run on the
  // new snapshot, and a checkpoint of the sync's WAL, must not land on the yardstick.
  await pool.query(`VACUUM ${SNAPSHOT_TABLES.map((t) => `public."${t}"`).join(", ")}`);
  await pool.query("CHECKPOINT");
  const reader = await pool.connect();
  const writer = await pool.connect();
  let copyMs = 0;
  let rows = 0;
  try {
    for (const table of SNAPSHOT_TABLES) {
      const columns = ["connector_id", "sync_run_id", ...SNAPSHOT_COLUMNS[table].slice(2)];
      const scratch = `bench_scratch_${table}`;
      await writer.query(`DROP TABLE IF EXISTS ${scratch}; CREATE TABLE ${scratch} (LIKE public."${table}" INCLUDING DEFAULTS)`);
      await reader.query("BEGIN");
      await reader.query(`DECLARE rows_back NO SCROLL CURSOR FOR SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM public."${table}" WHERE sync_run_id = $1`, [runId]);
      let buffer = "";
      const flush = async () => {
        const started = performance.now();
        await copyRows(writer, scratch, columns, buffer);
        copyMs += performance.now() - started;
        buffer = "";
      };
      for (;;) {
        const batch = await reader.query<Record<string, unknown>>(`FETCH ${FETCH} FROM rows_back`);
        if (batch.rows.length === 0) break;
        const started = performance.now();
        for (const row of batch.rows) buffer += encodeRow(columns.map((c) => row[c] as string));
        copyMs += performance.now() - started;
        rows += batch.rows.length;
        if (buffer.length >= BATCH_BYTES) await flush();
      }
      if (buffer) await flush();
      await reader.query("COMMIT");
      await writer.query(`DROP TABLE ${scratch}`);
    }
  } finally {
    reader.release();
    writer.release();
  }
  return { copyMs, rows };
}
