// Inviting and removing accounts: which connectors can (the optional `accounts` capability of a
// hosted connector with provisioning on), and the refusals the console owns before any upstream
// call. Removing an account takes every grant it holds with it, so an account holding something
// the connector must never change (Temporal Cloud's Account Owner or Finance Admin role: a
// non-provisionable entitlement) is never removed. The Accounts tab and the actions both ask here.
import type { Role } from "@prisma/client";
import { getConnector, isConnectorId } from "@/lib/connectors/registry";
import type { AccountProvisioning } from "@/lib/connectors/types";
import { db, getPool } from "@/lib/db/client";
import { canEditConnector } from "./connector-access";
import { readPublicSettings } from "./connector-settings";
import { connectorRefusal, getProvisioningConnector, type ProvisioningConnector } from "./provisioning";

/** The connector's capability, or null: self-hosted runners do not invite or remove accounts. */
export function accountLifecycleOf(catalogId: string): AccountProvisioning | null {
  return isConnectorId(catalogId) ? (getConnector(catalogId).accounts ?? null) : null;
}

export function lifecycleRefusal(connector: ProvisioningConnector | null): string | null {
  if (!connector) return "This connector no longer exists.";
  if (!accountLifecycleOf(connector.catalogId)) return `${connector.displayName} cannot invite or remove accounts: make the change in the app itself.`;
  return connectorRefusal(connector);
}

const key = (resourceTypeId: string, id: string) => `${resourceTypeId}\u0000${id}`;

/** Per account: the names of the non-provisionable entitlements it holds, for a page of accounts. */
export async function listProtectedHoldings(runId: string, accounts: { resourceTypeId: string; externalId: string }[]): Promise<Map<string, string[]>> {
  const held = new Map<string, string[]>();
  if (accounts.length === 0) return held;
  const { rows } = await getPool().query<{ principal_type_id: string; principal_external_id: string; name: string }>(
    `SELECT g.principal_type_id, g.principal_external_id, e.display_name AS name
       FROM unnest($2::text[], $3::text[]) AS a(type_id, id)
       JOIN grants g ON g.sync_run_id = $1 AND hashtext(g.principal_external_id) = hashtext(a.id) AND g.principal_external_id = a.id AND g.principal_type_id = a.type_id
       JOIN entitlements e ON e.sync_run_id = g.sync_run_id AND e.external_id = g.entitlement_id
      WHERE NOT e.provisionable
      ORDER BY 3`,
    [runId, accounts.map((a) => a.resourceTypeId), accounts.map((a) => a.externalId)],
  );
  for (const row of rows) {
    const k = key(row.principal_type_id, row.principal_external_id);
    held.set(k, [...(held.get(k) ?? []), row.name]);
  }
  return held;
}

export function protectedHoldingsOf(held: Map<string, string[]>, account: { resourceTypeId: string; externalId: string }): string[] {
  return held.get(key(account.resourceTypeId, account.externalId)) ?? [];
}

/** Why this account may not be removed (the console's own refusals), or null. */
export function removalRefusal(connectorName: string, lifecycle: { resourceTypeId: string }, account: { resourceTypeId: string; name: string }, protectedNames: string[]): string | null {
  if (account.resourceTypeId !== lifecycle.resourceTypeId) return `${account.name} is not an account ${connectorName} can remove: it is synced only.`;
  if (protectedNames.length) return `${account.name} holds ${protectedNames.join(" and ")}, which the connector never changes, so it cannot be removed here. Change it in the app itself.`;
  return null;
}

export type RemovalTarget = { runId: string; name: string; email: string | null; resourceTypeId: string; externalId: string; protectedNames: string[] };

/** The account in the connector's visible snapshot, with what it holds that must not be taken away. */
export async function getRemovalTarget(connector: ProvisioningConnector, account: { resourceTypeId: string; externalId: string }): Promise<RemovalTarget | null> {
  if (!connector.runId) return null;
  const { rows } = await getPool().query<{ display_name: string; email: string | null }>(
    `SELECT display_name, email FROM resources WHERE sync_run_id = $1 AND resource_type_id = $2 AND external_id = $3 AND is_user`,
    [connector.runId, account.resourceTypeId, account.externalId],
  );
  if (!rows[0]) return null;
  const held = await listProtectedHoldings(connector.runId, [account]);
  return { runId: connector.runId, name: rows[0].display_name, email: rows[0].email, ...account, protectedNames: protectedHoldingsOf(held, account) };
}

export type AccountLifecycleView = {
  connectorId: string;
  connectorName: string;
  runId: string | null;
  /** Null where the user may invite and remove; else why not (shown on the tab). */
  refusal: string | null;
  resourceTypeId: string;
  roles: { value: string; label: string }[];
  defaultRole: string;
};

/**
 * The Accounts tab's Invite and Remove, per connector of the app that has the capability and
 * that this user may provision through (administrators and the connector's owners).
 */
export async function listAccountLifecycles(user: { id: string; role: Role }, connectorIds: string[]): Promise<AccountLifecycleView[]> {
  const views: AccountLifecycleView[] = [];
  for (const connectorId of connectorIds) {
    const connector = await getProvisioningConnector(connectorId);
    const lifecycle = connector && accountLifecycleOf(connector.catalogId);
    if (!connector || !lifecycle || !(await canEditConnector(user, connectorId))) continue;
    const row = await db.connector.findUnique({ where: { id: connectorId }, select: { settingsPublic: true } });
    const configured = lifecycle.defaultRoleSetting ? readPublicSettings(row?.settingsPublic)?.values[lifecycle.defaultRoleSetting] : undefined;
    const defaultRole = lifecycle.roles.some((r) => r.value === configured) ? configured! : (lifecycle.roles.at(-1)?.value ?? "");
    views.push({ connectorId, connectorName: connector.displayName, runId: connector.runId, refusal: lifecycleRefusal(connector), resourceTypeId: lifecycle.resourceTypeId, roles: lifecycle.roles, defaultRole });
  }
  return views;
}
