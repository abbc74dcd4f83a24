// Admin roles, synced only when the credential can read them: reading roles needs a Super or
// Org Administrator token, or the okta.roles.read scope, which many setups rightly withhold.
// A refusal there skips roles with a warning; it never fails the sync.
import { ConnectorError, type ConnectorContext, type SyncRecord } from "../types";
import type { OktaClient } from "./client";
import { grantRecord, RESOURCE_TYPES, roleEntitlementId, roleKey, roleRecords, roleResourceType } from "./map";

const isRefusal = (error: unknown) =>
  error instanceof ConnectorError && (error.kind === "forbidden" || (error.kind === "unauthorized" && error.field === "clientId"));

export async function* syncAdminRoles(api: OktaClient, ctx: ConnectorContext): AsyncGenerator<SyncRecord> {
  const assignees = api.listRoleAssignees()[Symbol.asyncIterator]();
  let first: IteratorResult<string[]>;
  try {
    first = await assignees.next();
  } catch (error) {
    if (!isRefusal(error)) throw error;
    ctx.logger.warn(`Okta: admin roles not synced, the credential cannot read them (${(error as Error).message}).`);
    return;
  }
  const seen = new Set<string>();
  let grants = 0;
  for (let page = first; !page.done; page = await assignees.next()) {
    for (const userId of page.value) {
      let roles;
      try {
        roles = (await api.listUserRoles(userId)).data;
      } catch (error) {
        // The user was deleted after the assignee list was read: nothing left to report.
        if (error instanceof ConnectorError && error.kind === "not_found") continue;
        throw error;
      }
      const held = new Set<string>();
      for (const role of roles) {
        const key = roleKey(role);
        // A role held both directly and through a group is one grant.
        if (held.has(key)) continue;
        held.add(key);
        if (!seen.has(key)) {
          if (seen.size === 0) yield roleResourceType;
          seen.add(key);
          yield* roleRecords(role);
        }
        grants++;
        yield grantRecord(roleEntitlementId(key), { resourceTypeId: RESOURCE_TYPES.user, id: userId });
      }
    }
  }
  ctx.logger.info(`Okta: ${seen.size} admin roles, ${grants} role assignments.`);
}
