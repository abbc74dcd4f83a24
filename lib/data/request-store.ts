// Reads of access requests and their history, and the history writer. The state changes
// themselves are guarded UPDATEs in lib/requests/transitions.ts.
import type pg from "pg";
import { getPool } from "@/lib/db/client";

export type RequestState = "PENDING" | "APPROVED" | "DENIED" | "PROVISIONING" | "ACTIVE" | "EXPIRED" | "REVOKED" | "FAILED" | "CANCELLED";

export type AccessRequestRow = {
  id: string;
  requesterId: string;
  requesterEmail: string;
  requesterName: string;
  applicationId: string;
  appName: string;
  connectorId: string;
  entitlementId: string;
  entitlementName: string;
  principalTypeId: string;
  principalId: string;
  principalName: string;
  justification: string;
  durationHours: number | null;
  state: RequestState;
  step: number;
  steps: string[][];
  extendsRequestId: string | null;
  endsAt: Date | null;
  activatedAt: Date | null;
  endedAt: Date | null;
  claimedAt: Date | null;
  endAs: string | null;
  revokeAttempts: number;
  nextRevokeAt: Date | null;
  lastError: string | null;
  confirmedAt: Date | null;
  removalConfirmedAt: Date | null;
  createdAt: Date;
};

export const REQUEST_COLUMNS = `r.id, r.requester_id AS "requesterId", r.requester_email AS "requesterEmail", r.requester_name AS "requesterName",
  r.application_id AS "applicationId", r.app_name AS "appName", r.connector_id AS "connectorId", r.entitlement_id AS "entitlementId",
  r.entitlement_name AS "entitlementName", r.principal_type_id AS "principalTypeId", r.principal_id AS "principalId",
  r.principal_name AS "principalName", r.justification, r.duration_hours AS "durationHours", r.state, r.step, r.steps,
  r.extends_request_id AS "extendsRequestId", r.ends_at AS "endsAt", r.activated_at AS "activatedAt", r.ended_at AS "endedAt",
  r.claimed_at AS "claimedAt", r.end_as AS "endAs", r.revoke_attempts AS "revokeAttempts", r.next_revoke_at AS "nextRevokeAt",
  r.last_error AS "lastError", r.confirmed_at AS "confirmedAt", r.removal_confirmed_at AS "removalConfirmedAt", r.created_at AS "createdAt"`;

type Queryable = Pick<pg.ClientBase, "query">;

export async function getRequest(id: string, client: Queryable = getPool()): Promise<AccessRequestRow | null> {
  const { rows } = await client.query<AccessRequestRow>(`SELECT ${REQUEST_COLUMNS} FROM access_requests r WHERE r.id = $1`, [id]);
  return rows[0] ?? null;
}

export type RequestEvent = { id: string; at: Date; actorEmail: string | null; kind: string; step: number | null; comment: string | null };

export async function listRequestEvents(requestId: string): Promise<RequestEvent[]> {
  const { rows } = await getPool().query<RequestEvent>(
    `SELECT id::text, at, actor_email AS "actorEmail", kind, step, comment FROM access_request_events WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );
  return rows;
}

export async function addRequestEvent(client: Queryable, event: { requestId: string; at: Date; actor?: { id: string; email: string } | null; kind: string; step?: number | null; comment?: string | null }) {
  await client.query(`INSERT INTO access_request_events (request_id, at, actor_id, actor_email, kind, step, comment) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    event.requestId, event.at, event.actor?.id ?? null, event.actor?.email ?? null, event.kind, event.step ?? null, event.comment || null,
  ]);
}

/** The requester's requests, newest first (capped: a person has tens, not thousands). */
export async function listMyRequests(userId: string, limit = 100): Promise<AccessRequestRow[]> {
  const { rows } = await getPool().query<AccessRequestRow>(`SELECT ${REQUEST_COLUMNS} FROM access_requests r WHERE r.requester_id = $1 ORDER BY r.created_at DESC LIMIT $2`, [userId, limit]);
  return rows;
}

/** Pending requests whose current step this user approves (never their own). */
export async function listApprovals(userId: string, limit = 100): Promise<AccessRequestRow[]> {
  const { rows } = await getPool().query<AccessRequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM access_requests r
      WHERE r.state = 'PENDING' AND r.requester_id <> $1 AND (r.steps -> (r.step - 1)) ? $1
      ORDER BY r.created_at LIMIT $2`,
    [userId, limit],
  );
  return rows;
}

/** Decided by this user, for the inbox's "Recently decided" list. */
export async function listDecidedBy(userId: string, limit = 20): Promise<AccessRequestRow[]> {
  const { rows } = await getPool().query<AccessRequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM access_requests r
      WHERE r.id IN (SELECT request_id FROM access_request_events WHERE actor_id = $1 AND kind IN ('approved', 'denied'))
      ORDER BY r.created_at DESC LIMIT $2`,
    [userId, limit],
  );
  return rows;
}

/** Users (id, name, email) by id, for naming approvers. */
export async function listUsersById(ids: string[]): Promise<Map<string, { id: string; name: string; email: string }>> {
  if (!ids.length) return new Map();
  const { rows } = await getPool().query<{ id: string; name: string; email: string }>(`SELECT id, name, email FROM users WHERE id = ANY($1) AND NOT disabled`, [ids]);
  return new Map(rows.map((r) => [r.id, r]));
}
