// What the console needs to decide whether a grant or revoke may be offered and sent: the
// connector's provisioning switch, the entitlement in the current snapshot, the account.
// Pages and actions both ask here, so the buttons and the server agree.
import type { Role } from "@prisma/client";
import { parseEntitlementId, roleBySlug } from "@/lib/connectors/temporal-cloud/vocabulary";
import { db, getPool } from "@/lib/db/client";
import type { ProvisionKind } from "@/lib/validation/provisioning";
import { isRunnerProvider, RUNNER_PROVIDERS } from "@/lib/self-hosted/providers";
import { canEditConnector } from "./connector-access";
import { getSelfHostedConnector } from "./self-hosted";

/** `rules`: whose grant/revoke rules apply: the catalog id, or for Baton the runner's provider. */
export type ProvisioningConnector = { id: string; catalogId: string; displayName: string; provisioningEnabled: boolean; disabled: boolean; runId: string | null; rules: string | null };
export type ProvisioningEntitlement = { externalId: string; name: string; provisionable: boolean; grantableTo: string[] };
export type ProvisioningPrincipal = { resourceTypeId: string; externalId: string; name: string; email: string | null; isUser: boolean };
export type ProvisioningTarget = { connector: ProvisioningConnector; entitlement: ProvisioningEntitlement | null; principal: ProvisioningPrincipal | null };

export async function getProvisioningConnector(connectorId: string): Promise<ProvisioningConnector | null> {
  const row = await db.connector.findUnique({
    where: { id: connectorId },
    select: { id: true, catalogId: true, displayName: true, provisioningEnabled: true, disabled: true, currentSyncRunId: true },
  });
  if (!row) return null;
  const { currentSyncRunId, ...rest } = row;
  let rules: string | null = row.catalogId;
  if (row.catalogId === "baton") {
    const provider = (await getSelfHostedConnector(connectorId))?.provider;
    rules = isRunnerProvider(provider) ? RUNNER_PROVIDERS[provider].connectorId : null;
  }
  return { ...rest, runId: currentSyncRunId, rules };
}

/** Looks the entitlement and the account up in the connector's visible snapshot. */
export async function getProvisioningTarget(connectorId: string, entitlementId: string, principal: { resourceTypeId: string; id: string }): Promise<ProvisioningTarget | null> {
  const connector = await getProvisioningConnector(connectorId);
  if (!connector) return null;
  if (!connector.runId) return { connector, entitlement: null, principal: null };
  const pool = getPool();
  const [entitlements, principals] = await Promise.all([
    pool.query<{ external_id: string; display_name: string; provisionable: boolean; grantable_to: string[] | null }>(
      `SELECT external_id, display_name, provisionable, grantable_to FROM entitlements WHERE sync_run_id = $1 AND external_id = $2`,
      [connector.runId, entitlementId],
    ),
    pool.query<{ resource_type_id: string; external_id: string; display_name: string; email: string | null; is_user: boolean }>(
      `SELECT resource_type_id, external_id, display_name, email, is_user FROM resources WHERE sync_run_id = $1 AND resource_type_id = $2 AND external_id = $3`,
      [connector.runId, principal.resourceTypeId, principal.id],
    ),
  ]);
  const e = entitlements.rows[0];
  const p = principals.rows[0];
  return {
    connector,
    entitlement: e ? { externalId: e.external_id, name: e.display_name, provisionable: e.provisionable, grantableTo: e.grantable_to ?? [] } : null,
    principal: p ? { resourceTypeId: p.resource_type_id, externalId: p.external_id, name: p.display_name, email: p.email, isUser: p.is_user } : null,
  };
}

export type ProvisioningEffects = { grantNote: string | null; revokeNote: string | null; revokable: boolean };

/**
 * The side effects a confirmation dialog must name, from the entitlement id. Mirrors the
 * adapters' rules (lib/connectors/*\/provision.ts) and lib/sync/provisioned.ts's store edits.
 */
