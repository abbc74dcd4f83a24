"use server";
// Grant and Revoke from an app's entitlement page. Hosted connectors call their adapter now;
// the store shows the result at once and a sync is queued to confirm it. Every attempt is
// audited (ok, refused or failed) with who, what, for whom and the upstream's message.
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/action";
import { getConnector, isConnectorId } from "@/lib/connectors/registry";
import { createConnectorContext } from "@/lib/connectors/runtime";
import { ConnectorError } from "@/lib/connectors/types";
import { recordAudit } from "@/lib/data/audit";
import { canEditConnector } from "@/lib/data/connector-access";
import { openStoredConfig } from "@/lib/data/connector-settings-store";
import { createProvisioningTask } from "@/lib/data/provisioning-tasks";
import { searchGrantCandidates } from "@/lib/data/grant-candidates";
import { getProvisioningConnector, getProvisioningTarget, provisioningRefusal } from "@/lib/data/provisioning";
import type { CurrentUser } from "@/lib/auth";
import { enqueueSync, SyncRefusedError } from "@/lib/sync";
import { recordProvisionedChange } from "@/lib/sync/provisioned";
import { grantCandidatesSchema, provisionSchema, type ProvisionInput, type ProvisionKind } from "@/lib/validation/provisioning";

// Super and Connector Administrators, and the connector's owners whatever their role: the
// role list lets everyone in and `authorize` (canEditConnector) decides.
const allRoles = ["SUPER_ADMIN", "CONNECTOR_ADMIN", "USER"] as const;

type Actor = Pick<CurrentUser, "id" | "email">;

const authorize = (user: CurrentUser, input: { connectorId: string }) => canEditConnector(user, input.connectorId);

function audit(actor: Actor, kind: ProvisionKind, input: ProvisionInput, result: "ok" | "refused" | "failed", summary: string, message: string) {
  return recordAudit({
    actor,
    kind: `provisioning.${kind}`,
    connectorId: input.connectorId,
    targetType: "grant",
    targetId: `${input.entitlementId}:${input.principalTypeId}:${input.principalId}`,
    result,
    summary,
    data: { entitlementId: input.entitlementId, principalTypeId: input.principalTypeId, principalId: input.principalId, message },
  });
}

async function provision(kind: ProvisionKind, input: ProvisionInput, actor: Actor) {
  const principalRef = { resourceTypeId: input.principalTypeId, id: input.principalId };
  const target = await getProvisioningTarget(input.connectorId, input.entitlementId, principalRef);
  const who = target?.principal?.email ?? target?.principal?.name ?? input.principalId;
  const what = target?.entitlement?.name ?? input.entitlementId;
  const where = target?.connector.displayName ?? input.connectorId;
  const verb = kind === "grant" ? `grant ${what} to ${who}` : `revoke ${what} from ${who}`;
  const refusal = provisioningRefusal(kind, target);
  if (refusal || !target) {
    const message = refusal ?? "This connector no longer exists.";
    await audit(actor, kind, input, "refused", `${actor.email} tried to ${verb} in ${where}; refused: ${message}`, message);
    throw new ActionError(message);
  }
  const catalogId = target.connector.catalogId;
  if (!isConnectorId(catalogId)) throw new ActionError("Unknown connector type.");
  if (catalogId === "baton") return requestFromRunner(kind, input, actor, verb, where);
  const config = await openStoredConfig(input.connectorId);
  if (!config) throw new ActionError("The connector has no settings yet. Save its settings first.");

  const adapter = getConnector(catalogId);
  const request = { entitlementId: input.entitlementId, principalId: input.principalId };
  let message: string;
  try {
    const ctx = createConnectorContext(catalogId);
    const result = kind === "grant" ? await adapter.grant(config, request, ctx) : await adapter.revoke(config, request, ctx);
    message = result.message;
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    // The upstream's (or the adapter's) own words; nothing in the store changes.
    const result = error.kind === "refused" ? "refused" : "failed";
    await audit(actor, kind, input, result, `${actor.email} tried to ${verb} in ${where}; ${result}: ${error.message}`, error.message);
    throw new ActionError(`${where} said: ${error.message}`);
  }
  await recordProvisionedChange(input.connectorId, { kind, entitlementId: input.entitlementId, principal: principalRef });
  await audit(actor, kind, input, "ok", `${actor.email} ${kind === "grant" ? `granted ${what} to ${who}` : `revoked ${what} from ${who}`} in ${where}`, message);
  try {
    // The confirming sync; a refusal here (disabled meanwhile) must not undo a done change.
    await enqueueSync(input.connectorId, "manual");
  } catch (error) {
    if (!(error instanceof SyncRefusedError)) throw error;
  }
  revalidatePath("/applications", "layout");
  return { message: `${message} A sync has been queued to confirm it.` };
}

/** Self-hosted: the runner does it (GET /api/v1/tasks) and reports; the store changes then. */
async function requestFromRunner(kind: ProvisionKind, input: ProvisionInput, actor: Actor, what: string, where: string) {
  await createProvisioningTask({ connectorId: input.connectorId, kind, entitlementId: input.entitlementId, principalTypeId: input.principalTypeId, principalId: input.principalId, requestedBy: actor });
  const message = `Sent to the runner of ${where}. The change shows here when the runner reports it done.`;
  await audit(actor, kind, input, "ok", `${actor.email} asked the runner of ${where} to ${what}`, message);
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
