// Approve, deny, cancel, extend: each one guarded UPDATE, so approving twice, two approvers at
// once, or approving a cancelled request changes nothing and says why.
import { now } from "@/lib/clock";
import { utc } from "@/lib/mail/templates";
import { inTransaction } from "@/lib/db/client";
import { recordAudit } from "@/lib/data/audit";
import { getEffectivePolicy } from "@/lib/data/request-settings";
import { addRequestEvent, getRequest, type AccessRequestRow } from "@/lib/data/request-store";
import { formatHours } from "@/lib/validation/requests";
import { RequestRefusal, stateWord, fieldRefusal } from "./errors";
import { fulfilRequest } from "./fulfil";
import { scheduleRevoke } from "./jobs";
import { notifyApprovers, notifyDenied } from "./notify";
import { resolveSteps } from "./approvers";

type Actor = { id: string; email: string; name: string };

function explainRefusal(row: AccessRequestRow | null, userId: string, step: number): string {
  if (!row) return "This request no longer exists.";
  if (row.requesterId === userId) return "You cannot approve or deny your own request.";
  if (row.state !== "PENDING") return `This request is already ${stateWord(row.state)}. Nothing was changed.`;
  if (row.step !== step) return `Step ${step} of this request has already been decided. Nothing was changed.`;
  return "You are not an approver of this request.";
}

export async function decideRequest(input: { requestId: string; step: number; decision: "approve" | "deny"; comment: string }, actor: Actor): Promise<AccessRequestRow> {
  const at = now();
  const changed = await inTransaction(async (client) => {
    const guard = `id = $1 AND state = 'PENDING' AND step = $2 AND requester_id <> $3 AND (steps -> ($2 - 1)) ? $3`;
    const sql =
      input.decision === "approve"
        ? `UPDATE access_requests SET state = CASE WHEN step >= jsonb_array_length(steps) THEN 'APPROVED' ELSE 'PENDING' END, step = step + 1, updated_at = $4 WHERE ${guard} RETURNING id`
        : `UPDATE access_requests SET state = 'DENIED', ended_at = $4, updated_at = $4 WHERE ${guard} RETURNING id`;
    const { rowCount } = await client.query(sql, [input.requestId, input.step, actor.id, at]);
    if (!rowCount) return false;
    await addRequestEvent(client, { requestId: input.requestId, at, actor, kind: input.decision === "approve" ? "approved" : "denied", step: input.step, comment: input.comment });
    return true;
  });
  const row = await getRequest(input.requestId);
  if (!changed || !row) throw new RequestRefusal(explainRefusal(row, actor.id, input.step));
  const verb = input.decision === "approve" ? "approved" : "denied";
  await recordAudit({ actor, kind: `access_request.${input.decision}`, connectorId: row.connectorId, targetType: "access_request", targetId: row.id, summary: `${actor.email} ${verb} step ${input.step} of ${row.requesterEmail}'s request for ${row.entitlementName} in ${row.appName}`, data: { step: input.step, comment: input.comment } });
  if (row.state === "DENIED") await notifyDenied(row, actor.name, input.comment);
  else if (row.state === "PENDING") await notifyApprovers(row);
  else if (row.state === "APPROVED") return afterApproval(row);
  return row;
}

/** Fulfil now (the sweep retries if this process dies); an extension moves its request's end. */
async function afterApproval(row: AccessRequestRow): Promise<AccessRequestRow> {
  if (!row.extendsRequestId) {
    await fulfilRequest(row.id);
    return (await getRequest(row.id))!;
  }
  const at = now();
  const parent = await inTransaction(async (client) => {
    const { rows } = await client.query<{ ends_at: Date }>(
      `UPDATE access_requests SET ends_at = ends_at + make_interval(hours => $2), updated_at = $3 WHERE id = $1 AND state = 'ACTIVE' AND ended_at IS NULL AND ends_at IS NOT NULL AND end_as IS NULL RETURNING ends_at`,
      [row.extendsRequestId, row.durationHours, at],
    );
    if (rows[0]) await addRequestEvent(client, { requestId: row.extendsRequestId!, at, kind: "extended", comment: `Extended by ${formatHours(row.durationHours)}, until ${utc(rows[0].ends_at)}.` });
    return rows[0] ?? null;
  });
  if (parent) await scheduleRevoke(row.extendsRequestId!, parent.ends_at);
  return row;
}

