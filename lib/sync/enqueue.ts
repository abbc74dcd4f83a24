// "Sync now", schedules and settings saves all come here. One QUEUED or RUNNING run per
// connector is a database guarantee (a partial unique index), so two clicks, two tabs or
// two processes get the same run.
import { SyncRefusedError } from "./errors";
import { getSyncPool, NOW_UTC } from "./pool";
import { sendSyncJob } from "./queue";
import { endRun, findActiveRun, insertRun, restoreConnectorStatus, type Trigger } from "./runs";

export type EnqueueTrigger = Exclude<Trigger, "upload" | "retry">;

export const BATON_CATALOG_ID = "baton";

type ConnectorRow = { catalog_id: string; disabled: boolean; settings_sealed: string | null };

async function assertSyncable(connectorId: string) {
  const { rows } = await getSyncPool().query<ConnectorRow>(`SELECT catalog_id, disabled, settings_sealed FROM connectors WHERE id = $1`, [connectorId]);
  const connector = rows[0];
  if (!connector) throw new SyncRefusedError("This connector no longer exists.");
  if (connector.catalog_id === BATON_CATALOG_ID) {
    throw new SyncRefusedError("Baton connectors have no hosted sync: their self-hosted runner uploads each sync.");
  }
  if (connector.disabled) throw new SyncRefusedError("The connector is disabled. Enable it to sync.");
  if (!connector.settings_sealed) throw new SyncRefusedError("The connector has no settings yet. Save its settings first.");
}

export async function enqueueSync(connectorId: string, trigger: EnqueueTrigger): Promise<{ runId: string; created: boolean }> {
  await assertSyncable(connectorId);
  const pool = getSyncPool();
  // Three tries: the active run can finish between the refused insert and the look-up.
  for (let attempt = 0; attempt < 3; attempt++) {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      const runId = await insertRun(client, connectorId, trigger, "QUEUED");
      if (runId) {
        await sendSyncJob(client, runId);
        await client.query("COMMIT");
        return { runId, created: true };
      }
      const active = await findActiveRun(client, connectorId);
      if (active?.status === "QUEUED" && active.nextAttemptAt && active.nextAttemptAt.getTime() > Date.now() && trigger !== "schedule") {
        // Waiting out a retry delay: a person asking now (or new settings) should not wait.
        await client.query(`UPDATE sync_runs SET next_attempt_at = ${NOW_UTC} WHERE id = $1`, [active.id]);
        await sendSyncJob(client, active.id);
      }
      await client.query("COMMIT");
      if (active) return { runId: active.id, created: false };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
  throw new Error("Could not queue the sync: the connector's runs kept changing. Try again.");
}

/** Cancels a queued run at once; asks a running one to stop at its next progress write. */
export async function cancelSync(runId: string): Promise<"cancelled" | "cancelling" | "finished"> {
  const pool = getSyncPool();
  const { rows } = await pool.query<{ connector_id: string }>(
    `UPDATE sync_runs SET status = 'CANCELLED', finished_at = ${NOW_UTC}, error_kind = 'cancelled', error_message = 'Cancelled before it started.', next_attempt_at = NULL
      WHERE id = $1 AND status = 'QUEUED' RETURNING connector_id`,
    [runId],
  );
  if (rows[0]) {
    await restoreConnectorStatus(pool, rows[0].connector_id, "The last sync was cancelled before it finished.");
    return "cancelled";
  }
  const running = await pool.query(`UPDATE sync_runs SET cancel_requested_at = ${NOW_UTC} WHERE id = $1 AND status = 'RUNNING' RETURNING id`, [runId]);
  return running.rowCount ? "cancelling" : "finished";
}

/** Ends a connector's queued runs (used before deleting it or its data). */
export async function cancelConnectorRuns(connectorId: string, reason: string) {
  const pool = getSyncPool();
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM sync_runs WHERE connector_id = $1 AND status = 'QUEUED'`, [connectorId]);
  for (const row of rows) await endRun(pool, row.id, { status: "CANCELLED", errorKind: "cancelled", errorMessage: reason });
  await pool.query(`UPDATE sync_runs SET cancel_requested_at = ${NOW_UTC} WHERE connector_id = $1 AND status = 'RUNNING'`, [connectorId]);
}
