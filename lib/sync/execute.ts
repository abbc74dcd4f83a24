// A worker's job: run one hosted sync attempt under the connector's lock, then decide what
// the outcome means (published; retry later; failed for a person to fix; cancelled).
import type pg from "pg";
import { openJson } from "@/lib/crypto";
import { getConnector, isConnectorId, type AnyConnector } from "@/lib/connectors/registry";
import { createConnectorContext, type HostedConnectorId } from "@/lib/connectors/runtime";
import type { SyncRecord } from "@/lib/connectors/types";
import { describeCounts, runAttempt, type AttemptInput, type AttemptResult } from "./attempt";
import { auditSync } from "./audit";
import { classifyFailure, describeFailure, failureKind, SyncCancelledError, SyncInterruptedError, SyncShutdownError, SyncSupersededError } from "./errors";
import { tryLockConnector, unlockConnector } from "./locks";
import { getSyncPool } from "./pool";
import { sendSyncJob } from "./queue";
import { createRunLog, type RunLog } from "./run-log";
import { claimRun, endRun, markConnectorFailed, markConnectorSyncing, requeueRun, restartRun, restoreConnectorStatus, type ClaimedRun } from "./runs";
import { alertAfterRun, readCredentialExpiryAtSync } from "./health";
import { secretValues } from "./scrub";
import { dropSnapshotTables } from "./snapshot-tables";

export type ConnectorResolver = (catalogId: string) => AnyConnector | undefined;

export type ExecuteOptions = {
  /** Tests and the benchmark pass their own adapter; the app uses the registry. */
  resolveConnector?: ConnectorResolver;
  /** Waits before the 2nd, 3rd, … attempt after a transient failure. */
  retryDelaysSeconds?: readonly number[];
  /** Aborted when the worker shuts down: the run goes back to the queue. */
  signal?: AbortSignal;
  batchBytes?: number;
};

export type ExecuteOutcome = "done" | "busy" | "skipped";

export const DEFAULT_RETRY_DELAYS = [30, 120, 480] as const;

const resolveFromRegistry: ConnectorResolver = (catalogId) => (isConnectorId(catalogId) ? getConnector(catalogId) : undefined);

type ConnectorRow = { catalog_id: string; display_name: string; disabled: boolean; settings_sealed: string | null };

/** Runs the run if it is still due; "busy" when another process holds the connector. */
export async function executeRun(runId: string, options: ExecuteOptions = {}): Promise<ExecuteOutcome> {
  const pool = getSyncPool();
  const { rows } = await pool.query<{ connector_id: string; status: string }>(`SELECT connector_id, status FROM sync_runs WHERE id = $1`, [runId]);
  const run = rows[0];
  if (!run || (run.status !== "QUEUED" && run.status !== "RUNNING")) return "skipped";
  const client = await pool.connect();
  let healthy = true;
  try {
    if (!(await tryLockConnector(client, run.connector_id))) return "busy";
    try {
      return await executeLocked(client, pool, runId, options);
    } finally {
      await unlockConnector(client, run.connector_id).catch(() => {
        healthy = false;
      });
    }
  } catch (error) {
    healthy = false;
    throw error;
  } finally {
    // A connection that failed mid-protocol is closed rather than handed to the next run.
    client.release(healthy ? undefined : true);
  }
}

async function executeLocked(client: pg.PoolClient, pool: pg.Pool, runId: string, options: ExecuteOptions): Promise<ExecuteOutcome> {
  const claimed = await claimRun(client, runId);
  if (!claimed) return "skipped";
  const log = createRunLog(runId);
  const delays = options.retryDelaysSeconds ?? DEFAULT_RETRY_DELAYS;
  try {
    if (claimed.interrupted) {
      log.warn("The previous attempt stopped without finishing (its worker was stopped or killed). Starting again.");
      await dropSnapshotTables(client, runId);
    }
    if (claimed.interrupted && claimed.attempts > delays.length + 1) {
      throw new SyncInterruptedError(`The sync was interrupted ${claimed.attempts - 1} times without finishing; it will run again at its next schedule.`);
    }
    const { rows } = await client.query<ConnectorRow>(`SELECT catalog_id, display_name, disabled, settings_sealed FROM connectors WHERE id = $1`, [claimed.connectorId]);
    const connector = rows[0];
    if (!connector) throw new SyncCancelledError("The connector was deleted.");
    if (connector.disabled) throw new SyncCancelledError("The connector is disabled.");
    const adapter = (options.resolveConnector ?? resolveFromRegistry)(connector.catalog_id);
    if (!adapter) throw new Error(`Connector type "${connector.catalog_id}" has no hosted sync.`);
    if (!connector.settings_sealed) throw new Error("The connector has no settings yet. Open its settings and save them.");
    let config: unknown;
    try {
      config = openJson<unknown>(connector.settings_sealed);
    } catch {
      throw new Error("The connector's settings cannot be opened with this ENCRYPTION_KEY.");
    }
    log.setSecrets(secretValues(adapter, config));
    await markConnectorSyncing(pool, claimed.connectorId);
    log.info(`Sync started (${claimed.trigger}, attempt ${claimed.attempts}) for ${connector.display_name}.`);
    await auditSync(client, { connectorId: claimed.connectorId, runId, kind: "sync.started", summary: `Sync of ${connector.display_name} started (${claimed.trigger}, attempt ${claimed.attempts})` });

    const read = (signal: AbortSignal) => adapter.sync(config, createConnectorContext(connector.catalog_id as HostedConnectorId, { logger: log.logger, signal }));
    const result = await attemptUntilCurrent({ client, pool, runId, connectorId: claimed.connectorId, log, batchBytes: options.batchBytes }, read, options.signal);
    await auditSync(client, { connectorId: claimed.connectorId, runId, kind: "sync.finished", summary: `Sync of ${connector.display_name} finished: ${describeCounts(result.counts)}`, data: { ...result.counts } });
    // After a success only: a failing sync is not slowed by more calls to a failing upstream, and
    // the expiry already stored (from the check or an earlier sync) names an expired credential.
    await readCredentialExpiryAtSync(claimed.connectorId, adapter, config, createConnectorContext(connector.catalog_id as HostedConnectorId, { logger: log.logger, signal: options.signal }));
    await alertAfterRun(claimed.connectorId);
  } catch (error) {
    await settleFailure(client, claimed, error, delays, log);
  } finally {
    await log.close();
  }
  return "done";
}