export async function cancelRequest(requestId: string, actor: Actor) {
  const at = now();
  const done = await inTransaction(async (client) => {
    const { rowCount } = await client.query(`UPDATE access_requests SET state = 'CANCELLED', ended_at = $3, updated_at = $3 WHERE id = $1 AND requester_id = $2 AND state = 'PENDING'`, [requestId, actor.id, at]);
    if (rowCount) await addRequestEvent(client, { requestId, at, actor, kind: "cancelled" });
    return Boolean(rowCount);
  });
  const row = await getRequest(requestId);
  if (!done || !row) throw new RequestRefusal(!row || row.requesterId !== actor.id ? "Only the requester can cancel a request." : `This request is already ${stateWord(row.state)}: only a pending request can be cancelled.`);
  await recordAudit({ actor, kind: "access_request.cancel", connectorId: row.connectorId, targetType: "access_request", targetId: row.id, summary: `${actor.email} cancelled their request for ${row.entitlementName} in ${row.appName}` });
}

/** An extension is a new request for more time, approved like the first (the policy of now). */
export async function extendRequest(input: { requestId: string; durationHours: number; justification: string }, actor: Actor): Promise<AccessRequestRow> {
  const parent = await getRequest(input.requestId);
  if (!parent || parent.requesterId !== actor.id) throw new RequestRefusal("Only the requester can ask for an extension.");
  if (parent.state !== "ACTIVE" || !parent.endsAt || parent.endAs) throw new RequestRefusal("Only active, time-bound access can be extended.");
  const { policy } = await getEffectivePolicy(parent.applicationId, parent.connectorId, parent.entitlementId);
  if (!policy.requestable) throw new RequestRefusal(`${parent.entitlementName} is no longer requestable.`);
  if (input.durationHours > policy.maxDurationHours) throw fieldRefusal("durationHours", `The longest extension is ${formatHours(policy.maxDurationHours)}.`);
  if (policy.justificationRequired && !input.justification) throw fieldRefusal("justification", "Say why you need more time.");
  const steps = await resolveSteps(policy, { applicationId: parent.applicationId, requesterId: actor.id, requesterEmail: actor.email });
  const at = now();
  const id = await inTransaction(async (client) => {
    let result;
    try {
      result = await client.query<{ id: string }>(
        `INSERT INTO access_requests (id, requester_id, requester_email, requester_name, application_id, app_name, connector_id, entitlement_id, entitlement_name,
           principal_type_id, principal_id, principal_name, justification, duration_hours, state, steps, extends_request_id, created_at, updated_at)
         SELECT 'req_' || replace(gen_random_uuid()::text, '-', ''), requester_id, requester_email, requester_name, application_id, app_name, connector_id, entitlement_id, entitlement_name,
           principal_type_id, principal_id, principal_name, $2, $3, $4, $5::jsonb, id, $6, $6 FROM access_requests WHERE id = $1 RETURNING id`,
        [parent.id, input.justification, input.durationHours, steps.length ? "PENDING" : "APPROVED", JSON.stringify(steps), at],
      );
    } catch (error) {
      if ((error as { code?: string }).code === "23505") throw new RequestRefusal("An extension of this request is already waiting for approval.");
      throw error;
    }
    await addRequestEvent(client, { requestId: result.rows[0].id, at, actor, kind: "requested", comment: input.justification });
    await addRequestEvent(client, { requestId: parent.id, at, actor, kind: "extension_requested", comment: `Asked for ${formatHours(input.durationHours)} more.` });
    return result.rows[0].id;
  });
  const row = (await getRequest(id))!;
  await recordAudit({ actor, kind: "access_request.extend", connectorId: row.connectorId, targetType: "access_request", targetId: id, summary: `${actor.email} asked to extend ${row.entitlementName} in ${row.appName} by ${formatHours(input.durationHours)}` });
  if (row.state === "PENDING") await notifyApprovers(row);
  else await afterApproval(row);
  return row;
}