export function describeEffects(catalogId: string, entitlementId: string): ProvisioningEffects {
  if (catalogId !== "temporal-cloud") return { grantNote: null, revokeNote: null, revokable: true };
  const parsed = parseEntitlementId(entitlementId);
  if (parsed?.kind === "account-role") {
    const lower = roleBySlug(parsed.roleSlug)?.downgradeTo;
    const lowerName = lower ? roleBySlug(lower)?.displayName : undefined;
    return {
      grantNote: "Temporal Cloud users hold exactly one account role, so this replaces their current one.",
      revokeNote: lowerName ? `Temporal Cloud users must keep a role, so they will be downgraded to ${lowerName}.` : null,
      // Read is the floor: the adapter refuses to revoke it, so the console does not offer it.
      revokable: Boolean(lowerName),
    };
  }
  if (parsed?.kind === "namespace") {
    return { grantNote: `This replaces any other permission they hold on the namespace ${parsed.namespaceId}.`, revokeNote: `They lose all access to the namespace ${parsed.namespaceId}.`, revokable: true };
  }
  return { grantNote: null, revokeNote: null, revokable: true };
}

export type ConnectorProvisioning = { allowed: boolean; rules: string | null; connectorName: string };

/**
 * Whether this user may provision through the connector at all: provisioning on, a hosted
 * connector or a runner that provisions, and an administrator or owner of the connector.
 */
export async function getConnectorProvisioning(user: { id: string; role: Role }, connectorId: string): Promise<ConnectorProvisioning> {
  const connector = await getProvisioningConnector(connectorId);
  // A Baton connector provisions only through a runner that runs one of our adapters.
  const allowed = Boolean(connector?.provisioningEnabled && !connector.disabled && connector.rules) && (await canEditConnector(user, connectorId));
  return { allowed, rules: connector?.rules ?? null, connectorName: connector?.displayName ?? connectorId };
}

export type ProvisioningView = { allowed: boolean; effects: ProvisioningEffects; connectorName: string };

/** The same for one entitlement: it must be provisionable too. The page offers Grant and Revoke by it. */
export function provisioningViewFor(connector: ConnectorProvisioning, entitlement: { externalId: string; provisionable: boolean }): ProvisioningView {
  return { allowed: connector.allowed && entitlement.provisionable, effects: describeEffects(connector.rules ?? "", entitlement.externalId), connectorName: connector.connectorName };
}

export async function getProvisioningView(user: { id: string; role: Role }, connectorId: string, entitlement: { externalId: string; provisionable: boolean }): Promise<ProvisioningView> {
  return provisioningViewFor(await getConnectorProvisioning(user, connectorId), entitlement);
}

/** The refusals the console owns (before any upstream call); each is audited as "refused". */
export function provisioningRefusal(kind: ProvisionKind, target: ProvisioningTarget | null): string | null {
  if (!target) return "This connector no longer exists.";
  const { connector, entitlement, principal } = target;
  const refused = connectorRefusal(connector);
  if (refused) return refused;
  if (!entitlement) return "The entitlement is not in the connector's latest sync.";
  if (!entitlement.provisionable) return `${entitlement.name} is not provisionable: the connector syncs it but never grants or revokes it.`;
  if (!principal) return "The account is not in the connector's latest sync.";
  if (!principal.isUser) return `${principal.name} is not an account: the connector grants and revokes accounts' access only.`;
  // The user trait alone is not enough: Temporal service accounts have it but are sync only, and
  // the adapter would look them up as users. The entitlement says which types may hold it.
  if (entitlement.grantableTo.length && !entitlement.grantableTo.includes(principal.resourceTypeId)) {
    return `${entitlement.name} cannot be granted to ${principal.name}: it is for ${entitlement.grantableTo.join(", ")} accounts only.`;
  }
  if (kind === "revoke" && !describeEffects(connector.rules ?? "", entitlement.externalId).revokable) {
    return `${entitlement.name} cannot be revoked: it is the lowest role a ${connector.displayName} user can hold.`;
  }
  return null;
}

/** Why nothing may be provisioned through the connector at all (disabled, switched off, a runner that cannot). */
export function connectorRefusal(connector: ProvisioningConnector): string | null {
  if (connector.disabled) return `${connector.displayName} is disabled. Enable it to provision.`;
  if (!connector.provisioningEnabled) return `Provisioning is off for ${connector.displayName}. An administrator can turn it on on the connector's page.`;
  if (!["temporal-cloud", "cloudflare", "baton"].includes(connector.catalogId) || !connector.rules) {
    return `${connector.displayName}'s runner cannot provision: choose Temporal Cloud or Cloudflare as its provider, or make the change in the app itself.`;
  }
  return null;
}
