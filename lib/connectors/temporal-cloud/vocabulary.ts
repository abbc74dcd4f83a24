// Temporal Cloud's access vocabulary in one place: the wire enums (`ROLE_ADMIN`,
// `PERMISSION_WRITE`), the Baton-style slugs used in resource and entitlement ids (`admin`,
// `financeadmin`), display names, and which roles the connector may change. Mappers and
// provisioning both read it, so sync and grant/revoke can never disagree on an id.

export const RESOURCE_TYPE = {
  user: "user",
  serviceAccount: "service-account",
  namespace: "namespace",
  accountRole: "account-role",
} as const;

export type AccountRole = {
  slug: string;
  wire: string;
  displayName: string;
  /** Owner and Finance Admin are synced but must never be granted or revoked (seed, Baton parity). */
  provisionable: boolean;
  /** What revoking this role leaves the user with; absent where revoking is refused. */
  downgradeTo?: string;
};

export const ACCOUNT_ROLES: readonly AccountRole[] = [
  { slug: "owner", wire: "ROLE_OWNER", displayName: "Account Owner", provisionable: false },
  { slug: "admin", wire: "ROLE_ADMIN", displayName: "Account Admin", provisionable: true, downgradeTo: "developer" },
  { slug: "developer", wire: "ROLE_DEVELOPER", displayName: "Developer", provisionable: true, downgradeTo: "read" },
  { slug: "financeadmin", wire: "ROLE_FINANCE_ADMIN", displayName: "Finance Admin", provisionable: false },
  // Read is the floor: a Temporal Cloud user must hold an account role, so it has no downgrade.
  { slug: "read", wire: "ROLE_READ", displayName: "Read", provisionable: true },
];

export type NamespacePermission = { slug: string; wire: string; displayName: string };

export const NAMESPACE_PERMISSIONS: readonly NamespacePermission[] = [
  { slug: "admin", wire: "PERMISSION_ADMIN", displayName: "Admin" },
  { slug: "write", wire: "PERMISSION_WRITE", displayName: "Write" },
  { slug: "read", wire: "PERMISSION_READ", displayName: "Read" },
];

export const MEMBER_SLUG = "member";

/** A role or permission value read from the wire, known or not. */
export type Term<T> = { slug: string; wire: string; known?: T };

/**
 * Turns a wire value into a slug. Accepts the enum names of current API versions
 * (`ROLE_FINANCE_ADMIN`) and the lowercase strings of older ones (`financeadmin`), so a
 * pinned older `apiVersion` still syncs. Empty and `*_UNSPECIFIED` mean "no value".
 */
function toSlug(value: string, prefix: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const upper = trimmed.toUpperCase();
  if (upper === `${prefix}UNSPECIFIED` || upper === "UNSPECIFIED") return undefined;
  const bare = upper.startsWith(prefix) ? upper.slice(prefix.length) : upper;
  return bare.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

export function readRole(value: string | undefined): Term<AccountRole> | undefined {
  const slug = value === undefined ? undefined : toSlug(value, "ROLE_");
  if (!slug || value === undefined) return undefined;
  return { slug, wire: value, known: ACCOUNT_ROLES.find((role) => role.slug === slug) };
}

export function readPermission(value: string | undefined): Term<NamespacePermission> | undefined {
  const slug = value === undefined ? undefined : toSlug(value, "PERMISSION_");
  if (!slug || value === undefined) return undefined;
  return { slug, wire: value, known: NAMESPACE_PERMISSIONS.find((permission) => permission.slug === slug) };
}

export function roleBySlug(slug: string): AccountRole | undefined {
  return ACCOUNT_ROLES.find((role) => role.slug === slug);
}

export function permissionBySlug(slug: string): NamespacePermission | undefined {
  return NAMESPACE_PERMISSIONS.find((permission) => permission.slug === slug);
}

/** "ROLE_METRICS_READ" → "Metrics Read": a readable name for values this code does not know yet. */
export function humanize(wire: string, prefix: string): string {
  const bare = wire.toUpperCase().startsWith(prefix) ? wire.slice(prefix.length) : wire;
  return bare
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(" ");
}

export function roleEntitlementId(roleSlug: string): string {
  return `${RESOURCE_TYPE.accountRole}:${roleSlug}:${MEMBER_SLUG}`;
}

export function namespaceEntitlementId(namespaceId: string, permissionSlug: string): string {
  return `${RESOURCE_TYPE.namespace}:${namespaceId}:${permissionSlug}`;
}

export function grantId(entitlementId: string, userId: string): string {
  return `${entitlementId}:${RESOURCE_TYPE.user}:${userId}`;
}

export type ParsedEntitlement =
  | { kind: "account-role"; roleSlug: string }
  | { kind: "namespace"; namespaceId: string; permissionSlug: string };

/**
 * Reads an entitlement id back. Namespace ids contain dots (`prod.a1b2c`) but never colons,
 * so the resource id is everything between the first and the last colon.
 */
export function parseEntitlementId(id: string): ParsedEntitlement | undefined {
  const first = id.indexOf(":");
  const last = id.lastIndexOf(":");
  if (first <= 0 || last <= first + 1 || last === id.length - 1) return undefined;
  const type = id.slice(0, first);
  const resourceId = id.slice(first + 1, last);
  const slug = id.slice(last + 1);
  if (type === RESOURCE_TYPE.accountRole && slug === MEMBER_SLUG) return { kind: "account-role", roleSlug: resourceId };
  if (type === RESOURCE_TYPE.namespace) return { kind: "namespace", namespaceId: resourceId, permissionSlug: slug };
  return undefined;
}
