"use server";
// Grant and Revoke from an app's entitlement and account pages, through lib/provisioning:
// hosted connectors call their adapter now, the store shows the result at once and a sync is
// queued to confirm it; self-hosted ones get a runner task. Every attempt is audited (ok,
// refused or failed) with who, what, for whom and the upstream's message.
import { action, ActionError } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth";
import { canEditConnector } from "@/lib/data/connector-access";
import { searchGrantCandidates } from "@/lib/data/grant-candidates";
import { getProvisioningConnector } from "@/lib/data/provisioning";
import { provisionEntitlement } from "@/lib/provisioning/entitlements";
import { grantCandidatesSchema, provisionSchema } from "@/lib/validation/provisioning";
import { asActionResult } from "./provisioning-run";

// Super and Connector Administrators, and the connector's owners whatever their role: the
// role list lets everyone in and `authorize` (canEditConnector) decides.
const allRoles = ["SUPER_ADMIN", "CONNECTOR_ADMIN", "USER"] as const;

const authorize = (user: CurrentUser, input: { connectorId: string }) => canEditConnector(user, input.connectorId);

export const grantEntitlementAction = action({ schema: provisionSchema, roles: allRoles, authorize }, (input, actor) => asActionResult(provisionEntitlement("grant", input, actor)).then(({ message }) => ({ message })));
export const revokeEntitlementAction = action({ schema: provisionSchema, roles: allRoles, authorize }, (input, actor) => asActionResult(provisionEntitlement("revoke", input, actor)).then(({ message }) => ({ message })));

/** The Grant dialog's picker, as the person types: the same people who may grant may search. */
export const searchGrantCandidatesAction = action({ schema: grantCandidatesSchema, roles: allRoles, authorize }, async (input) => {
  const connector = await getProvisioningConnector(input.connectorId);
  if (!connector?.runId) throw new ActionError("The connector has no synced accounts yet.");
  return searchGrantCandidates(connector.runId, input.entitlementId, { q: input.q || undefined, after: input.after });
});
