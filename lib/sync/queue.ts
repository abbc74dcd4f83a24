// pg-boss in the app's own PostgreSQL. Jobs only wake a worker up: the truth about a run is
// its sync_runs row, and a job for a run that is no longer QUEUED does nothing. That makes a
// duplicate job harmless, so the engine can re-send one whenever it is unsure.
import pg from "pg";
import PgBoss from "pg-boss";
import { getEnv } from "@/lib/env";
import { REQUEST_QUEUE_DEFINITION } from "@/lib/requests/queue-name";
import { REVIEW_QUEUE_DEFINITION } from "@/lib/reviews/queue-name";

export const SYNC_QUEUE = "connector-sync";
export const SCHEDULE_QUEUE = "connector-sync-schedule";
/** The hourly health check: credential expiries, silent runners, alerts held back by the rate limit. */
export const HEALTH_QUEUE = "connector-health";

export type SyncJobData = { runId: string };

/**
 * Every queue of the app, created once per database. A feature with jobs of its own (reviews,
 * requests) adds its queue here and its handler in job-handlers.ts.
 */
const queueDefinitions: PgBoss.Queue[] = [
  // Retries here only cover a handler that crashed outright; sync failures are retried by
  // the engine (it knows which failures are worth it). The expiry is a backstop for a job
  // whose worker vanished; the engine notices a dead worker much sooner (recover.ts).
  { name: SYNC_QUEUE, policy: "standard", retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 4 * 3600 },
  { name: SCHEDULE_QUEUE, policy: "singleton", retryLimit: 0, expireInSeconds: 300 },
  // Singleton: one check at a time across workers (a second would find nothing to send anyway).
  { name: HEALTH_QUEUE, policy: "singleton", retryLimit: 0, expireInSeconds: 900 },
  REVIEW_QUEUE_DEFINITION,
  REQUEST_QUEUE_DEFINITION,
];

const globalForQueue = globalThis as unknown as { syncBoss?: Promise<PgBoss> };

async function startBoss(): Promise<PgBoss> {
  const connectionString = getEnv().DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: the job queue needs the database.");
  const boss = new PgBoss({ connectionString, max: 4, application_name: "gatekeeper-queue" });
  boss.on("error", (error) => console.error(`[sync] job queue: ${error.message}`));
  await boss.start();
  await createQueues(boss, connectionString);
  return boss;
}

/**
 * pg-boss's create_queue deadlocks when two processes run it at once on a fresh database
 * (seen with two workers starting together), so creation is serialised by an advisory lock.
 */
async function createQueues(boss: PgBoss, connectionString: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtextextended('gatekeeper-sync:queues', 0))`);
    for (const definition of queueDefinitions) {
      if (!(await boss.getQueue(definition.name))) await boss.createQueue(definition.name, definition);
    }
  } finally {
    await client.end(); // ends the session, which releases the lock
  }
}

/** The process's pg-boss, started once (schema, queues) on first use. */
export function getBoss(): Promise<PgBoss> {
  globalForQueue.syncBoss ??= startBoss().catch((error: unknown) => {
    globalForQueue.syncBoss = undefined;
    throw error;
  });
  return globalForQueue.syncBoss;
}

export async function stopBoss() {
  const boss = globalForQueue.syncBoss;
  globalForQueue.syncBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, wait: true, timeout: 10_000 });
}

/**
 * Sends the run's job on the caller's connection, so it commits or rolls back with the run
 * row it belongs to: no run without a job, no job without a run.
 */
export async function sendSyncJob(client: pg.ClientBase, runId: string, startAfterSeconds = 0) {
  const boss = await getBoss();
  const data: SyncJobData = { runId };
  const id = await boss.send(SYNC_QUEUE, data, {
    startAfter: startAfterSeconds > 0 ? Math.ceil(startAfterSeconds) : undefined,
    db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) },
  });
  if (!id) throw new Error(`The job queue did not accept the job of sync run ${runId}.`);
  return id;
}

/** Whether a job that could still run this sync is waiting (created or retry) or recently started. */
export async function hasLiveJob(client: pg.ClientBase, runId: string, activeWithinSeconds: number): Promise<boolean> {
  const { rows } = await client.query(
    `SELECT 1 FROM pgboss.job
      WHERE name = $1 AND data->>'runId' = $2
        AND (state IN ('created', 'retry') OR (state = 'active' AND started_on > now() - make_interval(secs => $3)))
      LIMIT 1`,
    [SYNC_QUEUE, runId, activeWithinSeconds],
  );
  return rows.length > 0;
}
