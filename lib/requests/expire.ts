// The end of access: every due grant (its end time passed, or "Revoke now") is claimed with
// FOR UPDATE SKIP LOCKED, so several workers and the per-request jobs never take the same one,
// revoked through the provisioning path, and recorded Expired or Revoked by the claim it holds:
// exactly once. A failed revoke shows Failed, alerts the owners and is retried with backoff.
import { now } from "@/lib/clock";
import { getPool, inTransaction } from "@/lib/db/client";
import { recordAudit } from "@/lib/data/audit";
import { addRequestEvent, getRequest, REQUEST_COLUMNS, type AccessRequestRow } from "@/lib/data/request-store";
import { provisionEntitlement } from "@/lib/provisioning/entitlements";
import { ProvisioningError } from "@/lib/provisioning/run";
import { jobActor, RequestRefusal } from "./errors";
import { CLAIM_LEASE_MS } from "./fulfil";
import { notifyEnded, notifyFailed } from "./notify";

export const revokeBackoffMs = (attempts: number) => Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));

async function claimDue(at: Date, limit: number, requestId?: string): Promise<AccessRequestRow[]> {
  const { rows } = await getPool().query<AccessRequestRow>(
    `WITH due AS (
       SELECT id FROM access_requests
        WHERE state IN ('ACTIVE', 'FAILED') AND ended_at IS NULL AND activated_at IS NOT NULL AND ends_at <= $1
          AND (next_revoke_at IS NULL OR next_revoke_at <= $1) AND (claimed_at IS NULL OR claimed_at < $2)
          AND ($4::text IS NULL OR id = $4)
        ORDER BY ends_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     UPDATE access_requests r SET claimed_at = $1 FROM due WHERE r.id = due.id RETURNING ${REQUEST_COLUMNS}`,
    [at, new Date(at.getTime() - CLAIM_LEASE_MS), limit, requestId ?? null],
  );
  return rows;
}

/** Revokes what is due, `concurrency` at a time; returns how many were claimed. */
export async function runDueRevokes(options: { requestId?: string; limit?: number; concurrency?: number } = {}): Promise<number> {
  const claim = now();
  const due = await claimDue(claim, options.limit ?? 200, options.requestId);
  let next = 0;
  const lanes = Array.from({ length: Math.min(options.concurrency ?? 8, due.length) }, async () => {
    while (next < due.length) await revokeClaimed(due[next++], claim);
  });
  await Promise.all(lanes);
  return due.length;
}

async function revokeClaimed(request: AccessRequestRow, claim: Date) {
  const input = { connectorId: request.connectorId, entitlementId: request.entitlementId, principalTypeId: request.principalTypeId, principalId: request.principalId };
  try {
    await provisionEntitlement("revoke", input, jobActor(request.requesterEmail));
  } catch (error) {
    if (!(error instanceof ProvisioningError)) throw error;
    await failRevoke(request, claim, error.message);
    return;
  }
  const at = now();
  const how = request.endAs === "REVOKED" ? "REVOKED" : "EXPIRED";
  const ended = await inTransaction(async (client) => {
    const { rowCount } = await client.query(
      `UPDATE access_requests SET state = $3, end_as = $3, ended_at = $4, claimed_at = NULL, last_error = NULL, updated_at = $4 WHERE id = $1 AND claimed_at = $2 AND ended_at IS NULL`,
      [request.id, claim, how, at],
    );
    if (rowCount) await addRequestEvent(client, { requestId: request.id, at, kind: how === "EXPIRED" ? "expired" : "revoked" });
    return Boolean(rowCount);
  });
  if (!ended) return;
  await recordAudit({ actor: jobActor(request.requesterEmail), kind: `access_request.${how.toLowerCase()}`, connectorId: request.connectorId, targetType: "access_request", targetId: request.id, summary: `${request.entitlementName} in ${request.appName} ${how === "EXPIRED" ? "expired" : "was revoked early"} for ${request.requesterEmail}` });
  await notifyEnded(request, how);
}

async function failRevoke(request: AccessRequestRow, claim: Date, message: string) {
  const at = now();
  const attempts = request.revokeAttempts + 1;
  const { rowCount } = await getPool().query(
    `UPDATE access_requests SET state = 'FAILED', revoke_attempts = $3, next_revoke_at = $4, last_error = $5, claimed_at = NULL, updated_at = $6 WHERE id = $1 AND claimed_at = $2 AND ended_at IS NULL`,
    [request.id, claim, attempts, new Date(at.getTime() + revokeBackoffMs(attempts)), message, at],
  );
  if (!rowCount) return;
  await addRequestEvent(getPool(), { requestId: request.id, at, kind: "revoke_failed", comment: `${message} (attempt ${attempts}; retried with backoff)` });
  // The owners hear of it once per failing grant, not on every retry.
  if (attempts === 1) await notifyFailed(request, "revoke", message);
}

/** "Revoke now": the requester, an app owner or an administrator ends the access early. */
export async function revokeNow(requestId: string, actor: { id: string; email: string }) {
  const at = now();
  const marked = await inTransaction(async (client) => {
    const { rowCount } = await client.query(
      `UPDATE access_requests SET end_as = 'REVOKED', ends_at = LEAST(coalesce(ends_at, $2), $2), next_revoke_at = NULL, updated_at = $2
        WHERE id = $1 AND state IN ('ACTIVE', 'FAILED') AND ended_at IS NULL AND activated_at IS NOT NULL`,
      [requestId, at],
    );
    if (rowCount) await addRequestEvent(client, { requestId, at, actor, kind: "revoke_requested" });
    return Boolean(rowCount);
  });
  const row = await getRequest(requestId);
  if (!marked || !row) throw new RequestRefusal(row ? "Only active access can be revoked." : "This request no longer exists.");
  await recordAudit({ actor, kind: "access_request.revoke_now", connectorId: row.connectorId, targetType: "access_request", targetId: requestId, summary: `${actor.email} revoked ${row.requesterEmail}'s ${row.entitlementName} in ${row.appName} early` });
  await runDueRevokes({ requestId });
  return (await getRequest(requestId))!;
}
