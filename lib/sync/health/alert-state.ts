// The one path every connector health alert takes: lock the connector's alert row, decide from
// what was last sent, queue one email per owner in the outbox and audit it, all in one
// transaction. Two workers settling at once queue on the row lock, and the second sees what
// the first sent; a crash before COMMIT sends nothing and leaves the state as it was.
import type pg from "pg";
import { randomBytes } from "node:crypto";
import { inTransaction } from "@/lib/db/client";
import { getAppUrl } from "@/lib/env";
import { deliverDueMail } from "@/lib/mail/send";
import { connectorAlertEmail, type ConnectorAlert } from "@/lib/mail/templates";
import { getTransport } from "@/lib/mail/transport";
import { getSyncPool, NOW_UTC } from "../pool";

/** At most one alert per connector per hour, recovery excepted: a flapping sync mails once. */
export const ALERT_MIN_GAP_MINUTES = 60;

export type AlertState = {
  failureKind: string | null;
  runnerSilentAlertAt: Date | null;
  expiryWarnedFor: Date | null;
  expiryWarnedDays: number | null;
  /** An alert other than a recovery was sent within ALERT_MIN_GAP_MINUTES. */
  rateLimited: boolean;
};

export type AlertConnector = {
  id: string;
  displayName: string;
  appName: string;
  catalogId: string;
  disabled: boolean;
  failureAlertThreshold: number;
  credentialExpiresAt: Date | null;
  lastSeenAt: Date | null;
  syncIntervalMinutes: number;
  clientId: string | null;
  /** The database's "now", so every comparison uses one clock. */
  now: Date;
};

export type StateChange = Partial<Pick<AlertState, "failureKind" | "runnerSilentAlertAt" | "expiryWarnedFor" | "expiryWarnedDays">>;
export type Decision = { alert: ConnectorAlert; change: StateChange } | { alert?: undefined; change?: StateChange } | null;

type Row = {
  failure_kind: string | null; runner_silent_alert_at: Date | null; expiry_warned_for: Date | null; expiry_warned_days: number | null; rate_limited: boolean;
  display_name: string; app_name: string; catalog_id: string; disabled: boolean; failure_alert_threshold: number;
  credential_expires_at: Date | null; last_seen_at: Date | null; sync_interval_minutes: number; client_id: string | null; now: Date;
};

const newMessageId = () => `m${Date.now().toString(36)}${randomBytes(9).toString("hex")}`;

/**
 * Runs `decide` with the connector's alert row locked; whatever it decides is applied and its
 * alert sent in the same transaction. Returns the alert sent, if any.
 */
export async function withAlertState(
  connectorId: string,
  decide: (state: AlertState, connector: AlertConnector, client: pg.ClientBase) => Promise<Decision> | Decision,
): Promise<ConnectorAlert | null> {
  let sent: ConnectorAlert | null = null;
  await inTransaction(async (client) => {
    await client.query(`INSERT INTO connector_alert_states (connector_id) SELECT id FROM connectors WHERE id = $1 ON CONFLICT DO NOTHING`, [connectorId]);
    const { rows } = await client.query<Row>(
      `SELECT s.failure_kind, s.runner_silent_alert_at AT TIME ZONE 'UTC' AS runner_silent_alert_at, s.expiry_warned_for AT TIME ZONE 'UTC' AS expiry_warned_for,
              s.expiry_warned_days, coalesce(s.last_alert_at > ${NOW_UTC} - make_interval(mins => $2), false) AS rate_limited,
              c.display_name, a.name AS app_name, c.catalog_id, c.disabled OR c.status = 'DISABLED' AS disabled, c.failure_alert_threshold,
              c.credential_expires_at AT TIME ZONE 'UTC' AS credential_expires_at, c.last_seen_at AT TIME ZONE 'UTC' AS last_seen_at,
              c.sync_interval_minutes, c.client_id, now() AS now
         FROM connector_alert_states s JOIN connectors c ON c.id = s.connector_id JOIN applications a ON a.id = c.application_id
        WHERE s.connector_id = $1 FOR UPDATE OF s`,
      [connectorId, ALERT_MIN_GAP_MINUTES],
    );
    const row = rows[0];
    if (row) {
      const state: AlertState = { failureKind: row.failure_kind, runnerSilentAlertAt: row.runner_silent_alert_at, expiryWarnedFor: row.expiry_warned_for, expiryWarnedDays: row.expiry_warned_days, rateLimited: row.rate_limited };
      const connector: AlertConnector = {
        id: connectorId, displayName: row.display_name, appName: row.app_name, catalogId: row.catalog_id, disabled: row.disabled,
        failureAlertThreshold: row.failure_alert_threshold, credentialExpiresAt: row.credential_expires_at, lastSeenAt: row.last_seen_at,
        syncIntervalMinutes: row.sync_interval_minutes, clientId: row.client_id, now: row.now,
      };
      const decision = await decide(state, connector, client);
      if (decision?.change) await applyChange(client, connectorId, decision.change, Boolean(decision.alert && !decision.alert.recovery));
      if (decision?.alert) {
        await queueAlert(client, connector, decision.alert);
        sent = decision.alert;
      }
    }
  }, getSyncPool());
  // Delivered after the commit; the outbox's retry loop covers a failure here.
  if (sent) void deliverDueMail().catch((error: Error) => console.error(`[alerts] delivery failed, will retry: ${error.message}`));
  return sent;
}

