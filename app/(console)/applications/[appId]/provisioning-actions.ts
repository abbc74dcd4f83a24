"use server";
// Grant and Revoke from an app's entitlement and account pages. Hosted connectors call their
// adapter now; the store shows the result at once and a sync is queued to confirm it. Every
// attempt is audited (ok, refused or failed) with who, what, for whom and the upstream's message.
import { action, ActionError } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth";
import { canEditConnector } from "@/lib/data/connector-access";
import { searchGrantCandidates } from "@/lib/data/grant-candidates";
import { createProvisioningTask } from "@/lib/data/provisioning-tasks";
import { getProvisioningConnector, getProvisioningTarget, provisioningRefusal } from "@/lib/data/provisioning";
import { recordProvisionedChange } from "@/lib/sync/provisioned";
import { grantCandidatesSchema, provisionSchema, type ProvisionInput, type ProvisionKind } from "@/lib/validation/provisioning";
import { auditAttempt, refuse, runAdapterChange, type Actor, type AuditEntry } from "./provisioning-run";

// Super and Connector Administrators, and the connector's owners whatever their role: the
// role list lets everyone in and `authorize` (canEditConnector) decides.
const allRoles = ["SUPER_ADMIN", "CONNECTOR_ADMIN", "USER"] as const;

const authorize = (user: CurrentUser, input: { connectorId: string }) => canEditConnector(user, input.connectorId);

const auditEntry = (kind: ProvisionKind, input: ProvisionInput): AuditEntry => ({
  kind: `provisioning.${kind}`,
  connectorId: input.connectorId,
  targetType: "grant",
  targetId: `${input.entitlementId}:${input.principalTypeId}:${input.principalId}`,
  data: { entitlementId: input.entitlementId, principalTypeId: input.principalTypeId, principalId: input.principalId },
});

async function provision(kind: ProvisionKind, input: ProvisionInput, actor: Actor) {
  const principalRef = { resourceTypeId: input.principalTypeId, id: input.principalId };
  const target = await getProvisioningTarget(input.connectorId, input.entitlementId, principalRef);
  const who = target?.principal?.email ?? target?.principal?.name ?? input.principalId;
  const what = target?.entitlement?.name ?? input.entitlementId;
  const where = target?.connector.displayName ?? input.connectorId;
  const verb = kind === "grant" ? `grant ${what} to ${who}` : `revoke ${what} from ${who}`;
  const entry = auditEntry(kind, input);
  const refusal = provisioningRefusal(kind, target);
  if (refusal || !target) return refuse(actor, entry, `${verb} in ${where}`, refusal ?? "This connector no longer exists.");
  if (target.connector.catalogId === "baton") return requestFromRunner(kind, input, actor, verb, where);
  const request = { entitlementId: input.entitlementId, principalId: input.principalId };
  return runAdapterChange({
    actor,
    entry,
    catalogId: target.connector.catalogId,
    where,
    tried: `${verb} in ${where}`,
    done: `${kind === "grant" ? `granted ${what} to ${who}` : `revoked ${what} from ${who}`} in ${where}`,
    call: (adapter, config, ctx) => (kind === "grant" ? adapter.grant(config, request, ctx) : adapter.revoke(config, request, ctx)),
    record: () => recordProvisionedChange(input.connectorId, { kind, entitlementId: input.entitlementId, principal: principalRef }),
  });
}

/** Self-hosted: the runner does it (GET /api/v1/tasks) and reports; the store changes then. */
async function requestFromRunner(kind: ProvisionKind, input: ProvisionInput, actor: Actor, what: string, where: string) {
  await createProvisioningTask({ connectorId: input.connectorId, kind, entitlementId: input.entitlementId, principalTypeId: input.principalTypeId, principalId: input.principalId, requestedBy: actor });
  const message = `Sent to the runner of ${where}. The change shows here when the runner reports it done.`;
  await auditAttempt(actor, auditEntry(kind, input), "ok", `${actor.email} asked the runner of ${where} to ${what}`, message);
  return { message };
}

export const grantEntitlementAction = action({ schema: provisionSchema, roles: allRoles, authorize }, (input, actor) => provision("grant", input, actor));
export const revokeEntitlementAction = action({ schema: provisionSchema, roles: allRoles, authorize }, (input, actor) => provision("revoke", input, actor));

/** The Grant dialog's picker, as the person types: the same people who may grant may search. */
export const searchGrantCandidatesAction = action({ schema: grantCandidatesSchema, roles: allRoles, authorize }, async (input) => {
  const connector = await getProvisioningConnector(input.connectorId);
  if (!connector?.runId) throw new ActionError("The connector has no synced accounts yet.");
  return searchGrantCandidates(connector.runId, input.entitlementId, { q: input.q || undefined, after: input.after });
});
