// Grant and revoke a role: read the member, then PUT its complete roles list (Update Member
// replaces the list). Idempotent: nothing to change means no write and `changed: false`.
import { ConnectorError, type ProvisionRequest, type ProvisionResult } from "../types";
import type { CloudflareApi, CloudflareMember } from "./api";
import { parseRoleEntitlementId } from "./map";

// Cloudflare ids are 32 hex characters; the spec caps member ids at 32. Anything else is a
// mistake in the request (a Baton-style "user:<id>" reference, an email) and never a URL part.
const MEMBER_ID = /^[\w-]{1,32}$/;

type Target = { roleId: string; memberId: string };

function parseRequest(request: ProvisionRequest): Target {
  const roleId = parseRoleEntitlementId(request.entitlementId);
  if (!roleId) {
    throw new ConnectorError("refused", `"${request.entitlementId}" is not a Cloudflare role entitlement; expected role:<role id>:member.`);
  }
  const memberId = request.principalId.trim();
  if (!MEMBER_ID.test(memberId)) {
    throw new ConnectorError("refused", `"${request.principalId}" is not a Cloudflare member id (a user resource id from the sync).`);
  }
  return { roleId, memberId };
}

/** The member's email, or its id when the answer had no user. */
const who = (member: CloudflareMember) => member.user.email || member.id;

async function readMember(api: CloudflareApi, memberId: string): Promise<CloudflareMember> {
  const { result: member } = await api.getMember(memberId);
  if (member.status !== "accepted") {
    // Invitations are sync only: their roles are the inviter's choice until accepted.
    throw new ConnectorError("refused", `${who(member)} has not accepted the invitation yet (status ${member.status || "not given"}); invitations are sync only.`);
  }
  return member;
}

function roleIds(member: CloudflareMember) {
  return [...new Set(member.roles.map((role) => role.id))];
}

export async function grantRole(api: CloudflareApi, request: ProvisionRequest): Promise<ProvisionResult> {
  const { roleId, memberId } = parseRequest(request);
  const member = await readMember(api, memberId);
  const current = roleIds(member);
  if (current.includes(roleId)) {
    return { changed: false, message: `${who(member)} already has role ${roleName(member, roleId)}.` };
  }
  const { result } = await api.updateMemberRoles(memberId, [...current, roleId]);
  if (!result.roles.some((role) => role.id === roleId)) {
    throw new ConnectorError("operation_failed", `Cloudflare accepted the update but ${who(member)} does not have role ${roleId}.`);
  }
  return { changed: true, message: `Granted ${roleName(result, roleId)} to ${who(member)}.` };
}

export async function revokeRole(api: CloudflareApi, request: ProvisionRequest): Promise<ProvisionResult> {
  const { roleId, memberId } = parseRequest(request);
  const member = await readMember(api, memberId);
  const current = roleIds(member);
  if (!current.includes(roleId)) {
    return { changed: false, message: `${who(member)} does not have role ${roleId}; nothing to revoke.` };
  }
  const remaining = current.filter((id) => id !== roleId);
  if (remaining.length === 0) {
    // A member must keep a role; taking the last one away is removing the member, which is a
    // different decision than revoking one entitlement.
    throw new ConnectorError("refused", `${roleName(member, roleId)} is the only role of ${who(member)}; a Cloudflare member must keep at least one role. Remove the member in Cloudflare instead.`);
  }
  const { result } = await api.updateMemberRoles(memberId, remaining);
  if (result.roles.some((role) => role.id === roleId)) {
    throw new ConnectorError("operation_failed", `Cloudflare accepted the update but ${who(member)} still has role ${roleId}.`);
  }
  return { changed: true, message: `Revoked ${roleName(member, roleId)} from ${who(member)}.` };
}

function roleName(member: CloudflareMember, roleId: string) {
  return member.roles.find((role) => role.id === roleId)?.name ?? roleId;
}