async function applyChange(client: pg.ClientBase, connectorId: string, change: StateChange, counts: boolean) {
  const columns: Record<keyof StateChange, string> = { failureKind: "failure_kind", runnerSilentAlertAt: "runner_silent_alert_at", expiryWarnedFor: "expiry_warned_for", expiryWarnedDays: "expiry_warned_days" };
  const sets: string[] = [];
  const values: unknown[] = [connectorId];
  for (const [key, column] of Object.entries(columns) as [keyof StateChange, string][]) {
    if (!(key in change)) continue;
    values.push(change[key] ?? null);
    sets.push(`${column} = $${values.length}`);
  }
  if (change.failureKind) sets.push(`failure_sent_at = ${NOW_UTC}`);
  if (counts) sets.push(`last_alert_at = ${NOW_UTC}`);
  sets.push(`updated_at = ${NOW_UTC}`);
  await client.query(`UPDATE connector_alert_states SET ${sets.join(", ")} WHERE connector_id = $1`, values);
}

/** One outbox message per owner (an active user), and one audit row naming the alert. */
async function queueAlert(client: pg.ClientBase, connector: AlertConnector, alert: ConnectorAlert) {
  const { rows: owners } = await client.query<{ name: string; email: string }>(
    `SELECT u.name, u.email FROM connector_owners o JOIN users u ON u.id = o.user_id WHERE o.connector_id = $1 AND NOT u.disabled ORDER BY u.email`,
    [connector.id],
  );
  const link = `${getAppUrl()}/admin/connectors/${connector.id}`;
  const queued = Boolean(getTransport());
  for (const owner of owners) {
    const mail = connectorAlertEmail({ name: owner.name, connectorName: connector.displayName, appName: connector.appName, link, alert });
    await client.query(
      `INSERT INTO email_messages (id, kind, "to", subject, text, html, status, next_attempt_at, created_at)
       VALUES ($1, 'connector_alert', $2, $3, $4, $5, $6::"EmailStatus", CASE WHEN $7 THEN ${NOW_UTC} END, ${NOW_UTC})`,
      [newMessageId(), owner.email, mail.subject, mail.text, mail.html, queued ? "QUEUED" : "OUTBOX", queued],
    );
  }
  await client.query(
    `INSERT INTO audit_events (kind, summary, connector_id, target_type, target_id, result, data) VALUES ('connector.alert_sent', $1, $2, 'connector', $2, 'ok', $3)`,
    [
      `${alertTitle(alert)} of ${connector.displayName} sent to ${owners.length} owner${owners.length === 1 ? "" : "s"}`,
      connector.id,
      JSON.stringify({ alert: alert.kind, errorKind: alert.kind === "failing" || alert.kind === "failing-changed" ? alert.errorKind : undefined, recipients: owners.map((o) => o.email) }),
    ],
  );
}

const TITLES: Record<ConnectorAlert["kind"], string> = {
  failing: "Failed-sync alert",
  "failing-changed": "Failed-sync alert (a different error)",
  recovered: "Recovery notice",
  "expiry-warning": "Credential expiry warning",
  "credential-expired": "Credential expired alert",
  "runner-silent": "Runner not seen alert",
  "runner-back": "Runner back notice",
};

export const alertTitle = (alert: ConnectorAlert) => TITLES[alert.kind];
