// The Okta endpoints the adapter calls, bound to one org and credential: each names its
// OpenAPI template (the rate-limit bucket), its OAuth scope and what it does (for errors).
// Lists page by Link rel="next" only, one page in memory at a time.
import { z } from "zod";
import { ConnectorError, type ConnectorContext } from "../types";
import { appGroupSchema, appSchema, appUserSchema, groupSchema, noContentSchema, roleAssigneesSchema, roleAssignmentSchema, userSchema } from "./api";
import type { Authorizer, ScopeSet } from "./auth";
import { mapOktaError, networkError } from "./errors";
import { oktaRequest, type OktaAnswer, type OktaHttp } from "./http";
import { nextLink } from "./links";
import type { OktaAuth } from "./settings";

/**
 * Page sizes: the largest the spec allows, for the fewest requests (groups 10,000; apps 200; app
 * users 500; app groups 200). Without a maximum, the spec's default: users 200 (what Okta caps
 * at), group members 1,000, role assignees 100. Okta suggests 200 for groups and members when
 * pages time out; `pageSizes` lowers them.
 */
export type PageSizes = { users: number; groups: number; groupUsers: number; apps: number; appUsers: number; appGroups: number; roleAssignees: number };
export const DEFAULT_PAGE_SIZES: PageSizes = { users: 200, groups: 10_000, groupUsers: 1_000, apps: 200, appUsers: 500, appGroups: 200, roleAssignees: 100 };

/** A bound on pages so an upstream that loops its cursors cannot keep a sync alive forever. */
export const MAX_PAGES = 1_000_000;

type Op = { method: "GET" | "PUT" | "DELETE"; template: string; scope: string; action: string; set?: ScopeSet };
const op = (method: Op["method"], template: string, scope: string, action: string, set?: ScopeSet): Op => ({ method, template, scope, action, set });

export const OPS = {
  listUsers: op("GET", "/api/v1/users", "okta.users.read", "read users"),
  listUserGroups: op("GET", "/api/v1/users/{id}/groups", "okta.users.read", "read a user's groups"),
  listGroups: op("GET", "/api/v1/groups", "okta.groups.read", "read groups"),
  getGroup: op("GET", "/api/v1/groups/{groupId}", "okta.groups.read", "read groups"),
  listGroupUsers: op("GET", "/api/v1/groups/{groupId}/users", "okta.groups.read", "read group members"),
  assignUser: op("PUT", "/api/v1/groups/{groupId}/users/{userId}", "okta.groups.manage", "add group members"),
  unassignUser: op("DELETE", "/api/v1/groups/{groupId}/users/{userId}", "okta.groups.manage", "remove group members"),
  listApps: op("GET", "/api/v1/apps", "okta.apps.read", "read apps"),
  listAppUsers: op("GET", "/api/v1/apps/{appId}/users", "okta.apps.read", "read app assignments"),
  listAppGroups: op("GET", "/api/v1/apps/{appId}/groups", "okta.apps.read", "read app group assignments"),
  listRoleAssignees: op("GET", "/api/v1/iam/assignees/users", "okta.roles.read", "read admin role assignments", "roles"),
  listUserRoles: op("GET", "/api/v1/users/{userId}/roles", "okta.roles.read", "read admin role assignments", "roles"),
} satisfies Record<string, Op>;

// Lets Okta skip credential objects and links we never read: faster on large orgs (OpenAPI: OktaResponse).
const OMIT_CREDENTIALS = { "content-type": "application/json; okta-response=omitCredentials,omitCredentialsLinks" };

export type OktaClientDeps = { ctx: ConnectorContext; http: OktaHttp; auth: OktaAuth; authorizer: Authorizer; baseUrl: string; pageSizes: PageSizes };

