// Pure mappers from Okta's users, groups, apps and admin roles to Baton-shaped records. No I/O.
import type { EntitlementRecord, GrantRecord, ResourceRecord, ResourceTypeRecord } from "../types";
import type { OktaApp, OktaGroup, OktaRoleAssignment, OktaUser } from "./api";

export const RESOURCE_TYPES = { user: "user", group: "group", app: "app", role: "role" } as const;
export const MEMBER_SLUG = "member";
export const ASSIGNED_SLUG = "assigned";

export function resourceTypeRecords(): ResourceTypeRecord[] {
  return [
    { type: "resourceType", id: RESOURCE_TYPES.user, displayName: "User", traits: ["user"], description: "An Okta user, in any status (suspended and deactivated included)." },
    { type: "resourceType", id: RESOURCE_TYPES.group, displayName: "Group", traits: ["group"], description: "An Okta group: Okta-mastered, imported from an app, or built in." },
    { type: "resourceType", id: RESOURCE_TYPES.app, displayName: "App", traits: ["app"], description: "An app integration in Okta, with its user and group assignments." },
  ];
}

export const roleResourceType: ResourceTypeRecord = {
  type: "resourceType",
  id: RESOURCE_TYPES.role,
  displayName: "Admin role",
  traits: ["role"],
  description: "An Okta administrator role (standard or custom), sync only.",
};

/** A profile value as a flat string: custom attributes may be numbers, booleans or lists. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((v) => text(v)).filter(Boolean).join(", ") || null;
  return null;
}

const ENABLED = new Set(["ACTIVE", "PROVISIONED", "STAGED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT"]);

/** Okta's lifecycle status as Baton's account status. */
export function accountStatus(status: string): "enabled" | "disabled" | "deleted" | "unspecified" {
  if (ENABLED.has(status)) return "enabled";
  if (status === "SUSPENDED") return "disabled";
  if (status === "DEPROVISIONED") return "deleted";
  return "unspecified";
}

export function userResource(user: OktaUser): ResourceRecord {
  const p = user.profile ?? {};
  const login = text(p.login);
  const email = text(p.email) ?? login;
  const name = [text(p.firstName), text(p.lastName)].filter(Boolean).join(" ").trim();
  return {
    type: "resource",
    resourceTypeId: RESOURCE_TYPES.user,
    id: user.id,
    displayName: name || login || email || user.id,
    user: { ...(email ? { email } : {}), ...(login ? { login } : {}), status: accountStatus(user.status) },
    profile: {
      oktaUserId: user.id,
      login,
      email,
      oktaStatus: user.status,
      firstName: text(p.firstName),
      lastName: text(p.lastName),
      department: text(p.department),
      title: text(p.title),
      manager: text(p.manager),
      managerId: text(p.managerId),
      employeeNumber: text(p.employeeNumber),
      lastLogin: user.lastLogin ?? null,
    },
  };
}

export const groupEntitlementId = (groupId: string) => `${RESOURCE_TYPES.group}:${groupId}:${MEMBER_SLUG}`;
export const appEntitlementId = (appId: string) => `${RESOURCE_TYPES.app}:${appId}:${ASSIGNED_SLUG}`;
export const roleEntitlementId = (roleId: string) => `${RESOURCE_TYPES.role}:${roleId}:${ASSIGNED_SLUG}`;

/** "group:<id>:member" → id (the only entitlement Gatekeeper provisions). */
export function parseEntitlementId(id: string): { kind: "group" | "app" | "role"; resourceId: string } | undefined {
  const match = /^(group|app|role):([^:]+):(member|assigned)$/.exec(id.trim());
  if (!match) return undefined;
  const kind = match[1] as "group" | "app" | "role";
  const slug = kind === "group" ? MEMBER_SLUG : ASSIGNED_SLUG;
  return match[3] === slug ? { kind, resourceId: match[2] } : undefined;
}

export function groupRecords(group: OktaGroup): [ResourceRecord, EntitlementRecord] {
  const p = group.profile ?? {};
  const name = text(p.name) ?? group.id;
  const type = group.type ?? "OKTA_GROUP";
  return [
    {
      type: "resource",
      resourceTypeId: RESOURCE_TYPES.group,
      id: group.id,
      displayName: name,
      description: text(p.description) ?? undefined,
      profile: { oktaGroupId: group.id, name, description: text(p.description), groupType: type },
    },
    {
      type: "entitlement",
      id: groupEntitlementId(group.id),
      resource: { resourceTypeId: RESOURCE_TYPES.group, id: group.id },
      displayName: `${name} Group Member`,
      description: `Member of the ${name} group in Okta`,
      slug: MEMBER_SLUG,
      purpose: "assignment",
      grantableTo: [RESOURCE_TYPES.user],
      // Okta only lets OKTA_GROUP memberships change; APP_GROUP (imported) and BUILT_IN are read only.
      provisionable: type === "OKTA_GROUP",
    },
  ];
}

export function appRecords(app: OktaApp): [ResourceRecord, EntitlementRecord] {
  const label = app.label || app.name || app.id;
  return [
    {
      type: "resource",
      resourceTypeId: RESOURCE_TYPES.app,
      id: app.id,
      displayName: label,
      profile: {
        oktaAppId: app.id,
        name: app.name ?? null,
        label: app.label ?? null,
        status: app.status ?? null,
        logoUrl: app._links?.logo?.find((l) => l.href)?.href ?? null,
        signOnMode: app.signOnMode ?? null,
      },
    },
    {
      type: "entitlement",
      id: appEntitlementId(app.id),
      resource: { resourceTypeId: RESOURCE_TYPES.app, id: app.id },
      displayName: `${label} App Assignment`,
      description: `Assigned to ${label} in Okta, directly or through a group`,
      slug: ASSIGNED_SLUG,
      purpose: "assignment",
      grantableTo: [RESOURCE_TYPES.user, RESOURCE_TYPES.group],
      provisionable: false,
    },
  ];
}

export function grantRecord(entitlementId: string, principal: { resourceTypeId: string; id: string }): GrantRecord {
  return { type: "grant", id: `${entitlementId}:${principal.resourceTypeId}:${principal.id}`, entitlementId, principal };
}

/** Standard roles are keyed by type (SUPER_ADMIN); custom roles by their role id. */
export function roleKey(role: OktaRoleAssignment): string {
  return role.type === "CUSTOM" && role.role ? role.role : role.type;
}

export function roleRecords(role: OktaRoleAssignment): [ResourceRecord, EntitlementRecord] {
  const id = roleKey(role);
  const label = role.label || role.type;
  return [
    { type: "resource", resourceTypeId: RESOURCE_TYPES.role, id, displayName: label, profile: { roleType: role.type, label, custom: role.type === "CUSTOM" } },
    {
      type: "entitlement",
      id: roleEntitlementId(id),
      resource: { resourceTypeId: RESOURCE_TYPES.role, id },
      displayName: `${label} Role`,
      description: `Holds the ${label} admin role in Okta`,
      slug: ASSIGNED_SLUG,
      purpose: "permission",
      grantableTo: [RESOURCE_TYPES.user],
      provisionable: false,
    },
  ];
}
