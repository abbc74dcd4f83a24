// The sync_runs rows and the connector status that follows from them. Raw SQL on pg, so the
// statements can share a transaction with a pg-boss job insert and with the publish.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { NOW_UTC } from "./pool";
import type { SnapshotCounts } from "./snapshot-writer";

export type Trigger = "manual" | "schedule" | "settings" | "upload" | "retry";
export type RunStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

/** Lowercase and alphanumeric like Prisma's cuids, because run ids name snapshot tables. */
export function newRunId() {
  return `c${Date.now().toString(36)}${randomBytes(9).toString("hex")}`;
}

export type ActiveRun = { id: string; status: RunStatus; nextAttemptAt: Date | null };

/**
 * Inserts a run unless the connector already has a QUEUED or RUNNING one; the partial unique
 * index decides, so concurrent callers in any process get exactly one run.
 */
export async function insertRun(client: pg.ClientBase, connectorId: string, trigger: Trigger, status: "QUEUED" | "RUNNING"): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO sync_runs (id, connector_id, status, trigger, queued_at, started_at, heartbeat_at, attempts)
     VALUES ($1, $2, $3::"SyncRunStatus", $4, ${NOW_UTC}, CASE WHEN $3 = 'RUNNING' THEN ${NOW_UTC} END, CASE WHEN $3 = 'RUNNING' THEN ${NOW_UTC} END, CASE WHEN $3 = 'RUNNING' THEN 1 ELSE 0 END)
     ON CONFLICT (connector_id) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING
     RETURNING id`,
    [newRunId(), connectorId, status, trigger],
  );
  return rows[0]?.id ?? null;
}

export async function findActiveRun(client: pg.ClientBase, connectorId: string): Promise<ActiveRun | null> {
  const { rows } = await client.query<{ id: string; status: RunStatus; next_attempt_at: Date | null }>(
    `SELECT id, status, next_attempt_at AT TIME ZONE 'UTC' AS next_attempt_at FROM sync_runs WHERE connector_id = $1 AND status IN ('QUEUED', 'RUNNING')`,
    [connectorId],
  );
  const row = rows[0];
  return row ? { id: row.id, status: row.status, nextAttemptAt: row.next_attempt_at } : null;
}

export type ClaimedRun = {
  id: string;
  connectorId: string;
  trigger: string;
  attempts: number;
  /** The run was RUNNING without a live worker: its previous attempt was killed. */
  interrupted: boolean;
};

/** QUEUED (or orphaned RUNNING) → RUNNING. Call with the connector's advisory lock held. */
export async function claimRun(client: pg.ClientBase, runId: string): Promise<ClaimedRun | null> {
  const { rows } = await client.query<{ id: string; connector_id: string; trigger: string; attempts: number; was: RunStatus }>(
    `UPDATE sync_runs r SET status = 'RUNNING', started_at = COALESCE(r.started_at, ${NOW_UTC}), heartbeat_at = ${NOW_UTC},
            attempts = r.attempts + 1, phase = 'resource-types', next_attempt_at = NULL, reread_requested_at = NULL,
            resource_types_count = 0, resources_count = 0, accounts_count = 0, entitlements_count = 0, grants_count = 0
       FROM (SELECT id, status AS was FROM sync_runs WHERE id = $1 FOR UPDATE) old
      WHERE r.id = old.id AND r.status IN ('QUEUED', 'RUNNING') AND r.cancel_requested_at IS NULL AND r.trigger <> 'upload'
        AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= ${NOW_UTC} + interval '2 seconds')
      RETURNING r.id, r.connector_id, r.trigger, r.attempts, old.was`,
    [runId],
  );
  const row = rows[0];
  return row ? { id: row.id, connectorId: row.connector_id, trigger: row.trigger, attempts: row.attempts, interrupted: row.was === "RUNNING" } : null;
}

/**
 * Progress and heartbeat; tells the caller whether someone asked to cancel the run, or to read
 * again because a provisioning change was recorded after its read began (see supersedeRunningSync).
 */
export async function recordProgress(
  client: pg.ClientBase | pg.Pool,
  runId: string,
  phase: string,
  counts: SnapshotCounts,
): Promise<{ cancelRequested: boolean; restartRequested: boolean }> {
  const { rows } = await client.query<{ cancel: boolean; restart: boolean }>(
    `UPDATE sync_runs SET phase = $2, resource_types_count = $3, resources_count = $4, accounts_count = $5, entitlements_count = $6,
            grants_count = $7, heartbeat_at = ${NOW_UTC}
      WHERE id = $1 RETURNING cancel_requested_at IS NOT NULL OR status <> 'RUNNING' AS cancel, reread_requested_at IS NOT NULL AS restart`,
    [runId, phase, counts.resourceTypes, counts.resources, counts.accounts, counts.entitlements, counts.grants],
  );
  return { cancelRequested: rows[0]?.cancel ?? true, restartRequested: rows[0]?.restart ?? false };
}

/**
 * A grant or revoke is being recorded: the connector's RUNNING hosted sync may have read the
 * upstream before it, so it must read again before it may publish (reread_requested_at). Call in the transaction that edits the snapshot, holding the
 * connector row (FOR SHARE), so a publish (FOR UPDATE) is ordered wholly before or after it.
 * Uploads are left alone: the runner read them before sending, and it syncs right after
 * reporting its tasks. A QUEUED run has not read anything yet.
 */
export async function supersedeRunningSync(client: pg.ClientBase, connectorId: string) {
  await client.query(
    `UPDATE sync_runs SET reread_requested_at = ${NOW_UTC}
      WHERE connector_id = $1 AND status = 'RUNNING' AND trigger <> 'upload' AND cancel_requested_at IS NULL`,
    [connectorId],
  );
}

/**
 * The worker starts reading again in the same run (same lock, not a new attempt): clears the
 * request and the counts. Null when the run was cancelled or ended meanwhile.
 */
export async function restartRun(client: pg.ClientBase, runId: string): Promise<string | null> {
  const { rows } = await client.query<{ id: string }>(
    `UPDATE sync_runs SET reread_requested_at = NULL, phase = 'resource-types', heartbeat_at = ${NOW_UTC},
            resource_types_count = 0, resources_count = 0, accounts_count = 0, entitlements_count = 0, grants_count = 0
      WHERE id = $1 AND status = 'RUNNING' AND cancel_requested_at IS NULL RETURNING id`,
    [runId],
  );
  return rows[0]?.id ?? null;
}

export type RunEnding = {
  status: "FAILED" | "CANCELLED" | "SUCCEEDED";
  errorKind?: string | null;
  errorMessage?: string | null;
  timings?: Record<string, number>;
};

export async function endRun(client: pg.ClientBase | pg.Pool, runId: string, ending: RunEnding) {
  await client.query(
    `UPDATE sync_runs SET status = $2::"SyncRunStatus", finished_at = ${NOW_UTC}, error_kind = $3, error_message = $4,
            timings = COALESCE($5::jsonb, timings), next_attempt_at = NULL
      WHERE id = $1`,
    [runId, ending.status, ending.errorKind ?? null, ending.errorMessage ?? null, ending.timings ? JSON.stringify(ending.timings) : null],
  );
}

/** Back to QUEUED after a transient failure or an interruption; the caller sends the job. */
export async function requeueRun(client: pg.ClientBase, runId: string, delaySeconds: number, error: { kind: string; message: string } | null, countAttempt = true) {
  await client.query(
    `UPDATE sync_runs SET status = 'QUEUED', phase = NULL, next_attempt_at = ${NOW_UTC} + make_interval(secs => $2),
            error_kind = $3, error_message = $4, attempts = attempts - CASE WHEN $5 THEN 0 ELSE 1 END
      WHERE id = $1`,
    [runId, delaySeconds, error?.kind ?? null, error?.message ?? null, countAttempt],
  );
}

// ---- Connector status. A disabled connector keeps DISABLED whatever its runs do.

export async function markConnectorSyncing(client: pg.ClientBase | pg.Pool, connectorId: string, reason: string | null = null) {
  await client.query(`UPDATE connectors SET status = 'SYNCING', status_reason = $2, updated_at = ${NOW_UTC} WHERE id = $1 AND NOT disabled`, [connectorId, reason]);
}

export async function markConnectorFailed(client: pg.ClientBase | pg.Pool, connectorId: string, reason: string) {
  await client.query(`UPDATE connectors SET status = 'ERROR', status_reason = $2, updated_at = ${NOW_UTC} WHERE id = $1 AND NOT disabled`, [connectorId, reason]);
}

/** After a cancel: Connected if a snapshot is visible, otherwise an error that says why. */
export async function restoreConnectorStatus(client: pg.ClientBase | pg.Pool, connectorId: string, reason: string) {
  await client.query(
    `UPDATE connectors SET status = CASE WHEN current_sync_run_id IS NOT NULL THEN 'CONNECTED'::"ConnectorStatus" ELSE 'ERROR'::"ConnectorStatus" END,
            status_reason = CASE WHEN current_sync_run_id IS NOT NULL THEN NULL ELSE $2 END, updated_at = ${NOW_UTC}
      WHERE id = $1 AND NOT disabled`,
    [connectorId, reason],
  );
}
