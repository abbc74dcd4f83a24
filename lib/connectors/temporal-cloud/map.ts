// Pure mappers from Ops API objects to SyncRecords. No I/O, no logging: sync.ts decides what to
// warn about; these functions only say what a value means.
import type { EntitlementRecord, GrantRecord, ResourceRecord, ResourceTypeRecord } from "../types";
import type { ApiNamespace, ApiServiceAccount, ApiUser } from "./api";
import { enumText } from "./proto3";
import {
  ACCOUNT_ROLES,
  MEMBER_SLUG,
  RESOURCE_TYPE,
  grantId,
  humanize,
  namespaceEntitlementId,
  NAMESPACE_PERMISSIONS,
  readPermission,
  readRole,
  roleEntitlementId,
  type NamespacePermission,
  type Term,
  type AccountRole,
} from "./vocabulary";

export function resourceTypeRecords(): ResourceTypeRecord[] {
  return [
    { type: "resourceType", id: RESOURCE_TYPE.user, displayName: "Account", traits: ["user"], description: "Temporal Cloud users (Accounts)." },
    {
      type: "resourceType",
      id: RESOURCE_TYPE.serviceAccount,
      displayName: "Service account",
      traits: ["user"],
      description: "Temporal Cloud service accounts (synced only).",
    },
    { type: "resourceType", id: RESOURCE_TYPE.namespace, displayName: "Namespace", traits: [], description: "Temporal Cloud namespaces." },
    { type: "resourceType", id: RESOURCE_TYPE.accountRole, displayName: "Account role", traits: ["role"], description: "Temporal Cloud account roles." },
  ];
}

/** The resource and `member` entitlement of one account role, known (`owner`) or not (`metricsread`). */
export function accountRoleRecords(role: Term<AccountRole>): [ResourceRecord, EntitlementRecord] {
  const known = role.known;
  const displayName = known?.displayName ?? `${humanize(role.wire, "ROLE_")} (unrecognised role)`;
  const resource = { resourceTypeId: RESOURCE_TYPE.accountRole, id: role.slug };
  return [
    {
      type: "resource",
      ...resource,
      displayName,
      description: known ? `The ${known.displayName} account role in Temporal Cloud.` : `Account role ${role.wire}, not known to this connector.`,
      profile: { wire: role.wire },
    },
    {
      type: "entitlement",
      id: roleEntitlementId(role.slug),
      resource,
      displayName: `${displayName} Role Member`,
      description: `Has the ${displayName} role in Temporal Cloud.`,
      slug: MEMBER_SLUG,
      purpose: "assignment",
      grantableTo: [RESOURCE_TYPE.user],
      // Unknown roles are never changed: the connector cannot tell what they allow.
      provisionable: known?.provisionable ?? false,
    },
  ];
}

export function knownAccountRoleRecords(): (ResourceRecord | EntitlementRecord)[] {
  return ACCOUNT_ROLES.flatMap((known) => accountRoleRecords({ slug: known.slug, wire: known.wire, known }));
}

export function namespaceDisplayName(namespace: ApiNamespace): string {
  return namespace.spec.name || namespace.namespace;
}

export function namespaceResource(namespace: ApiNamespace): ResourceRecord {
  return {
    type: "resource",
    resourceTypeId: RESOURCE_TYPE.namespace,
    // The full `<name>.<account id>`: it is the key of each user's namespaceAccesses map.
    id: namespace.namespace,
    displayName: namespaceDisplayName(namespace),
    description: `Temporal Cloud namespace ${namespace.namespace}.`,
    profile: {
      state: stateText(namespace) || null,
      activeRegion: namespace.activeRegion || null,
      regions: namespace.spec.regions.join(", "),
      // 0 is proto3's "not set": no namespace keeps its history for zero days.
      retentionDays: namespace.spec.retentionDays || null,
    },
  };
}

