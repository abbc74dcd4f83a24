// Apps with their user and group assignments, and admin role assignments; plus the route table
// and matcher over every endpoint the simulator serves.
import { OKTA_ERRORS, type SimResponse } from "./errors";
import { LIMITS, linkHeaders } from "./paging";
import { DIRECTORY_ROUTES, listPage, type Route, type RouteContext } from "./routes";
import { appGroupJson, appJson, appUserJson, roleJson } from "./serialize";
import type { SimApp, SimUser } from "./state";

function withApp(handler: (ctx: RouteContext, app: SimApp) => SimResponse) {
  return (ctx: RouteContext) => {
    const app = ctx.state.apps.get(ctx.params.appId);
    return app ? handler(ctx, app) : OKTA_ERRORS.notFound(ctx.params.appId, "AppInstance");
  };
}

type AppUser = { user: SimUser; groupId?: string };

/**
 * Who is assigned an app: direct assignments (scope USER) and members of assigned groups
 * (scope GROUP), once each, id-sorted. Deactivated (DEPROVISIONED) users lose their app
 * assignments in Okta, so they are not listed.
 */
export function appUsers(ctx: RouteContext, app: SimApp): AppUser[] {
  const out = new Map<string, AppUser>();
  for (const id of app.users) {
    const user = ctx.state.users.get(id);
    if (user && user.status !== "DEPROVISIONED") out.set(id, { user });
  }
  for (const groupId of app.groups) {
    for (const id of ctx.state.groups.get(groupId)?.members ?? []) {
      const user = ctx.state.users.get(id);
      if (user && user.status !== "DEPROVISIONED" && !out.has(id)) out.set(id, { user, groupId });
    }
  }
  return [...out.values()].sort((a, b) => (a.user.id < b.user.id ? -1 : 1));
}

function assignees(ctx: RouteContext): SimResponse {
  const ids = [...new Set(ctx.state.org.roles.map((r) => r.userId))].sort();
  const page = listPage(ctx, { key: "iam/assignees/users", items: ids, rule: LIMITS.roleAssignees, idOf: (id) => id, json: (id) => id });
  if (page.status !== 200 || !Array.isArray(page.body)) return page;
  const links = (page.headers?.link ?? []) as string[];
  const next = links.find((l) => l.includes('rel="next"'))?.match(/^<([^>]+)>/)?.[1];
  return {
    ...page,
    // This list is an object whose `_links.next` repeats the Link header (RoleAssignedUsers).
    body: {
      value: (page.body as string[]).map((id) => ({ id, orn: `orn:okta:directory:00o1gkd:users:${id}`, _links: { self: { href: `${ctx.origin}/api/v1/users/${id}` }, roles: { href: `${ctx.origin}/api/v1/users/${id}/roles` } } })),
      _links: next ? { next: { href: next } } : {},
    },
  };
}

export const ROUTES: Route[] = [
  ...DIRECTORY_ROUTES,
  {
    method: "GET",
    template: "/api/v1/apps",
    scope: "okta.apps.read",
    handler: (ctx) => listPage(ctx, { key: "apps", items: ctx.state.org.apps, rule: LIMITS.apps, idOf: (a) => a.id, json: (a) => appJson(ctx.origin, a) }),
  },
  {
    method: "GET",
    template: "/api/v1/apps/{appId}/users",
    scope: "okta.apps.read",
    handler: withApp((ctx, app) =>
      listPage(ctx, { key: `apps/${app.id}/users`, items: appUsers(ctx, app), rule: LIMITS.appUsers, idOf: (a) => a.user.id, json: (a) => appUserJson(ctx.origin, app, a.user, a) }),
    ),
  },
  {
    method: "GET",
    template: "/api/v1/apps/{appId}/groups",
    scope: "okta.apps.read",
    handler: withApp((ctx, app) => {
      const groups = app.groups.flatMap((id) => ctx.state.groups.get(id) ?? []);
      return listPage(ctx, { key: `apps/${app.id}/groups`, items: groups, rule: LIMITS.appGroups, idOf: (g) => g.id, json: (g) => appGroupJson(ctx.origin, app, g, groups.indexOf(g)) });
    }),
  },
  { method: "GET", template: "/api/v1/iam/assignees/users", scope: "okta.roles.read", handler: assignees },
  {
    method: "GET",
    template: "/api/v1/users/{userId}/roles",
    scope: "okta.roles.read",
    handler: (ctx) => {
      if (!ctx.state.users.has(ctx.params.userId)) return OKTA_ERRORS.notFound(ctx.params.userId, "User");
      const roles = ctx.state.org.roles.filter((r) => r.userId === ctx.params.userId);
      return { status: 200, body: roles.map((r) => roleJson(ctx.origin, r)), headers: { link: linkHeaders(ctx.origin, ctx.path, ctx.query, undefined) } };
    },
  },
];

const compiled = ROUTES.map((route) => ({ ...route, pattern: new RegExp(`^${route.template.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`) }));

export type RouteMatch = { route: Route; params: Record<string, string> } | { route: undefined; knownPath: boolean };

export function matchRoute(method: string, path: string): RouteMatch {
  let knownPath = false;
  for (const route of compiled) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    knownPath = true;
    if (route.method === method) {
      return { route, params: Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)])) };
    }
  }
  return { route: undefined, knownPath };
}