export function oktaClient(deps: OktaClientDeps) {
  const { ctx, http, auth, authorizer, baseUrl } = deps;
  const sizes = deps.pageSizes;
  const urlOf = (path: string, query: Record<string, string | number> = {}) => {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
    return `${baseUrl}${path}${search ? `?${search}` : ""}`;
  };
  const seg = encodeURIComponent;

  async function call<T>(o: Op, url: string, schema: z.ZodType<T>, extraHeaders: Record<string, string> = {}): Promise<OktaAnswer<T>> {
    const set = o.set ?? "directory";
    for (let refreshed = false; ; refreshed = true) {
      const headers = { ...(await authorizer.headers(set)), ...extraHeaders };
      try {
        return await oktaRequest(ctx, http, {
          method: o.method,
          url,
          bucket: `${o.method} ${o.template}`,
          headers,
          schema,
          onError: (failure) => mapOktaError(failure, { auth, action: o.action, scope: o.scope }),
          onNetworkError: (message, retryable) => networkError(auth.domain, message, retryable),
        });
      } catch (error) {
        // An access token can be revoked or expire early: mint one new token, once.
        if (!refreshed && authorizer.canRefresh && error instanceof ConnectorError && error.options.status === 401) {
          authorizer.invalidate(set);
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * Every page of a list, following Link rel="next" as Okta gives it. A 404 on a later page (or
   * on the first page of a sub-list) means the list vanished mid-sync: a retryable conflict, so
   * a partial snapshot is never committed as complete.
   */
  async function* pages<T>(o: Op, firstUrl: string, item: z.ZodType<T>, what: string, options: { subList?: boolean; headers?: Record<string, string> } = {}): AsyncGenerator<T[]> {
    let url: string | undefined = firstUrl;
    const seen = new Set<string>();
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_PAGES) throw new ConnectorError("malformed_response", `Okta kept returning pages of ${what} past ${MAX_PAGES}.`);
      let answer: OktaAnswer<T[]>;
      try {
        answer = await call(o, url, z.array(item), options.headers);
      } catch (error) {
        if (error instanceof ConnectorError && error.kind === "not_found" && (page > 0 || options.subList)) {
          throw new ConnectorError("conflict", `The ${what} changed during the sync (${error.message}); run the sync again.`, { retryable: true, status: 404, cause: error });
        }
        throw error;
      }
      yield answer.data;
      seen.add(url);
      url = nextLink(answer.headers.get("link"), baseUrl);
      if (url !== undefined && seen.has(url)) throw new ConnectorError("malformed_response", `Okta's next link for ${what} points back to a page already read.`);
    }
  }

  return {
    /** All users but DEPROVISIONED (Okta's default list), or only DEPROVISIONED ones (a filter). */
    listUsers: (which: "default" | "deprovisioned") =>
      pages(OPS.listUsers, urlOf("/api/v1/users", which === "deprovisioned" ? { filter: 'status eq "DEPROVISIONED"', limit: sizes.users } : { limit: sizes.users }), userSchema, which === "deprovisioned" ? "deactivated users" : "users", { headers: OMIT_CREDENTIALS }),
    firstUsers: () => call(OPS.listUsers, urlOf("/api/v1/users", { limit: 1 }), z.array(userSchema), OMIT_CREDENTIALS),
    listGroups: () => pages(OPS.listGroups, urlOf("/api/v1/groups", { limit: sizes.groups }), groupSchema, "groups"),
    firstGroups: () => call(OPS.listGroups, urlOf("/api/v1/groups", { limit: 1 }), z.array(groupSchema)),
    getGroup: (groupId: string) => call(OPS.getGroup, urlOf(`/api/v1/groups/${seg(groupId)}`), groupSchema),
    listGroupUsers: (groupId: string) =>
      pages(OPS.listGroupUsers, urlOf(`/api/v1/groups/${seg(groupId)}/users`, { limit: sizes.groupUsers }), userSchema, `members of group ${groupId}`, { subList: true }),
    listUserGroups: (userId: string) => pages(OPS.listUserGroups, urlOf(`/api/v1/users/${seg(userId)}/groups`), groupSchema, `groups of user ${userId}`),
    assignUser: (groupId: string, userId: string) => call(OPS.assignUser, urlOf(`/api/v1/groups/${seg(groupId)}/users/${seg(userId)}`), noContentSchema),
    unassignUser: (groupId: string, userId: string) => call(OPS.unassignUser, urlOf(`/api/v1/groups/${seg(groupId)}/users/${seg(userId)}`), noContentSchema),
    listApps: () => pages(OPS.listApps, urlOf("/api/v1/apps", { limit: sizes.apps }), appSchema, "apps"),
    firstApps: () => call(OPS.listApps, urlOf("/api/v1/apps", { limit: 1 }), z.array(appSchema)),
    listAppUsers: (appId: string) => pages(OPS.listAppUsers, urlOf(`/api/v1/apps/${seg(appId)}/users`, { limit: sizes.appUsers }), appUserSchema, `users assigned to app ${appId}`, { subList: true }),
    listAppGroups: (appId: string) =>
      pages(OPS.listAppGroups, urlOf(`/api/v1/apps/${seg(appId)}/groups`, { limit: sizes.appGroups }), appGroupSchema, `groups assigned to app ${appId}`, { subList: true }),
    /** Users holding admin roles (an object page: { value, _links }), then each one's roles. */
    async *listRoleAssignees(): AsyncGenerator<string[]> {
      let url: string | undefined = urlOf("/api/v1/iam/assignees/users", { limit: sizes.roleAssignees });
      for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
        const answer = await call(OPS.listRoleAssignees, url, roleAssigneesSchema);
        yield answer.data.value.map((u) => u.id);
        url = nextLink(answer.headers.get("link"), baseUrl);
      }
    },
    listUserRoles: (userId: string) => call(OPS.listUserRoles, urlOf(`/api/v1/users/${seg(userId)}/roles`), z.array(roleAssignmentSchema)),
  };
}

export type OktaClient = ReturnType<typeof oktaClient>;
