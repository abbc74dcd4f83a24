// The endpoints of the OpenAPI subset (paths are its templates, scopes its `security`): users,
// groups and memberships here, apps and admin roles in routes-apps.ts.
import type { IncomingHttpHeaders } from "node:http";
import { OKTA_ERRORS, oktaError, type SimResponse } from "./errors";
import { FILTER_RULES, parseUserExpression, SEARCH_RULES, type UserPredicate } from "./filter";
import { indexAfter, limitOf, linkHeaders, pageOf, type Cursors, type LimitRule, LIMITS } from "./paging";
import { groupJson, userJson } from "./serialize";
import type { OktaOrg, SimApp, SimGroup, SimUser } from "./state";

export type SimState = { org: OktaOrg; users: Map<string, SimUser>; logins: Map<string, SimUser>; groups: Map<string, SimGroup>; apps: Map<string, SimApp> };

export function indexOrg(org: OktaOrg): SimState {
  return {
    org,
    users: new Map(org.users.map((u) => [u.id, u])),
    logins: new Map(org.users.map((u) => [u.profile.login.toLowerCase(), u])),
    groups: new Map(org.groups.map((g) => [g.id, g])),
    apps: new Map(org.apps.map((a) => [a.id, a])),
  };
}

export type RouteContext = { state: SimState; params: Record<string, string>; query: URLSearchParams; origin: string; path: string; cursors: Cursors; headers: IncomingHttpHeaders; now: () => number };
type Route = { method: string; template: string; scope: string; handler: (ctx: RouteContext) => SimResponse };

/** One page of an id-sorted list as Okta answers it: the array, and Link self (+ next). */
export function listPage<T>(ctx: RouteContext, list: { key: string; items: readonly T[]; rule: LimitRule; idOf: (t: T) => string; keep?: (t: T) => boolean; json: (t: T) => unknown }): SimResponse {
  const after = ctx.query.get("after");
  const afterId = after === null ? undefined : ctx.cursors.open(list.key, after);
  if (after !== null && afterId === undefined) return oktaError(400, "E0000001", "Api validation failed: after", ["after: The cursor is not one this list issued."]);
  const page = pageOf(list.items, afterId, limitOf(ctx.query, list.rule), list.idOf, list.keep);
  const next = page.lastId === undefined ? undefined : ctx.cursors.sign(list.key, page.lastId);
  return { status: 200, body: page.items.map(list.json), headers: { link: linkHeaders(ctx.origin, ctx.path, ctx.query, next) } };
}

function listUsers(ctx: RouteContext): SimResponse {
  const filter = ctx.query.get("filter");
  const search = ctx.query.get("search");
  let keep: UserPredicate = (u) => u.status !== "DEPROVISIONED"; // the default list omits them
  for (const [expression, rules] of [[filter, FILTER_RULES], [search, SEARCH_RULES]] as const) {
    if (expression === null) continue;
    const parsed = parseUserExpression(expression, rules);
    if (typeof parsed === "string") return OKTA_ERRORS.invalidSearch(parsed);
    keep = parsed; // a filter or search includes DEPROVISIONED users, as the spec says
  }
  const omitCredentials = /okta-response=[^;]*omitCredentials/.test(String(ctx.headers["content-type"] ?? ""));
  return listPage(ctx, {
    key: `users?${filter ?? ""}|${search ?? ""}`,
    items: ctx.state.org.users,
    rule: LIMITS.users,
    idOf: (u) => u.id,
    keep,
    json: (u) => userJson(ctx.origin, u, { omitCredentials }),
  });
}

function findUser(state: SimState, idOrLogin: string): SimUser | undefined {
  return state.users.get(idOrLogin) ?? state.logins.get(idOrLogin.toLowerCase());
}

const isMember = (group: SimGroup, userId: string) => group.members[indexAfter(group.members, userId, (id) => id) - 1] === userId;

function listUserGroups(ctx: RouteContext): SimResponse {
  const user = findUser(ctx.state, ctx.params.id);
  if (!user) return OKTA_ERRORS.notFound(ctx.params.id, "User");
  const groups = ctx.state.org.groups.filter((g) => isMember(g, user.id));
  return { status: 200, body: groups.map((g) => groupJson(ctx.origin, g)), headers: { link: linkHeaders(ctx.origin, ctx.path, ctx.query, undefined) } };
}

function withGroup(handler: (ctx: RouteContext, group: SimGroup) => SimResponse) {
  return (ctx: RouteContext) => {
    const group = ctx.state.groups.get(ctx.params.groupId);
    return group ? handler(ctx, group) : OKTA_ERRORS.notFound(ctx.params.groupId, "UserGroup");
  };
}

/** Assign / unassign: OKTA_GROUP only, idempotent (204 either way), as the spec describes. */
function changeMembership(add: boolean) {
  return withGroup((ctx, group) => {
    const user = ctx.state.users.get(ctx.params.userId);
    if (!user) return OKTA_ERRORS.notFound(ctx.params.userId, "User");
    if (group.type !== "OKTA_GROUP") {
      return OKTA_ERRORS.forbidden(undefined, [`Memberships of a group of type ${group.type} cannot be modified in Okta.`]);
    }
    const at = indexAfter(group.members, user.id, (id) => id);
    const present = group.members[at - 1] === user.id;
    if (add && !present) group.members.splice(at, 0, user.id);
    if (!add && present) group.members.splice(at - 1, 1);
    if (add !== present) group.lastMembershipUpdated = new Date(ctx.now()).toISOString();
    return { status: 204 };
  });
}

export const DIRECTORY_ROUTES: Route[] = [
  { method: "GET", template: "/api/v1/users", scope: "okta.users.read", handler: listUsers },
  { method: "GET", template: "/api/v1/users/{id}/groups", scope: "okta.users.read", handler: listUserGroups },
  {
    method: "GET",
    template: "/api/v1/groups",
    scope: "okta.groups.read",
    handler: (ctx) => listPage(ctx, { key: "groups", items: ctx.state.org.groups, rule: LIMITS.groups, idOf: (g) => g.id, json: (g) => groupJson(ctx.origin, g) }),
  },
  { method: "GET", template: "/api/v1/groups/{groupId}", scope: "okta.groups.read", handler: withGroup((ctx, group) => ({ status: 200, body: groupJson(ctx.origin, group) })) },
  {
    method: "GET",
    template: "/api/v1/groups/{groupId}/users",
    scope: "okta.groups.read",
    handler: withGroup((ctx, group) =>
      listPage(ctx, {
        key: `groups/${group.id}/users`,
        items: group.members,
        rule: LIMITS.groupUsers,
        idOf: (id) => id,
        json: (id) => {
          const user = ctx.state.users.get(id);
          return user ? userJson(ctx.origin, user) : { id };
        },
      }),
    ),
  },
  { method: "PUT", template: "/api/v1/groups/{groupId}/users/{userId}", scope: "okta.groups.manage", handler: changeMembership(true) },
  { method: "DELETE", template: "/api/v1/groups/{groupId}/users/{userId}", scope: "okta.groups.manage", handler: changeMembership(false) },
];

export type { Route };
