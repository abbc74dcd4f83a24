// Records that do not come from a hosted adapter (a self-hosted runner's upload, a .c1z
// import) take the same store path: the same run rows, tables, indexes and publish.
import type { Logger, SyncRecord } from "@/lib/connectors/types";
import { runAttempt } from "./attempt";
import { classifyFailure, describeFailure, failureKind, SyncRefusedError } from "./errors";
import { tryLockConnector, unlockConnector } from "./locks";
import { getSyncPool } from "./pool";
import { createRunLog } from "./run-log";
import { alertAfterRun } from "./health";
import { endRun, insertRun, markConnectorFailed, markConnectorSyncing, restoreConnectorStatus, type Trigger } from "./runs";
import type { SnapshotCounts } from "./snapshot-writer";

export type IngestOptions = {
  trigger: Exclude<Trigger, "retry">;
  /** Receives every (scrubbed) log line too, e.g. to answer the uploader. */
  logger?: Logger;
  signal?: AbortSignal;
  batchBytes?: number;
};

/** The run failed; it is recorded (FAILED or CANCELLED) and the previous snapshot stays. */
export class SyncFailedError extends Error {
  name = "SyncFailedError";
  constructor(readonly runId: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export async function ingestRecords(connectorId: string, records: AsyncIterable<SyncRecord>, options: IngestOptions): Promise<{ runId: string; counts: SnapshotCounts }> {
  const pool = getSyncPool();
  const { rows } = await pool.query<{ disabled: boolean }>(`SELECT disabled FROM connectors WHERE id = $1`, [connectorId]);
  if (!rows[0]) throw new SyncRefusedError("This connector no longer exists.");
  if (rows[0].disabled) throw new SyncRefusedError("The connector is disabled. Enable it before sending data.");
  const client = await pool.connect();
  let healthy = true;
  try {
    if (!(await tryLockConnector(client, connectorId))) throw new SyncRefusedError("A sync of this connector is running. Try again when it has finished.");
    try {
      const runId = await insertRun(client, connectorId, options.trigger, "RUNNING");
      if (!runId) throw new SyncRefusedError("A sync of this connector is queued. Try again when it has finished.");
      const log = createRunLog(runId, { mirror: options.logger });
      const controller = new AbortController();
      const onAbort = () => controller.abort(options.signal?.reason);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      try {
        await markConnectorSyncing(pool, connectorId);
        log.info(`Receiving records (${options.trigger}).`);
        const result = await runAttempt({ client, pool, runId, connectorId, records, log, controller, batchBytes: options.batchBytes });
        await alertAfterRun(connectorId);
        return { runId, counts: result.counts };
      } catch (error) {
        const message = log.scrub(describeFailure(error));
        const cancelled = ["cancelled", "shutdown"].includes(classifyFailure(error));
        log.error(message);
        await endRun(pool, runId, { status: cancelled ? "CANCELLED" : "FAILED", errorKind: failureKind(error), errorMessage: message });
        if (cancelled) await restoreConnectorStatus(pool, connectorId, message);
        else await markConnectorFailed(pool, connectorId, message);
        await alertAfterRun(connectorId);
        throw new SyncFailedError(runId, message, { cause: error });
      } finally {
        options.signal?.removeEventListener("abort", onAbort);
        await log.close();
      }
    } finally {
      await unlockConnector(client, connectorId).catch(() => {
        healthy = false;
      });
    }
  } catch (error) {
    if (!(error instanceof SyncRefusedError) && !(error instanceof SyncFailedError)) healthy = false;
    throw error;
  } finally {
    client.release(healthy ? undefined : true);
  }
}
