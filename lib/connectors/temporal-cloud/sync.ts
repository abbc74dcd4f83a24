// The sync stream. Order matters to the consumer: resource types, then the account roles and
// their entitlements, then namespaces with theirs, then service accounts, then users page by
// page with their grants. Every grant's entitlement is therefore already out, and only one page
// of users is ever in memory. All grants come from the user scan (roles and namespace accesses
// live in each user's spec), so no request is made per namespace or per role.
import { ConnectorError, type ConnectorContext, type SyncRecord } from "../types";
import type { Page, TemporalCloudApi } from "./api";
import {
  accountRoleRecords,
  grantRecord,
  knownAccountRoleRecords,
  namespaceDisplayName,
  namespaceEntitlements,
  namespacePermissionEntitlement,
  namespaceResource,
  resourceTypeRecords,
  serviceAccountResource,
  userAccess,
  userResource,
} from "./map";
import { namespaceEntitlementId, roleEntitlementId } from "./vocabulary";

/**
 * Walks a paged list until the token is empty. The API pages by opaque token over a list that
 * others may change meanwhile; an item seen on the previous page again, or a token that repeats,
 * means the pages shifted, and a sync that silently double-counts or loops is worse than a named
 * error the scheduler can retry.
 */
export async function* pages<T>(label: string, fetchPage: (token: string) => Promise<Page<T>>, idOf: (item: T) => string): AsyncGenerator<T[]> {
  let token = "";
  let previous = new Set<string>();
  const tokens = new Set<string>();
  do {
    const page = await fetchPage(token);
    const ids = new Set<string>();
    for (const item of page.items) {
      const id = idOf(item);
      if (previous.has(id) || ids.has(id)) {
        throw new ConnectorError("conflict", `The ${label} list changed during the sync (${id} came back on a later page). Run the sync again.`, {
          retryable: true,
        });
      }
      ids.add(id);
    }
    yield page.items;
    if (page.nextPageToken && tokens.has(page.nextPageToken)) {
      throw new ConnectorError("conflict", `Temporal Cloud returned the same ${label} page token twice. Run the sync again.`, { retryable: true });
    }
    tokens.add(page.nextPageToken);
    previous = ids;
    token = page.nextPageToken;
  } while (token);
}

export async function* syncRecords(api: TemporalCloudApi, ctx: ConnectorContext): AsyncGenerator<SyncRecord> {
  yield* resourceTypeRecords();
  yield* knownAccountRoleRecords();

  // Namespace id → display name: a few thousand entries at most, needed to label entitlements of
  // unrecognised permissions and to skip grants on namespaces that were not listed.
  const namespaces = new Map<string, string>();
  for await (const page of pages("namespace", api.listNamespaces, (namespace) => namespace.namespace)) {
    for (const namespace of page) {
      namespaces.set(namespace.namespace, namespaceDisplayName(namespace));
      yield namespaceResource(namespace);
      yield* namespaceEntitlements(namespace);
    }
  }

  for await (const page of pages("service account", api.listServiceAccounts, (account) => account.id)) {
    for (const account of page) yield serviceAccountResource(account);
  }

  // Entitlements emitted on the fly for values this code does not know; warnings once per value,
  // not once per user, so 100,000 users with a new role make one log line, not 100,000.
  const extraEntitlements = new Set<string>();
  const warned = new Set<string>();
  const warnOnce = (key: string, message: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    ctx.logger.warn(message);
  };

  for await (const page of pages("user", api.listUsers, (user) => user.id)) {
    for (const user of page) {
      yield userResource(user);
      const access = userAccess(user);
      if (access.role) {
        const entitlementId = roleEntitlementId(access.role.slug);
        if (!access.role.known && !extraEntitlements.has(entitlementId)) {
          extraEntitlements.add(entitlementId);
          warnOnce(`role:${access.role.wire}`, `Temporal Cloud returned an account role this connector does not know (${access.role.wire}); it is synced as "${access.role.slug}" and cannot be provisioned.`);
          yield* accountRoleRecords(access.role);
        }
        yield grantRecord(entitlementId, user.id);
      }
      for (const { namespaceId, permission } of access.namespaces) {
        const name = namespaces.get(namespaceId);
        if (name === undefined) {
          // Created or deleted after the namespace list was read: the next sync picks it up.
          warnOnce(`namespace:${namespaceId}`, `User access refers to namespace ${namespaceId}, which was not in the namespace list; its grants are skipped this sync.`);
          continue;
        }
        const entitlementId = namespaceEntitlementId(namespaceId, permission.slug);
        if (!permission.known && !extraEntitlements.has(entitlementId)) {
          extraEntitlements.add(entitlementId);
          warnOnce(`permission:${permission.wire}`, `Temporal Cloud returned a namespace permission this connector does not know (${permission.wire}); it is synced as "${permission.slug}" and cannot be provisioned.`);
          yield namespacePermissionEntitlement(namespaceId, name, permission);
        }
        yield grantRecord(entitlementId, user.id);
      }
    }
  }
}
