// grant / revoke. Each is read-decide-write on one user: read the user (for its current access and
// resourceVersion), decide what the change is (or that there is none, or that it is refused),
// write it with that version and wait for the async operation. A stale version means someone
// else wrote in between: re-read and decide again, once.
import { ConnectorError, type ConnectorContext, type ProvisionRequest, type ProvisionResult } from "../types";
import type { ApiAsyncOperation, ApiUser, TemporalCloudApi, UserSpecWrite } from "./api";
import { NothingToChangeError, StaleResourceVersionError } from "./errors";
import { userAccess } from "./map";
import { awaitOperation } from "./operations";
import { parseEntitlementId, permissionBySlug, roleBySlug, type AccountRole } from "./vocabulary";

type Plan =
  | { kind: "noop"; message: string }
  | { kind: "write"; message: string; write: (operationId: string) => Promise<{ asyncOperation?: ApiAsyncOperation }> };

export type ProvisionTuning = { maxOperationPolls?: number };

const who = (user: ApiUser) => user.spec.email || user.id;
const refused = (message: string) => new ConnectorError("refused", message);

export async function readUser(api: TemporalCloudApi, userId: string): Promise<ApiUser> {
  try {
    return await api.getUser(userId);
  } catch (error) {
    if (error instanceof ConnectorError && error.kind === "not_found") {
      throw new ConnectorError("not_found", `Temporal Cloud has no user with id ${userId}.`, { status: 404, cause: error });
    }
    throw error;
  }
}

export async function applyPlan(
  api: TemporalCloudApi,
  ctx: ConnectorContext,
  userId: string,
  decide: (user: ApiUser) => Plan,
  tuning: ProvisionTuning,
): Promise<ProvisionResult> {
  for (let attempt = 0; ; attempt++) {
    const plan = decide(await readUser(api, userId));
    if (plan.kind === "noop") return { changed: false, message: plan.message };
    try {
      // Our own operation id makes a write the HTTP helper retries after a timeout idempotent.
      const response = await plan.write(crypto.randomUUID());
      await awaitOperation(api, ctx, response.asyncOperation, plan.message, tuning.maxOperationPolls);
      return { changed: true, message: plan.message };
    } catch (error) {
      if (error instanceof NothingToChangeError) return { changed: false, message: `${plan.message} Temporal Cloud had nothing to change.` };
      if (!(error instanceof StaleResourceVersionError)) throw error;
      if (attempt > 0) {
        throw new ConnectorError("conflict", `User ${userId} kept changing in Temporal Cloud while the connector tried to update it; try again later.`, {
          status: error.options.status,
          retryable: true,
          cause: error,
        });
      }
      ctx.logger.warn(`User ${userId} changed between read and write (stale resource version); reading it again and retrying once.`);
    }
  }
}

/**
 * Older API versions carry lowercase strings (`admin`); write back in the form the user was read
 * in. A number is an enum value this code's table lacks, so a current version.
 */
function legacyStrings(user: ApiUser): boolean {
  const role = userAccess(user).role;
  return role !== undefined && !/^(ROLE_|\d+$)/i.test(role.wire);
}

/** The whole spec with a new role: UpdateUser replaces the spec, so everything else is echoed. */
export function withRole(user: ApiUser, role: AccountRole): UserSpecWrite {
  const spec: UserSpecWrite = structuredClone(user.spec);
  const { roleDeprecated: _drop, ...account } = spec.access?.accountAccess ?? {};
  const value = legacyStrings(user) ? role.slug : role.wire;
  spec.access = { ...spec.access, accountAccess: { ...account, role: value } };
  return spec;
}

export function withoutNamespace(user: ApiUser, namespaceId: string): UserSpecWrite {
  const spec: UserSpecWrite = structuredClone(user.spec);
  const namespaces = { ...spec.access?.namespaceAccesses };
  delete namespaces[namespaceId];
  spec.access = { ...spec.access, namespaceAccesses: namespaces };
  return spec;
}

function provisionableRole(slug: string): AccountRole {
  const role = roleBySlug(slug);
  if (!role) throw refused(`Account role "${slug}" is not one this connector knows, so it cannot be granted or revoked.`);
  if (!role.provisionable) {
    throw refused(`The ${role.displayName} role is synced but never granted or revoked by the connector; change it in Temporal Cloud.`);
  }
  return role;
}

