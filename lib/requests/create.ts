// Making a request: the server's checks (requestable, duration, justification, an account to
// grant to, for oneself only), the approvers resolved into steps, one row. A second open request
// for the same entitlement is refused by a partial unique index, not by a read.
import { db, inTransaction } from "@/lib/db/client";
import { recordAudit } from "@/lib/data/audit";
import { findMatchedAccounts } from "@/lib/data/request-catalog";
import { getEffectivePolicy, requestabilityRefusal } from "@/lib/data/request-settings";
import { addRequestEvent, getRequest, type AccessRequestRow } from "@/lib/data/request-store";
import { now } from "@/lib/clock";
import { getPool } from "@/lib/db/client";
import { formatHours, type CreateRequestInput } from "@/lib/validation/requests";
import { resolveSteps } from "./approvers";
import { fieldRefusal, RequestRefusal } from "./errors";
import { notifyApprovers } from "./notify";

type Requester = { id: string; email: string; name: string };

async function entitlementName(connectorId: string, entitlementId: string): Promise<string> {
  const { rows } = await getPool().query<{ display_name: string }>(
    `SELECT e.display_name FROM connectors c JOIN entitlements e ON e.sync_run_id = c.current_sync_run_id AND e.external_id = $2 WHERE c.id = $1`,
    [connectorId, entitlementId],
  );
  return rows[0]?.display_name ?? entitlementId;
}

export async function createAccessRequest(input: CreateRequestInput, user: Requester): Promise<AccessRequestRow> {
  if (input.requesterId && input.requesterId !== user.id) throw fieldRefusal("requesterId", "You can only request access for yourself.");
  const connector = await db.connector.findUnique({ where: { id: input.connectorId }, select: { applicationId: true, application: { select: { name: true } } } });
  if (!connector) throw new RequestRefusal("This entitlement is not in the catalog.");
  const refused = await requestabilityRefusal(connector.applicationId, input.connectorId, input.entitlementId);
  if (refused) throw new RequestRefusal(refused);
  const { policy } = await getEffectivePolicy(connector.applicationId, input.connectorId, input.entitlementId);
  const name = await entitlementName(input.connectorId, input.entitlementId);
  if (!policy.requestable) throw new RequestRefusal(`${name} is not requestable in ${connector.application.name}.`);
  if (input.durationHours === 0 && !policy.allowPermanent) throw fieldRefusal("durationHours", `Permanent access is not allowed for ${name}: choose at most ${formatHours(policy.maxDurationHours)}.`);
  if (input.durationHours > policy.maxDurationHours) throw fieldRefusal("durationHours", `The longest you can request ${name} for is ${formatHours(policy.maxDurationHours)}.`);
  if (policy.justificationRequired && !input.justification) throw fieldRefusal("justification", "Say why you need this access.");
  const account = (await findMatchedAccounts(user.email, [input.connectorId])).get(input.connectorId);
  if (!account) throw new RequestRefusal(`You have no account in ${connector.application.name} matched to ${user.email}, so this access could not be granted. Ask an administrator to link your account.`);
  const steps = await resolveSteps(policy, { applicationId: connector.applicationId, requesterId: user.id, requesterEmail: user.email });
  const needsApproval = !(policy.firstApprover === "NONE" && policy.lowRisk);
  if (needsApproval && !steps.length) throw new RequestRefusal(`Nobody can approve this request yet: ${connector.application.name} has no owners. Ask an administrator to add one.`);
  const at = now();
  const id = await inTransaction(async (client) => {
    let inserted;
    try {
      inserted = await client.query<{ id: string }>(
        `INSERT INTO access_requests (id, requester_id, requester_email, requester_name, application_id, app_name, connector_id, entitlement_id, entitlement_name,
           principal_type_id, principal_id, principal_name, justification, duration_hours, state, steps, created_at, updated_at)
         VALUES ('req_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16, $16) RETURNING id`,
        [user.id, user.email, user.name, connector.applicationId, connector.application.name, input.connectorId, input.entitlementId, name, account.resourceTypeId, account.externalId, account.name,
          input.justification, input.durationHours || null, steps.length ? "PENDING" : "APPROVED", JSON.stringify(steps), at],
      );
    } catch (error) {
      if ((error as { code?: string }).code === "23505") throw new RequestRefusal(`You already have an open request for ${name}. Open it from My requests.`);
      throw error;
    }
    const requestId = inserted.rows[0].id;
    await addRequestEvent(client, { requestId, at, actor: user, kind: "requested", comment: input.justification });
    if (!steps.length) await addRequestEvent(client, { requestId, at, kind: "approved", comment: "No approval needed: low risk." });
    return requestId;
  });
  const request = (await getRequest(id))!;
  await recordAudit({ actor: user, kind: "access_request.create", connectorId: input.connectorId, targetType: "access_request", targetId: id, summary: `${user.email} requested ${name} in ${connector.application.name} for ${formatHours(request.durationHours)}`, data: { entitlementId: input.entitlementId, durationHours: request.durationHours, steps: steps.length } });
  if (request.state === "PENDING") await notifyApprovers(request);
  return request;
}
