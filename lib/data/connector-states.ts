// Where each connector stands, in the words an admin checks every morning: Credential expired
// (its own state, ahead of Failing: the fix is a new credential, not a look at the logs), Failing (since
// when), Runner not seen, Waiting for settings, Syncing, Connected, Disabled; with the last
// successful sync. One statement over the connectors and the newest runs of each (the
// sync_runs index on connector and time), read by the Overview and the Connectors list.
// Timestamps are stored as UTC without a zone: read AT TIME ZONE 'UTC' so pg parses them right.
import { z } from "zod";
import { getPool } from "@/lib/db/client";
import { BATON_CATALOG_ID } from "@/lib/self-hosted/rotate";

export const connectorStates = ["credential-expired", "failing", "runner-not-seen", "waiting", "syncing", "connected", "disabled"] as const;
export type ConnectorState = (typeof connectorStates)[number];
export const connectorStateSchema = z.enum(connectorStates);

export const connectorStateLabels: Record<ConnectorState, string> = {
  "credential-expired": "Credential expired",
  failing: "Failing",
  "runner-not-seen": "Runner not seen",
  waiting: "Waiting for settings",
  syncing: "Syncing",
  connected: "Connected",
  disabled: "Disabled",
};

/** A runner is "not seen" when it has been silent for three sync intervals. */
export const RUNNER_SILENT_INTERVALS = 3;

export type ConnectorStanding = {
  id: string;
  displayName: string;
  catalogId: string;
  appId: string;
  appName: string;
  state: ConnectorState;
  /** When the failures since the last success began (the first failed run's end). */
  failingSince: Date | null;
  lastSuccessAt: Date | null;
  runnerLastSeenAt: Date | null;
  /** When the credential in use expires (told by the upstream or entered by an admin). */
  credentialExpiresAt: Date | null;
};

type Row = {
  id: string; display_name: string; catalog_id: string; app_id: string; app_name: string; state: ConnectorState;
  failing_since: Date | null; last_success_at: Date | null; last_seen_at: Date | null; credential_expires_at: Date | null;
};

/**
 * Every connector (or those of `ownerId`) with its state, failing ones first, the longest
 * failing first among them, then by name. A connector is in exactly one state: a disabled one
 * is Disabled whatever else holds, an expired credential Credential expired before it is Failing,
 * a failing one Failing before its runner is looked at.
 */
export async function listConnectorStandings(options: { ownerId?: string; state?: ConnectorState } = {}): Promise<ConnectorStanding[]> {
  const { rows } = await getPool().query<Row>(
    `WITH c AS (
       SELECT c.id, c.display_name, c.catalog_id, a.id AS app_id, a.name AS app_name, c.last_sync_at, c.last_seen_at,
              c.credential_expires_at,
              CASE WHEN c.disabled OR c.status = 'DISABLED' THEN 'disabled'
                   WHEN c.credential_expires_at <= (now() AT TIME ZONE 'UTC') THEN 'credential-expired'
                   WHEN c.status = 'ERROR' THEN 'failing'
                   WHEN c.status = 'PENDING_SETUP' THEN 'waiting'
                   WHEN c.catalog_id = $3 AND (c.last_seen_at IS NULL OR c.last_seen_at < (now() AT TIME ZONE 'UTC') - make_interval(mins => c.sync_interval_minutes * ${RUNNER_SILENT_INTERVALS}))
                        THEN 'runner-not-seen'
                   WHEN c.status = 'SYNCING' THEN 'syncing'
                   ELSE 'connected' END AS state
         FROM connectors c JOIN applications a ON a.id = c.application_id
        WHERE ($1::text IS NULL OR EXISTS (SELECT 1 FROM connector_owners o WHERE o.connector_id = c.id AND o.user_id = $1))
     )
     SELECT c.id, c.display_name, c.catalog_id, c.app_id, c.app_name, c.state, c.last_seen_at AT TIME ZONE 'UTC' AS last_seen_at,
            c.credential_expires_at AT TIME ZONE 'UTC' AS credential_expires_at,
            ok.finished_at AT TIME ZONE 'UTC' AS last_success_at, f.since AT TIME ZONE 'UTC' AS failing_since
       FROM c
       LEFT JOIN LATERAL (SELECT r.finished_at, r.queued_at FROM sync_runs r WHERE r.connector_id = c.id AND r.status = 'SUCCEEDED' ORDER BY r.queued_at DESC LIMIT 1) ok ON TRUE
       LEFT JOIN LATERAL (SELECT min(coalesce(r.finished_at, r.queued_at)) AS since FROM sync_runs r
                           WHERE c.state IN ('failing', 'credential-expired') AND r.connector_id = c.id AND r.status = 'FAILED' AND r.queued_at > coalesce(ok.queued_at, '-infinity')) f ON TRUE
      WHERE $2::text IS NULL OR c.state = $2
      ORDER BY c.state IN ('credential-expired', 'failing') DESC, f.since ASC NULLS LAST, lower(c.display_name), c.id`,
    [options.ownerId ?? null, options.state ?? null, BATON_CATALOG_ID],
  );
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    catalogId: r.catalog_id,
    appId: r.app_id,
    appName: r.app_name,
    state: r.state,
    failingSince: r.failing_since,
    lastSuccessAt: r.last_success_at,
    runnerLastSeenAt: r.last_seen_at,
    credentialExpiresAt: r.credential_expires_at,
  }));
}
