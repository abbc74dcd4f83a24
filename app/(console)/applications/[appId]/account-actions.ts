"use server";
// Invite and Remove on an app's Accounts tab, where the connector has the optional `accounts`
// capability and provisioning is on. The same path as a grant (lib/provisioning/run.ts): the
// console's refusals first, then the adapter, the store at once, the audit, a confirming sync.
import { action, ActionError } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth";
import { accountLifecycleOf, getRemovalTarget, lifecycleRefusal, removalRefusal } from "@/lib/data/account-provisioning";
import { canEditConnector } from "@/lib/data/connector-access";
import { getProvisioningConnector } from "@/lib/data/provisioning";
import { recordCreatedAccount, recordDeletedAccount } from "@/lib/sync/provisioned-accounts";
import { inviteAccountSchema, removeAccountSchema, type InviteAccountInput, type RemoveAccountInput } from "@/lib/validation/provisioning";
import { refuse, runAdapterChange, type Actor, type AuditEntry } from "@/lib/provisioning/run";
import { asActionResult } from "./provisioning-run";

// As for grants: administrators and the connector's owners whatever their role.
const allRoles = ["SUPER_ADMIN", "CONNECTOR_ADMIN", "USER"] as const;
const authorize = (user: CurrentUser, input: { connectorId: string }) => canEditConnector(user, input.connectorId);

async function invite(input: InviteAccountInput, actor: Actor) {
  const connector = await getProvisioningConnector(input.connectorId);
  const where = connector?.displayName ?? input.connectorId;
  const entry: AuditEntry = { kind: "provisioning.invite", connectorId: input.connectorId, targetType: "account", targetId: input.email, data: { email: input.email, role: input.role } };
  const tried = `invite ${input.email} to ${where}`;
  const refusal = lifecycleRefusal(connector);
  const lifecycle = connector && accountLifecycleOf(connector.catalogId);
  if (refusal || !connector || !lifecycle) return refuse(actor, entry, tried, refusal ?? "This connector no longer exists.");
  const role = lifecycle.roles.find((r) => r.value === input.role);
  if (!role) throw new ActionError("Check the highlighted fields.", { role: [`Choose one of ${lifecycle.roles.map((r) => r.label).join(", ")}.`] });
  return runAdapterChange({
    actor,
    entry,
    catalogId: connector.catalogId,
    where,
    tried,
    done: `invited ${input.email} to ${where} as ${role.label}`,
    call: (adapter, config, ctx) => adapter.accounts!.create(config, { email: input.email, role: role.value }, ctx),
    record: (created) => recordCreatedAccount(input.connectorId, created),
  });
}

async function remove(input: RemoveAccountInput, actor: Actor) {
  const connector = await getProvisioningConnector(input.connectorId);
  const where = connector?.displayName ?? input.connectorId;
  const entry: AuditEntry = {
    kind: "provisioning.remove",
    connectorId: input.connectorId,
    targetType: "account",
    targetId: `${input.resourceTypeId}:${input.externalId}`,
    data: { resourceTypeId: input.resourceTypeId, externalId: input.externalId },
  };
  const target = connector ? await getRemovalTarget(connector, input) : null;
  const who = target?.email ?? target?.name ?? input.externalId;
  const tried = `remove ${who} from ${where}`;
  const lifecycle = connector && accountLifecycleOf(connector.catalogId);
  const refusal =
    lifecycleRefusal(connector) ??
    (!target ? "The account is not in the connector's latest sync." : lifecycle ? removalRefusal(where, lifecycle, target, target.protectedNames) : null);
  if (refusal || !connector || !target) return refuse(actor, entry, tried, refusal ?? "The account is not in the connector's latest sync.");
  return runAdapterChange({
    actor,
    entry,
    catalogId: connector.catalogId,
    where,
    tried,
    done: `removed ${who} from ${where}`,
    call: (adapter, config, ctx) => adapter.accounts!.delete(config, { principalId: input.externalId }, ctx),
    record: () => recordDeletedAccount(input.connectorId, { resourceTypeId: input.resourceTypeId, id: input.externalId }),
  });
}

export const inviteAccountAction = action({ schema: inviteAccountSchema, roles: allRoles, authorize }, (input, actor) => asActionResult(invite(input, actor)));
export const removeAccountAction = action({ schema: removeAccountSchema, roles: allRoles, authorize }, (input, actor) => asActionResult(remove(input, actor)));
