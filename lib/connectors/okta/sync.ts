// The sync stream: resource types, users, groups with their entitlements, group memberships,
// apps with their entitlements and assignments, then admin roles when readable. Every grant
// follows the records it refers to. Users stream page by page; only group and app ids are
// held (thousands, not the users' hundred thousands) to fetch their members after.
import type { ConnectorContext, SyncRecord } from "../types";
import type { OktaClient } from "./client";
import { appEntitlementId, appRecords, grantRecord, groupEntitlementId, groupRecords, RESOURCE_TYPES, resourceTypeRecords, userResource } from "./map";
import { syncAdminRoles } from "./roles";

export async function* syncOrg(api: OktaClient, ctx: ConnectorContext, options: { adminRoles: boolean }): AsyncGenerator<SyncRecord> {
  yield* resourceTypeRecords();

  // Okta's default list omits DEPROVISIONED users; a filter is the documented way to get them.
  // They come first and their ids are remembered, so a user reactivated between the two
  // listings is not emitted twice.
  const deprovisioned = new Set<string>();
  for await (const page of api.listUsers("deprovisioned")) {
    for (const user of page) {
      if (deprovisioned.has(user.id)) continue;
      deprovisioned.add(user.id);
      yield userResource(user);
    }
  }
  let users = deprovisioned.size;
  for await (const page of api.listUsers("default")) {
    for (const user of page) {
      if (deprovisioned.has(user.id)) continue;
      users++;
      yield userResource(user);
    }
  }
  ctx.logger.info(`Okta: ${users} users (${deprovisioned.size} deactivated).`);

  const groupIds: string[] = [];
  for await (const page of api.listGroups()) {
    for (const group of page) {
      groupIds.push(group.id);
      yield* groupRecords(group);
    }
  }
  let memberships = 0;
  for (const groupId of groupIds) {
    const entitlementId = groupEntitlementId(groupId);
    for await (const page of api.listGroupUsers(groupId)) {
      for (const user of page) {
        memberships++;
        yield grantRecord(entitlementId, { resourceTypeId: RESOURCE_TYPES.user, id: user.id });
      }
    }
  }
  ctx.logger.info(`Okta: ${groupIds.length} groups, ${memberships} memberships.`);

  const appIds: string[] = [];
  for await (const page of api.listApps()) {
    for (const app of page) {
      appIds.push(app.id);
      yield* appRecords(app);
    }
  }
  let assignments = 0;
  for (const appId of appIds) {
    const entitlementId = appEntitlementId(appId);
    for await (const page of api.listAppUsers(appId)) {
      for (const appUser of page) {
        // Users assigned through a group are listed too (scope GROUP); their access is the
        // group's assignment grant plus their membership, so only direct ones are grants here.
        if (appUser.scope === "GROUP") continue;
        assignments++;
        yield grantRecord(entitlementId, { resourceTypeId: RESOURCE_TYPES.user, id: appUser.id });
      }
    }
    for await (const page of api.listAppGroups(appId)) {
      for (const assignment of page) {
        assignments++;
        yield grantRecord(entitlementId, { resourceTypeId: RESOURCE_TYPES.group, id: assignment.id });
      }
    }
  }
  ctx.logger.info(`Okta: ${appIds.length} apps, ${assignments} assignments.`);

  if (options.adminRoles) yield* syncAdminRoles(api, ctx);
}