function target(request: ProvisionRequest) {
  const parsed = parseEntitlementId(request.entitlementId);
  if (!parsed) throw new ConnectorError("not_found", `"${request.entitlementId}" is not a Temporal Cloud entitlement.`);
  if (!request.principalId) throw new ConnectorError("not_found", "No user was given.");
  return parsed;
}

function setRolePlan(api: TemporalCloudApi, user: ApiUser, role: AccountRole, message: string): Plan {
  const current = userAccess(user).role;
  // Changing an Owner's or Finance Admin's role would revoke that role: refused the same way.
  if (current?.known && !current.known.provisionable) {
    throw refused(`${who(user)} is ${current.known.displayName}; the connector never changes that role.`);
  }
  return { kind: "write", message, write: (id) => api.updateUser(user.id, withRole(user, role), user.resourceVersion, id) };
}

export async function grant(api: TemporalCloudApi, ctx: ConnectorContext, request: ProvisionRequest, tuning: ProvisionTuning = {}): Promise<ProvisionResult> {
  const parsed = target(request);
  if (parsed.kind === "account-role") {
    const role = provisionableRole(parsed.roleSlug);
    return applyPlan(api, ctx, request.principalId, (user) => {
      if (userAccess(user).role?.slug === role.slug) return { kind: "noop", message: `${who(user)} already has the ${role.displayName} role.` };
      return setRolePlan(api, user, role, `Gave ${who(user)} the ${role.displayName} role.`);
    }, tuning);
  }
  const permission = permissionBySlug(parsed.permissionSlug);
  if (!permission) throw refused(`Namespace permission "${parsed.permissionSlug}" is not one this connector can grant.`);
  return applyPlan(api, ctx, request.principalId, (user) => {
    const current = userAccess(user).namespaces.find((entry) => entry.namespaceId === parsed.namespaceId);
    if (current?.permission.slug === permission.slug) {
      return { kind: "noop", message: `${who(user)} already has ${permission.displayName} on ${parsed.namespaceId}.` };
    }
    const value = legacyStrings(user) ? permission.slug : permission.wire;
    return {
      kind: "write",
      message: `Gave ${who(user)} ${permission.displayName} on ${parsed.namespaceId}.`,
      write: (id) => api.setUserNamespaceAccess(parsed.namespaceId, user.id, value, user.resourceVersion, id),
    };
  }, tuning);
}

export async function revoke(api: TemporalCloudApi, ctx: ConnectorContext, request: ProvisionRequest, tuning: ProvisionTuning = {}): Promise<ProvisionResult> {
  const parsed = target(request);
  if (parsed.kind === "account-role") {
    const role = provisionableRole(parsed.roleSlug);
    const lower = role.downgradeTo ? roleBySlug(role.downgradeTo) : undefined;
    if (!lower) {
      throw refused(`The ${role.displayName} role cannot be revoked: a Temporal Cloud user must keep an account role. Remove the account instead.`);
    }
    return applyPlan(api, ctx, request.principalId, (user) => {
      if (userAccess(user).role?.slug !== role.slug) return { kind: "noop", message: `${who(user)} does not have the ${role.displayName} role.` };
      return setRolePlan(api, user, lower, `Moved ${who(user)} from ${role.displayName} down to ${lower.displayName}.`);
    }, tuning);
  }
  const permission = permissionBySlug(parsed.permissionSlug);
  if (!permission) throw refused(`Namespace permission "${parsed.permissionSlug}" is not one this connector can revoke.`);
  return applyPlan(api, ctx, request.principalId, (user) => {
    const current = userAccess(user).namespaces.find((entry) => entry.namespaceId === parsed.namespaceId);
    // Only the permission being revoked is removed: a user who meanwhile got another one keeps it.
    if (current?.permission.slug !== permission.slug) {
      const has = current ? `has ${current.permission.slug}, not ${permission.slug},` : "has no access";
      return { kind: "noop", message: `${who(user)} ${has} on ${parsed.namespaceId}; nothing revoked.` };
    }
    // SetUserNamespaceAccess has no documented "remove" for users, so the access leaves the whole spec.
    return {
      kind: "write",
      message: `Removed ${who(user)}'s ${permission.displayName} access to ${parsed.namespaceId}.`,
      write: (id) => api.updateUser(user.id, withoutNamespace(user, parsed.namespaceId), user.resourceVersion, id),
    };
  }, tuning);
}
