// Nothing is lost when a worker dies. A RUNNING run whose connector lock is free has no live
// worker: it gets a job again, and the next attempt starts over (its half-written tables are
// dropped; the visible snapshot was never touched). A QUEUED run whose job went missing
// (a worker killed between taking the job and starting the run) gets a new job.
import { sweepSnapshotTables } from "./cleanup";
import { isConnectorLocked } from "./locks";
import { getSyncPool, NOW_UTC } from "./pool";
import { hasLiveJob, sendSyncJob } from "./queue";
import { endRun, markConnectorFailed, restoreConnectorStatus } from "./runs";

export type RecoveryReport = { orphaned: string[]; resent: string[]; removedTables: number };

export async function recoverRuns(options: { queuedGraceSeconds?: number } = {}): Promise<RecoveryReport> {
  const grace = options.queuedGraceSeconds ?? 120;
  const pool = getSyncPool();
  const client = await pool.connect();
  const report: RecoveryReport = { orphaned: [], resent: [], removedTables: 0 };
  try {
    const running = await client.query<{ id: string; connector_id: string; cancel: boolean; upload: boolean }>(
      `SELECT id, connector_id, cancel_requested_at IS NOT NULL AS cancel, trigger = 'upload' AS upload FROM sync_runs WHERE status = 'RUNNING'`,
    );
    for (const run of running.rows) {
      if (await isConnectorLocked(client, run.connector_id)) continue;
      report.orphaned.push(run.id);
      if (run.upload) {
        // An upload cannot be replayed from here: the sender has to send it again.
        const message = "Interrupted: the process receiving the upload stopped. Send it again.";
        await endRun(client, run.id, { status: "FAILED", errorKind: "interrupted", errorMessage: message });
        await markConnectorFailed(client, run.connector_id, message);
      } else if (run.cancel) {
        await endRun(client, run.id, { status: "CANCELLED", errorKind: "cancelled", errorMessage: "Cancelled: the sync was cancelled." });
        await restoreConnectorStatus(client, run.connector_id, "The last sync was cancelled before it finished.");
      } else {
        await sendSyncJob(client, run.id);
      }
    }
    const queued = await client.query<{ id: string }>(
      `SELECT id FROM sync_runs WHERE status = 'QUEUED' AND COALESCE(next_attempt_at, queued_at) < ${NOW_UTC} - make_interval(secs => $1)`,
      [grace],
    );
    for (const run of queued.rows) {
      if (await hasLiveJob(client, run.id, 300)) continue;
      await sendSyncJob(client, run.id);
      report.resent.push(run.id);
    }
  } finally {
    client.release();
  }
  report.removedTables = await sweepSnapshotTables();
  return report;
}
