// Fulfilment: claim the approved request (state PROVISIONING with a lease), grant through the
// provisioning path, record it Active. A worker killed between the upstream grant and the
// record leaves the claim behind; after the lease the sweep claims it again and grants again,
// which the adapters answer "already has it" (a success), so it ends Active with one grant.
import { now } from "@/lib/clock";
import { utc } from "@/lib/mail/templates";
import { getPool, inTransaction } from "@/lib/db/client";
import { recordAudit } from "@/lib/data/audit";
import { addRequestEvent, REQUEST_COLUMNS, type AccessRequestRow } from "@/lib/data/request-store";
import { provisionEntitlement } from "@/lib/provisioning/entitlements";
import { ProvisioningError } from "@/lib/provisioning/run";
import { jobActor } from "./errors";
import { scheduleRevoke } from "./jobs";
import { notifyActive, notifyFailed } from "./notify";

export const CLAIM_LEASE_MS = 60_000;
/** A runner task can wait long for its runner: the confirming sync activates the request. */
const RUNNER_LEASE_MS = 7 * 24 * 3600_000;

async function claimForGrant(id: string, at: Date): Promise<AccessRequestRow | null> {
  const { rows } = await getPool().query<AccessRequestRow>(
    `UPDATE access_requests r SET state = 'PROVISIONING', claimed_at = $2, updated_at = $2
      WHERE r.id = $1 AND r.extends_request_id IS NULL AND (r.state = 'APPROVED' OR (r.state = 'PROVISIONING' AND r.claimed_at < $3))
      RETURNING ${REQUEST_COLUMNS}`,
    [id, at, new Date(at.getTime() - CLAIM_LEASE_MS)],
  );
  return rows[0] ?? null;
}

export async function fulfilRequest(id: string): Promise<void> {
  const claim = now();
  const request = await claimForGrant(id, claim);
  if (!request) return; // someone else has it, or it is no longer approved
  const input = { connectorId: request.connectorId, entitlementId: request.entitlementId, principalTypeId: request.principalTypeId, principalId: request.principalId };
  let via: "adapter" | "runner";
  try {
    via = (await provisionEntitlement("grant", input, jobActor(request.requesterEmail))).via;
  } catch (error) {
    if (!(error instanceof ProvisioningError)) throw error; // unexpected: the lease brings it back
    await failGrant(request, claim, error.message);
    return;
  }
  const at = now();
  if (via === "runner") {
    await getPool().query(`UPDATE access_requests SET claimed_at = $2 WHERE id = $1 AND state = 'PROVISIONING' AND claimed_at = $3`, [id, new Date(at.getTime() + RUNNER_LEASE_MS), claim]);
    return;
  }
  const active = await activateRequest(id, at, claim);
  if (active) await notifyActive(active);
}

/** PROVISIONING → ACTIVE, its end counted from now. `claim` null: the confirming sync activates it. */
export async function activateRequest(id: string, at: Date, claim: Date | null): Promise<AccessRequestRow | null> {
  const row = await inTransaction(async (client) => {
    const { rows } = await client.query<AccessRequestRow>(
      `UPDATE access_requests r SET state = 'ACTIVE', activated_at = $2, claimed_at = NULL, updated_at = $2,
              ends_at = CASE WHEN r.duration_hours IS NULL THEN NULL ELSE $2::timestamp + make_interval(hours => r.duration_hours) END
        WHERE r.id = $1 AND r.state = 'PROVISIONING' AND ($3::timestamptz IS NULL OR r.claimed_at = $3)
        RETURNING ${REQUEST_COLUMNS}`,
      [id, at, claim],
    );
    if (rows[0]) await addRequestEvent(client, { requestId: id, at, kind: "active", comment: rows[0].endsAt ? `Until ${utc(rows[0].endsAt)}` : "Permanent" });
    return rows[0] ?? null;
  });
  if (!row) return null;
  await recordAudit({ actor: jobActor(row.requesterEmail), kind: "access_request.active", connectorId: row.connectorId, targetType: "access_request", targetId: id, summary: `${row.entitlementName} in ${row.appName} is active for ${row.requesterEmail}${row.endsAt ? ` until ${row.endsAt.toISOString()}` : ""}` });
  if (row.endsAt) await scheduleRevoke(id, row.endsAt);
  return row;
}

async function failGrant(request: AccessRequestRow, claim: Date, message: string) {
  const at = now();
  const failed = await inTransaction(async (client) => {
    const { rowCount } = await client.query(`UPDATE access_requests SET state = 'FAILED', ended_at = $3, last_error = $4, claimed_at = NULL, updated_at = $3 WHERE id = $1 AND state = 'PROVISIONING' AND claimed_at = $2`, [request.id, claim, at, message]);
    if (rowCount) await addRequestEvent(client, { requestId: request.id, at, kind: "grant_failed", comment: message });
    return Boolean(rowCount);
  });
  if (failed) await notifyFailed(request, "grant", message);
}

/** Approved requests nobody is fulfilling (the approving process died, or a lease ran out). */
export async function fulfilLeftovers(limit = 50) {
  const { rows } = await getPool().query<{ id: string }>(
    `SELECT id FROM access_requests WHERE extends_request_id IS NULL AND (state = 'APPROVED' OR (state = 'PROVISIONING' AND claimed_at < $1)) ORDER BY updated_at LIMIT $2`,
    [new Date(now().getTime() - CLAIM_LEASE_MS), limit],
  );
  for (const row of rows) await fulfilRequest(row.id);
  return rows.length;
}
