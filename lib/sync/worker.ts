// The worker: pg-boss handlers that run syncs, the once-a-minute schedule check, the hourly
// connector health check (expiring credentials, silent runners), and the recovery sweep. Runs inside the web process (RUN_WORKER=true) or alone (`npm run worker`);
// any number of them share one database.
import type PgBoss from "pg-boss";
import { SyncShutdownError } from "./errors";
import { executeRun, type ExecuteOptions } from "./execute";
import { checkConnectorHealth } from "./health";
import { registerJobHandlers } from "./job-handlers";
import { getBoss, HEALTH_QUEUE, SCHEDULE_QUEUE, SYNC_QUEUE, type SyncJobData } from "./queue";
import { recoverRuns } from "./recover";
import { enqueueDueSyncs } from "./schedule";

export type SyncWorkerOptions = Omit<ExecuteOptions, "signal"> & {
  /** Syncs this process runs at once (each holds one connection, two while indexing). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  /** How often to look for runs whose worker died and for tables nobody reads. */
  sweepEverySeconds?: number;
  /** How long a due QUEUED run may wait without a job before it gets a new one. */
  queuedGraceSeconds?: number;
};

export type SyncWorker = { stop(): Promise<void> };

/** A connector another process is syncing: look again shortly rather than drop the job. */
const BUSY_RETRY_SECONDS = 15;

export async function startSyncWorker(options: SyncWorkerOptions = {}): Promise<SyncWorker> {
  const boss = await getBoss();
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  const { concurrency = 2, pollingIntervalSeconds = 2, sweepEverySeconds = 60, queuedGraceSeconds, ...execute } = options;

  const handle = async (jobs: PgBoss.Job<SyncJobData>[]) => {
    for (const job of jobs) {
      if (shutdown.signal.aborted) throw new SyncShutdownError("The worker is stopping.");
      const work = executeRun(job.data.runId, { ...execute, signal: shutdown.signal });
      inFlight.add(work);
      try {
        if ((await work) === "busy") await boss.send(SYNC_QUEUE, job.data, { startAfter: BUSY_RETRY_SECONDS });
      } finally {
        inFlight.delete(work);
      }
    }
  };

  const workerIds: string[] = [];
  try {
    // pg-boss 10 has no team size: one polling loop per concurrent run. A loop sleeps out the
    // rest of its polling interval after each job, so a slot would run at most one sync per
    // interval however short the syncs are; after a job it looks for the next one at once
    // instead (an empty queue still waits the whole interval).
    for (let i = 0; i < concurrency; i++) {
      let id = "";
      id = await boss.work<SyncJobData>(SYNC_QUEUE, { batchSize: 1, pollingIntervalSeconds }, (jobs) => handle(jobs).finally(() => boss.notifyWorker(id)));
      workerIds.push(id);
    }
    await boss.schedule(SCHEDULE_QUEUE, "* * * * *");
    workerIds.push(
      await boss.work(SCHEDULE_QUEUE, { pollingIntervalSeconds: Math.max(pollingIntervalSeconds, 5) }, async () => {
        await enqueueDueSyncs();
      }),
    );
    await boss.schedule(HEALTH_QUEUE, "17 * * * *");
    workerIds.push(
      await boss.work(HEALTH_QUEUE, { pollingIntervalSeconds: Math.max(pollingIntervalSeconds, 30) }, async () => {
        await checkConnectorHealth();
      }),
    );
    workerIds.push(...(await registerJobHandlers(boss, pollingIntervalSeconds)));
  } catch (error) {
    // Half a worker must not stay behind: a caller that tries again would double it.
    for (const id of workerIds) await boss.offWork({ id }).catch(() => {});
    throw error;
  }

  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    sweeping = recoverRuns({ queuedGraceSeconds }).catch((error: Error) => console.error(`[sync] recovery sweep failed: ${error.message}`));
  };
  sweep();
  const timer = setInterval(sweep, sweepEverySeconds * 1000);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      for (const id of workerIds) await boss.offWork({ id });
      // Running syncs go back to the queue for another worker (or this one, restarted).
      shutdown.abort(new SyncShutdownError("The worker is stopping."));
      await Promise.allSettled([...inFlight, sweeping]);
    },
  };
}
