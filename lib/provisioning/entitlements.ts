// Grant or revoke one entitlement for one principal: the console's refusals first (provisioning
// off, not provisionable, not in the latest sync), then the adapter for hosted connectors or a
// task for a self-hosted runner. The Grant/Revoke actions, access-review remediation and
// just-in-time requests all come through here.
import { createProvisioningTask } from "@/lib/data/provisioning-tasks";
import { getProvisioningTarget, provisioningRefusal } from "@/lib/data/provisioning";
import { recordProvisionedChange } from "@/lib/sync/provisioned";
import type { ProvisionInput, ProvisionKind } from "@/lib/validation/provisioning";
import { auditAttempt, refuse, runAdapterChange, type Actor, type AuditEntry } from "./run";

/** "adapter": done upstream and in the store now; "runner": a task waits for the self-hosted runner. */
export type ProvisionOutcome = { message: string; via: "adapter" | "runner" };

const auditEntry = (kind: ProvisionKind, input: ProvisionInput): AuditEntry => ({
  kind: `provisioning.${kind}`,
  connectorId: input.connectorId,
  targetType: "grant",
  targetId: `${input.entitlementId}:${input.principalTypeId}:${input.principalId}`,
  data: { entitlementId: input.entitlementId, principalTypeId: input.principalTypeId, principalId: input.principalId },
});

/** Throws ProvisioningError on a refusal or an upstream failure (audited either way). */
export async function provisionEntitlement(kind: ProvisionKind, input: ProvisionInput, actor: Actor): Promise<ProvisionOutcome> {
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
  const done = await runAdapterChange({
    actor,
    entry,
    catalogId: target.connector.catalogId,
    where,
    tried: `${verb} in ${where}`,
    done: `${kind === "grant" ? `granted ${what} to ${who}` : `revoked ${what} from ${who}`} in ${where}`,
    call: (adapter, config, ctx) => (kind === "grant" ? adapter.grant(config, request, ctx) : adapter.revoke(config, request, ctx)),
    record: () => recordProvisionedChange(input.connectorId, { kind, entitlementId: input.entitlementId, principal: principalRef }),
  });
  return { ...done, via: "adapter" };
}

/** Self-hosted: the runner does it (GET /api/v1/tasks) and reports; the store changes then. */
async function requestFromRunner(kind: ProvisionKind, input: ProvisionInput, actor: Actor, what: string, where: string): Promise<ProvisionOutcome> {
  await createProvisioningTask({ connectorId: input.connectorId, kind, entitlementId: input.entitlementId, principalTypeId: input.principalTypeId, principalId: input.principalId, requestedBy: actor });
  const message = `Sent to the runner of ${where}. The change shows here when the runner reports it done.`;
  await auditAttempt(actor, auditEntry(kind, input), "ok", `${actor.email} asked the runner of ${where} to ${what}`, message);
  return { message, via: "runner" };
}
