// What "every sync ran exactly once" means, read from the database the processes share: each
// run ended SUCCEEDED after one attempt, was started and finished once in the audit log, and
// no two runs of one connector overlapped in time.
import type pg from "pg";

export type RunRecord = { id: string; connectorId: string; status: string; attempts: number; started: number; finished: number; startedAt: Date | null; finishedAt: Date | null };

export type ExactlyOnceReport = { runs: RunRecord[]; notSucceeded: RunRecord[]; repeated: RunRecord[]; overlapping: [string, string][] };

export async function readRuns(pool: pg.Pool, runIds: string[]): Promise<RunRecord[]> {
  const { rows } = await pool.query<RunRecord>(
    `SELECT r.id, r.connector_id AS "connectorId", r.status, r.attempts, r.started_at AS "startedAt", r.finished_at AS "finishedAt",
            (SELECT count(*) FROM audit_events a WHERE a.kind = 'sync.started' AND a.target_id = r.id)::int AS started,
            (SELECT count(*) FROM audit_events a WHERE a.kind = 'sync.finished' AND a.target_id = r.id)::int AS finished
       FROM sync_runs r WHERE r.id = ANY($1::text[]) ORDER BY r.started_at`,
    [runIds],
  );
  return rows;
}

/** `allowedAttempts`: runs known to have been interrupted on purpose (a killed worker) may take two. */
export async function checkExactlyOnce(pool: pg.Pool, runIds: string[], allowedAttempts: Record<string, number> = {}): Promise<ExactlyOnceReport> {
  const runs = await readRuns(pool, runIds);
  const notSucceeded = runs.filter((r) => r.status !== "SUCCEEDED");
  const repeated = runs.filter((r) => {
    const allowed = allowedAttempts[r.id] ?? 1;
    return r.attempts !== allowed || r.started !== allowed || r.finished !== 1;
  });
  const overlapping: [string, string][] = [];
  const byConnector = new Map<string, RunRecord[]>();
  for (const run of runs) byConnector.set(run.connectorId, [...(byConnector.get(run.connectorId) ?? []), run]);
  for (const list of byConnector.values()) {
    for (let i = 1; i < list.length; i++) {
      const [before, after] = [list[i - 1], list[i]];
      if (before.finishedAt && after.startedAt && after.startedAt < before.finishedAt) overlapping.push([before.id, after.id]);
    }
  }
  return { runs: runs.length === runIds.length ? runs : [...runs, ...runIds.filter((id) => !runs.some((r) => r.id === id)).map(missing)], notSucceeded, repeated, overlapping };
}

const missing = (id: string): RunRecord => ({ id, connectorId: "?", status: "MISSING", attempts: 0, started: 0, finished: 0, startedAt: null, finishedAt: null });

/** Waits until every run has ended (and a successful one is audited as finished); throws with the stragglers after `timeoutMs`. */
export async function waitForRuns(pool: pg.Pool, runIds: string[], timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A run publishes (SUCCEEDED) a moment before its "sync.finished" audit row: wait for both.
    const { rows } = await pool.query<{ id: string; status: string }>(
      `SELECT r.id, r.status FROM sync_runs r
        WHERE r.id = ANY($1::text[])
          AND (r.status IN ('QUEUED', 'RUNNING')
               OR (r.status = 'SUCCEEDED' AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.kind = 'sync.finished' AND a.target_id = r.id)))`,
      [runIds],
    );
    if (rows.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${rows.length} of ${runIds.length} runs still ${[...new Set(rows.map((r) => r.status))].join("/")} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