/**
 * Runs the attempt; if a grant or revoke is recorded while it reads (supersedeRunningSync), what
 * it read may predate the change and is not published: the same run reads again at once,
 * still holding the connector's lock. Restarting in place rather than cancelling and queueing
 * a new run keeps "one active run per connector" as it is: the change's confirming sync is
 * deduplicated into this run, and this run is then the sync that reads after the change.
 */
async function attemptUntilCurrent(
  input: Omit<AttemptInput, "records" | "controller">,
  read: (signal: AbortSignal) => AsyncIterable<SyncRecord>,
  shutdown: AbortSignal | undefined,
): Promise<AttemptResult> {
  for (;;) {
    if (shutdown?.aborted) throw new SyncShutdownError("The worker is stopping.");
    const controller = new AbortController();
    const onShutdown = () => controller.abort(shutdown?.reason);
    shutdown?.addEventListener("abort", onShutdown, { once: true });
    try {
      return await runAttempt({ ...input, records: read(controller.signal), controller });
    } catch (error) {
      if (!(error instanceof SyncSupersededError)) throw error;
      if (!(await restartRun(input.client, input.runId))) throw new SyncCancelledError("The sync was cancelled.");
      input.log.info(`${error.message} Reading it again so that the snapshot includes the change.`);
    } finally {
      shutdown?.removeEventListener("abort", onShutdown);
    }
  }
}

async function settleFailure(client: pg.PoolClient, run: ClaimedRun, error: unknown, delays: readonly number[], log: RunLog) {
  const kind = failureKind(error);
  const message = log.scrub(describeFailure(error));
  switch (classifyFailure(error)) {
    case "cancelled":
      log.warn(message);
      await endRun(client, run.id, { status: "CANCELLED", errorKind: kind, errorMessage: message });
      await restoreConnectorStatus(client, run.connectorId, message);
      await auditSync(client, { connectorId: run.connectorId, runId: run.id, kind: "sync.finished", summary: `Sync cancelled: ${message}`, result: "refused", data: { errorKind: kind } });
      return;
    case "shutdown":
      log.warn("The worker is stopping; the sync goes back to the queue.");
      return requeue(client, run.id, 0, null, false);
    case "transient":
      if (run.attempts <= delays.length) {
        const delay = delays[run.attempts - 1];
        log.warn(`${message} Trying again in ${delay} s (attempt ${run.attempts + 1} of ${delays.length + 1}).`);
        await requeue(client, run.id, delay, { kind, message }, true);
        await markConnectorSyncing(client, run.connectorId, `Retrying in ${delay} s after: ${message}`);
        return;
      }
      break;
    default:
      break;
  }
  log.error(message);
  await endRun(client, run.id, { status: "FAILED", errorKind: kind, errorMessage: message });
  await markConnectorFailed(client, run.connectorId, message);
  await auditSync(client, { connectorId: run.connectorId, runId: run.id, kind: "sync.finished", summary: `Sync failed: ${message}`, result: "failed", data: { errorKind: kind } });
  await alertAfterRun(run.connectorId);
}

/** Back to QUEUED and a job to pick it up, in one transaction. */
async function requeue(client: pg.PoolClient, runId: string, delaySeconds: number, error: { kind: string; message: string } | null, countAttempt: boolean) {
  await client.query("BEGIN");
  try {
    await requeueRun(client, runId, delaySeconds, error, countAttempt);
    await sendSyncJob(client, runId, delaySeconds);
    await client.query("COMMIT");
  } catch (failure) {
    await client.query("ROLLBACK").catch(() => {});
    throw failure;
  }
}
