// Pure mappers from Cloudflare's members and roles to Baton-shaped records. No I/O here.
import type { EntitlementRecord, GrantRecord, ResourceRecord, ResourceTypeRecord } from "../types";
import type { CloudflareMember, CloudflareRole } from "./api";

export const RESOURCE_TYPES = { user: "user", invitation: "invitation", role: "role" } as const;
export const MEMBER_SLUG = "member";

/**
 * List Roles does not return the built-in Super Administrator role, yet members hold it.
 * Baton's connector adds it under Cloudflare's fixed id; so do we, so grants line up.
 */
export const SUPER_ADMIN_ROLE: CloudflareRole = {
  id: "33666b9c79b9a5273fc7344ff42f953d",
  name: "Super Administrator - All Privileges",
  description: "Can edit any Cloudflare setting, make purchases, update billing, and manage memberships.",
};

export function resourceTypeRecords(): ResourceTypeRecord[] {
  return [
    { type: "resourceType", id: RESOURCE_TYPES.user, displayName: "User", traits: ["user"], description: "An accepted member of the Cloudflare account." },
    {
      type: "resourceType",
      id: RESOURCE_TYPES.invitation,
      displayName: "Invitation",
      // As in Baton: an invitation carries an email, so it has the user trait; it is sync only.
      traits: ["user"],
      description: "A pending invitation to the Cloudflare account (sync only).",
    },
    { type: "resourceType", id: RESOURCE_TYPES.role, displayName: "Role", traits: ["role"], description: "A Cloudflare account role." },
  ];
}

export function roleEntitlementId(roleId: string) {
  return `${RESOURCE_TYPES.role}:${roleId}:${MEMBER_SLUG}`;
}

/** "role:<roleId>:member" → roleId; undefined for anything else. */
export function parseRoleEntitlementId(entitlementId: string): string | undefined {
  const match = /^role:([^:]+):member$/.exec(entitlementId.trim());
  return match?.[1];
}

export function roleRecords(role: CloudflareRole): [ResourceRecord, EntitlementRecord] {
  const resource: ResourceRecord = {
    type: "resource",
    resourceTypeId: RESOURCE_TYPES.role,
    id: role.id,
    displayName: role.name,
    description: role.description || undefined,
    profile: { role_id: role.id, role_name: role.name },
  };
  const entitlement: EntitlementRecord = {
    type: "entitlement",
    id: roleEntitlementId(role.id),
    resource: { resourceTypeId: RESOURCE_TYPES.role, id: role.id },
    displayName: `${role.name} Member Role`,
    description: `Has the ${role.name} role in Cloudflare`,
    slug: MEMBER_SLUG,
    purpose: "assignment",
    grantableTo: [RESOURCE_TYPES.user],
    provisionable: true,
  };
  return [resource, entitlement];
}

function displayName(member: CloudflareMember) {
  const name = [member.user.first_name, member.user.last_name].filter(Boolean).join(" ").trim();
  return name || member.user.email || member.id;
}

/**
 * Accepted members are users, pending ones invitations; other statuses (or none) are not synced,
 * nor is a member without an id: nothing could refer to it.
 */
export function memberResource(member: CloudflareMember): ResourceRecord | undefined {
  if (!member.id || (member.status !== "accepted" && member.status !== "pending")) return undefined;
  const accepted = member.status === "accepted";
  const email = member.user.email || undefined;
  return {
    type: "resource",
    // The membership id, not the user id: it is what Update Member takes, and pending
    // invitations have no user id yet.
    resourceTypeId: accepted ? RESOURCE_TYPES.user : RESOURCE_TYPES.invitation,
    id: member.id,
    displayName: displayName(member),
    user: { email, login: email, status: accepted ? "enabled" : "unspecified" },
    profile: {
      member_id: member.id,
      user_id: member.user.id || null,
      email: email ?? null,
      first_name: member.user.first_name,
      last_name: member.user.last_name,
      status: member.status,
      two_factor_authentication_enabled: member.user.two_factor_authentication_enabled,
      roles: member.roles.map((role) => role.name).join(", "),
    },
  };
}

export function grantRecord(roleId: string, memberId: string): GrantRecord {
  const entitlementId = roleEntitlementId(roleId);
  return {
    type: "grant",
    id: `${entitlementId}:${RESOURCE_TYPES.user}:${memberId}`,
    entitlementId,
    principal: { resourceTypeId: RESOURCE_TYPES.user, id: memberId },
  };
}

/** Grants only for accepted members: an invitation's roles apply once it is accepted (as in Baton). */
export function memberGrants(member: CloudflareMember): GrantRecord[] {
  if (member.status !== "accepted" || !member.id) return [];
  const seen = new Set<string>();
  return member.roles.filter((role) => !seen.has(role.id) && seen.add(role.id)).map((role) => grantRecord(role.id, member.id));
}
