// The jobs of access requests: one pg-boss job per time-bound grant, due at its end, and a sweep
// at worker start and every 30 s that does whatever is due (overdue after a restart, a job lost,
// the test clock moved, failed revokes whose backoff ran out, approvals nobody fulfilled).
import type PgBoss from "pg-boss";
import { now } from "@/lib/clock";
import { getBoss } from "@/lib/sync/queue";

import { REQUEST_QUEUE } from "./queue-name";

export const SWEEP_INTERVAL_MS = 30_000;
/**
 * Revokes in flight per process. Each holds a sync-pool connection while it edits the snapshot
 * (pool of 8) and queues the confirming sync with another: more lanes than half the pool can
 * leave every connection waiting for a second one.
 */
const REVOKE_LANES = 4;

type RevokeJob = { requestId: string };
const globalForSweep = globalThis as unknown as { requestSweep?: NodeJS.Timeout; requestSweeping?: boolean };

/** The job at the grant's end (the test clock's offset is taken off: pg-boss waits in real time). */
export async function scheduleRevoke(requestId: string, endsAt: Date) {
  try {
    const boss = await getBoss();
    const startAfter = new Date(Date.now() + Math.max(0, endsAt.getTime() - now().getTime()));
    await boss.send(REQUEST_QUEUE, { requestId } satisfies RevokeJob, { startAfter, singletonKey: `${requestId}:${endsAt.getTime()}` });
  } catch (error) {
    // The sweep does it anyway; the job only makes it prompt.
    console.error(`[requests] could not schedule the revoke of ${requestId}: ${(error as Error).message}`);
  }
}

export async function sweepRequests() {
  if (globalForSweep.requestSweeping) return;
  globalForSweep.requestSweeping = true;
  try {
    const { runDueRevokes } = await import("./expire");
    const { fulfilLeftovers } = await import("./fulfil");
    await fulfilLeftovers();
    // Batches until nothing is due: 10,000 grants ending in one minute are done in one sweep.
    while ((await runDueRevokes({ limit: 200, concurrency: REVOKE_LANES })) > 0) {}
  } catch (error) {
    console.error(`[requests] sweep failed: ${(error as Error).message}`);
  } finally {
    globalForSweep.requestSweeping = false;
  }
}

export async function startRequestJobs(boss: PgBoss, pollingIntervalSeconds: number): Promise<string[]> {
  const id = await boss.work<RevokeJob>(REQUEST_QUEUE, { batchSize: 20, pollingIntervalSeconds }, async (jobs) => {
    const { runDueRevokes } = await import("./expire");
    for (const job of jobs) await runDueRevokes({ requestId: job.data.requestId });
  });
  if (!globalForSweep.requestSweep) {
    void sweepRequests();
    globalForSweep.requestSweep = setInterval(() => void sweepRequests(), SWEEP_INTERVAL_MS);
    globalForSweep.requestSweep.unref();
  }
  return [id];
}