export function namespacePermissionEntitlement(
  namespaceId: string,
  namespaceName: string,
  permission: Term<NamespacePermission>,
): EntitlementRecord {
  const label = permission.known?.displayName ?? `${humanize(permission.wire, "PERMISSION_")} (unrecognised permission)`;
  return {
    type: "entitlement",
    id: namespaceEntitlementId(namespaceId, permission.slug),
    resource: { resourceTypeId: RESOURCE_TYPE.namespace, id: namespaceId },
    displayName: `Namespace ${namespaceName} ${label}`,
    description: `${label} access to the ${namespaceName} namespace in Temporal Cloud.`,
    slug: permission.slug,
    purpose: "permission",
    grantableTo: [RESOURCE_TYPE.user],
    provisionable: permission.known !== undefined,
  };
}

export function namespaceEntitlements(namespace: ApiNamespace): EntitlementRecord[] {
  const name = namespaceDisplayName(namespace);
  return NAMESPACE_PERMISSIONS.map((known) => namespacePermissionEntitlement(namespace.namespace, name, { slug: known.slug, wire: known.wire, known }));
}

type UserStatus = NonNullable<ResourceRecord["user"]>["status"];

/** The state enum of current API versions, else the string older versions send. */
export function stateText(resource: { state: string | number | undefined; stateDeprecated: string }): string {
  return enumText(resource.state) || resource.stateDeprecated;
}

/** `RESOURCE_STATE_ACTIVE` (current) or `active` (older API versions) → the account status. */
export function accountStatus(state: string): UserStatus {
  const bare = state.toLowerCase().replace(/^resource_state_/, "").replace(/_/g, "");
  if (bare === "active" || bare === "updating" || bare === "activating") return "enabled";
  if (bare === "deleted" || bare === "deleting") return "deleted";
  if (bare === "suspended" || bare === "expired" || bare === "suspending") return "disabled";
  return "unspecified";
}

export function userResource(user: ApiUser): ResourceRecord {
  const email = user.spec.email;
  const state = stateText(user);
  return {
    type: "resource",
    resourceTypeId: RESOURCE_TYPE.user,
    id: user.id,
    displayName: email || user.id,
    user: { email: email || undefined, login: email || undefined, status: accountStatus(state) },
    profile: {
      state: state || null,
      // An open invitation means the person has not signed in yet: reviewers want to see that.
      invitationPending: user.invitation !== undefined,
      invitationExpires: user.invitation?.expiredTime ?? null,
      createdTime: user.createdTime ?? null,
    },
  };
}

export function serviceAccountResource(account: ApiServiceAccount): ResourceRecord {
  const name = account.spec.name || account.id;
  const scoped = account.spec.namespaceScopedAccess?.namespace;
  const state = stateText(account);
  return {
    type: "resource",
    resourceTypeId: RESOURCE_TYPE.serviceAccount,
    id: account.id,
    displayName: name,
    description: account.spec.description || undefined,
    user: { login: name, status: accountStatus(state) },
    profile: { state: state || null, namespaceScoped: scoped || null },
  };
}

export type UserAccess = {
  role?: Term<AccountRole>;
  namespaces: { namespaceId: string; permission: Term<NamespacePermission> }[];
};

/** What a user's spec grants. Older API versions put the value in the `*Deprecated` string fields. */
export function userAccess(user: ApiUser): UserAccess {
  const access = user.spec.access;
  const account = access?.accountAccess;
  const role = readRole(enumText(account?.role)) ?? readRole(account?.roleDeprecated);
  const namespaces: UserAccess["namespaces"] = [];
  for (const [namespaceId, entry] of Object.entries(access?.namespaceAccesses ?? {})) {
    const permission = readPermission(enumText(entry.permission)) ?? readPermission(entry.permissionDeprecated);
    if (permission) namespaces.push({ namespaceId, permission });
  }
  return { role, namespaces };
}

export function grantRecord(entitlementId: string, userId: string): GrantRecord {
  return {
    type: "grant",
    id: grantId(entitlementId, userId),
    entitlementId,
    principal: { resourceTypeId: RESOURCE_TYPE.user, id: userId },
  };
}
