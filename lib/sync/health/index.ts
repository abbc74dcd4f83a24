// Connector health: alerts to the owners when syncs keep failing, a credential nears its expiry
// or a self-hosted runner goes silent. Nothing here may fail a sync or a request: an alert that
// could not be decided now is decided by the next run or the hourly health check.
import type { AnyConnector } from "@/lib/connectors/registry";
import type { ConnectorContext } from "@/lib/connectors/types";
import { getSyncPool, NOW_UTC } from "../pool";
import { evaluateExpiryAlert, evaluateFailureAlert, evaluateRunnerAlert } from "./evaluate";

export { ALERT_MIN_GAP_MINUTES } from "./alert-state";
export { evaluateExpiryAlert, evaluateFailureAlert, evaluateRunnerAlert, expiryThreshold } from "./evaluate";

const report = (what: string) => (error: Error) => console.error(`[alerts] ${what}: ${error.message}`);

/** After a run ended (published, failed): the failed-sync alert or its recovery. */
export async function alertAfterRun(connectorId: string) {
  await evaluateFailureAlert(connectorId).catch(report(`failure alert of ${connectorId}`));
}

/** After a runner's contact: the "back" notice if it had been reported silent. */
export async function alertAfterRunnerContact(connectorId: string) {
  await evaluateRunnerAlert(connectorId).catch(report(`runner alert of ${connectorId}`));
}

/**
 * Stores the expiry the upstream told (null: it does not expire) and warns if it is near. A
 * changed expiry is a new credential: its warnings start afresh (keyed by the expiry).
 */
export async function storeCredentialExpiry(connectorId: string, expiresAt: Date | null, source: "upstream" | "admin") {
  await getSyncPool().query(
    `UPDATE connectors SET credential_expires_at = $2::timestamptz AT TIME ZONE 'UTC', credential_expiry_source = CASE WHEN $2::timestamptz IS NULL THEN NULL ELSE $3 END,
            updated_at = ${NOW_UTC} WHERE id = $1`,
    [connectorId, expiresAt, source],
  );
  await evaluateExpiryAlert(connectorId).catch(report(`expiry alert of ${connectorId}`));
}

/** Saved settings carry a new credential: warnings already sent were for the old one. */
export async function resetExpiryWarnings(connectorId: string) {
  await getSyncPool().query(`UPDATE connector_alert_states SET expiry_warned_for = NULL, expiry_warned_days = NULL WHERE connector_id = $1`, [connectorId]);
}

/** At each sync: ask the upstream (where it tells) and store the answer; a failed read keeps the last one. */
export async function readCredentialExpiryAtSync(connectorId: string, adapter: AnyConnector, config: unknown, ctx: ConnectorContext) {
  if (!adapter.credentialExpiry) return;
  let expiry: Awaited<ReturnType<NonNullable<AnyConnector["credentialExpiry"]>>>;
  try {
    expiry = await adapter.credentialExpiry(config, ctx);
  } catch (error) {
    ctx.logger.warn(`The credential's expiry could not be read: ${(error as Error).message}`);
    return;
  }
  if (expiry === undefined) return;
  await storeCredentialExpiry(connectorId, expiry.expiresAt, "upstream");
  if (expiry.note) ctx.logger.info(expiry.note);
}

/** The hourly health check: every connector's expiry and runner, and failing alerts deferred by the rate limit. */
export async function checkConnectorHealth(): Promise<number> {
  const { rows } = await getSyncPool().query<{ id: string; baton: boolean; expiring: boolean; failing: boolean }>(
    `SELECT c.id, c.catalog_id = 'baton' AS baton, c.credential_expires_at IS NOT NULL AS expiring, c.status = 'ERROR' OR s.failure_kind IS NOT NULL AS failing
       FROM connectors c LEFT JOIN connector_alert_states s ON s.connector_id = c.id`,
  );
  let sent = 0;
  for (const row of rows) {
    const checks = [row.expiring && evaluateExpiryAlert, row.baton && evaluateRunnerAlert, row.failing && evaluateFailureAlert].filter((check) => check !== false);
    for (const check of checks) if (await check(row.id).catch(report(`health check of ${row.id}`))) sent++;
  }
  return sent;
}
