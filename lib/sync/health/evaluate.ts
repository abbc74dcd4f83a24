// The three health alerts, each decided from the connector's alert row (alert-state.ts) and the
// facts in the database: consecutive failed runs, the credential's expiry, the runner's last
// contact. Each sends one email per owner when the state changes, and nothing otherwise.
import { RUNNER_SILENT_INTERVALS } from "@/lib/data/connector-states";
import { credentialDaysLeft, EXPIRY_WARNING_DAYS } from "@/lib/validation/connectors";
import { failureLabel } from "../errors";
import { BATON_CATALOG_ID } from "../enqueue";
import { withAlertState, type Decision } from "./alert-state";

const DAY_MS = 86_400_000;

const isExpired = (expiresAt: Date | null, now: Date) => expiresAt !== null && expiresAt.getTime() <= now.getTime();

/**
 * After a run ends: N failed syncs in a row (since the last success) alert once; the same error
 * again does not; a different error kind alerts once more; a success after an alert says so.
 * An expired credential is its own alert (evaluateExpiryAlert), so it raises no failing alert.
 */
export function evaluateFailureAlert(connectorId: string) {
  return withAlertState(connectorId, async (state, connector, client): Promise<Decision> => {
    const { rows } = await client.query<{ status: string; error_kind: string | null; error_message: string | null; failures: number }>(
      `WITH ended AS (SELECT status, error_kind, error_message, queued_at FROM sync_runs WHERE connector_id = $1 AND status IN ('SUCCEEDED', 'FAILED')),
            ok AS (SELECT max(queued_at) AS at FROM ended WHERE status = 'SUCCEEDED')
       SELECT e.status, e.error_kind, e.error_message,
              (SELECT count(*)::int FROM ended f, ok WHERE f.status = 'FAILED' AND f.queued_at > coalesce(ok.at, '-infinity')) AS failures
         FROM ended e ORDER BY e.queued_at DESC LIMIT 1`,
      [connectorId],
    );
    const last = rows[0];
    if (!last) return null;
    if (last.status === "SUCCEEDED") {
      if (state.failureKind === null) return null;
      // The failures between the previous success and this one: what the owners were told about.
      const { rows: before } = await client.query<{ n: number }>(
        `WITH ok AS (SELECT queued_at FROM sync_runs WHERE connector_id = $1 AND status = 'SUCCEEDED' ORDER BY queued_at DESC LIMIT 2)
         SELECT count(*)::int AS n FROM sync_runs WHERE connector_id = $1 AND status = 'FAILED'
            AND queued_at < (SELECT max(queued_at) FROM ok) AND queued_at > coalesce((SELECT min(queued_at) FROM ok HAVING count(*) = 2), '-infinity')`,
        [connectorId],
      );
      return { alert: { kind: "recovered", recovery: true, failures: before[0]?.n ?? 0 }, change: { failureKind: null } };
    }
    const kind = last.error_kind ?? "internal";
    if (connector.disabled || last.failures < connector.failureAlertThreshold) return null;
    if (isExpired(connector.credentialExpiresAt, connector.now) || state.failureKind === kind) return null;
    // Deferred, not dropped: the next failure or the hourly health check sends it.
    if (state.rateLimited) return null;
    const message = last.error_message ?? failureLabel(kind);
    return {
      alert: { kind: state.failureKind ? "failing-changed" : "failing", failures: last.failures, errorKind: kind, errorLabel: failureLabel(kind), errorMessage: message },
      change: { failureKind: kind },
    };
  });
}

/** The nearest warning threshold reached: 0 when expired, 3 or 14 days, null when further. */
export function expiryThreshold(expiresAt: Date, now: Date): number | null {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 0;
  const reached = EXPIRY_WARNING_DAYS.filter((days) => left <= days * DAY_MS);
  return reached.length ? Math.min(...reached) : null;
}


/**
 * 14 and 3 days before the credential expires, and once it has: each once per credential. The
 * warnings are kept for the expiry they were sent for, so a new credential (another expiry, or
 * saved settings, which clear them) starts afresh.
 */
export function evaluateExpiryAlert(connectorId: string) {
  return withAlertState(connectorId, (state, connector): Decision => {
    const expiresAt = connector.credentialExpiresAt;
    if (!expiresAt || connector.disabled) return null;
    const threshold = expiryThreshold(expiresAt, connector.now);
    if (threshold === null) return null;
    const warned = state.expiryWarnedFor?.getTime() === expiresAt.getTime() ? state.expiryWarnedDays : null;
    if (warned !== null && warned <= threshold) return null;
    if (state.rateLimited) return null;
    const change = { expiryWarnedFor: expiresAt, expiryWarnedDays: threshold };
    if (threshold === 0) return { alert: { kind: "credential-expired", expiresAt }, change };
    return { alert: { kind: "expiry-warning", days: credentialDaysLeft(expiresAt, connector.now), expiresAt }, change };
  });
}

/**
 * A self-hosted runner that was seen and then went silent for three sync intervals alerts once;
 * its next contact says it is back. A runner never seen yet is "waiting", not an alert.
 */
export function evaluateRunnerAlert(connectorId: string) {
  return withAlertState(connectorId, (state, connector): Decision => {
    if (connector.catalogId !== BATON_CATALOG_ID || !connector.lastSeenAt) return null;
    const silentFor = connector.now.getTime() - connector.lastSeenAt.getTime();
    const silent = !connector.disabled && connector.clientId !== null && silentFor > connector.syncIntervalMinutes * RUNNER_SILENT_INTERVALS * 60_000;
    if (silent && !state.runnerSilentAlertAt && !state.rateLimited) {
      return { alert: { kind: "runner-silent", lastSeenAt: connector.lastSeenAt, intervals: RUNNER_SILENT_INTERVALS }, change: { runnerSilentAlertAt: connector.now } };
    }
    if (!silent && state.runnerSilentAlertAt) return { alert: { kind: "runner-back", recovery: true, lastSeenAt: connector.lastSeenAt }, change: { runnerSilentAlertAt: null } };
    return null;
  });
}
