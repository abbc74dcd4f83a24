// The sync stream: resource types, then roles with their entitlements, then members with
// their grants, so every grant refers to an entitlement already emitted. One page at a time.
import type { SyncRecord } from "../types";
import type { ConnectorContext } from "../types";
import { PAGE_SIZE, type CloudflareApi } from "./api";
import { memberGrants, memberResource, resourceTypeRecords, roleRecords, SUPER_ADMIN_ROLE } from "./map";
import { paginate } from "./pages";

export async function* syncAccount(api: CloudflareApi, ctx: ConnectorContext): AsyncGenerator<SyncRecord> {
  yield* resourceTypeRecords();

  // Role ids only (a few dozen per account), so a member holding a role the list omitted
  // still gets its role and entitlement before the grant.
  const roleIds = new Set<string>();
  let rolePages = 0;
  for await (const roles of paginate("role", PAGE_SIZE, (page) => api.listRoles(page))) {
    rolePages++;
    for (const role of roles) {
      if (roleIds.has(role.id)) continue;
      roleIds.add(role.id);
      yield* roleRecords(role);
    }
  }
  if (!roleIds.has(SUPER_ADMIN_ROLE.id)) {
    roleIds.add(SUPER_ADMIN_ROLE.id);
    yield* roleRecords(SUPER_ADMIN_ROLE);
  }
  ctx.logger.info(`Cloudflare: ${roleIds.size} roles from ${rolePages} page(s).`);

  let members = 0;
  let skipped = 0;
  let memberPages = 0;
  for await (const page of paginate("member", PAGE_SIZE, (n) => api.listMembers(n))) {
    memberPages++;
    for (const member of page) {
      const resource = memberResource(member);
      if (!resource) {
        skipped++;
        continue;
      }
      members++;
      yield resource;
      for (const role of member.roles) {
        if (roleIds.has(role.id) || member.status !== "accepted") continue;
        roleIds.add(role.id);
        yield* roleRecords(role);
      }
      yield* memberGrants(member);
    }
  }
  ctx.logger.info(`Cloudflare: ${members} members from ${memberPages} page(s).`);
  if (skipped > 0) ctx.logger.warn(`Cloudflare: skipped ${skipped} member(s) without an id or with a status other than accepted or pending.`);
}
