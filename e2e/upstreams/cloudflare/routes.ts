// The endpoints the adapter calls, shaped as the OpenAPI subset says (paths are its templates).
import { CF_ERRORS, fail, noRoute, ok, okPage, type SimResponse } from "./envelope";
import { findRole, memberJson, type CloudflareSimState, type SimMember } from "./state";

export type RouteRequest = { params: Record<string, string>; query: URLSearchParams; body: unknown; rawBody: string };
type Handler = (state: CloudflareSimState, request: RouteRequest) => SimResponse;
type Route = { method: string; template: string; handler: Handler };

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number | SimResponse {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    return fail(400, [{ code: CF_ERRORS.invalidParameter.code, message: `${name} must be an integer from ${min} to ${max}` }]);
  }
  return value;
}

/** page (≥ 1) and per_page (5 to 50, default 20) as the spec's List Members declares them. */
function paged(query: URLSearchParams, items: unknown[]): SimResponse {
  const page = intParam(query, "page", 1, 1, Number.MAX_SAFE_INTEGER);
  if (typeof page !== "number") return page;
  const perPage = intParam(query, "per_page", 20, 5, 50);
  if (typeof perPage !== "number") return perPage;
  const start = (page - 1) * perPage;
  return okPage(items.slice(start, start + perPage), page, perPage, items.length);
}

const SORT_KEYS: Record<string, (m: SimMember) => string> = {
  "user.first_name": (m) => m.user.first_name ?? "",
  "user.last_name": (m) => m.user.last_name ?? "",
  "user.email": (m) => m.user.email,
  status: (m) => m.status,
};

function listMembers(state: CloudflareSimState, { query }: RouteRequest): SimResponse {
  const status = query.get("status");
  if (status !== null && !["accepted", "pending", "rejected"].includes(status)) {
    return fail(400, [{ code: CF_ERRORS.invalidParameter.code, message: "status must be accepted, pending or rejected" }]);
  }
  let members = status === null ? state.members : state.members.filter((m) => m.status === status);
  const order = query.get("order");
  if (order !== null) {
    const key = SORT_KEYS[order];
    if (!key) return fail(400, [{ code: CF_ERRORS.invalidParameter.code, message: `order cannot be ${order}` }]);
    const sign = query.get("direction") === "desc" ? -1 : 1;
    members = [...members].sort((a, b) => sign * key(a).localeCompare(key(b)));
  }
  return paged(query, members.map((m) => memberJson(state, m)));
}

function getMember(state: CloudflareSimState, { params }: RouteRequest): SimResponse {
  const member = state.members.find((m) => m.id === params.member_id);
  return member ? ok(memberJson(state, member)) : fail(404, [CF_ERRORS.memberNotFound]);
}

/** Update Member with Account Roles: `roles` replaces the member's roles; only ids are read. */
function updateMember(state: CloudflareSimState, { params, body, rawBody }: RouteRequest): SimResponse {
  if (body === undefined) return fail(400, [rawBody.trim() ? CF_ERRORS.malformedJson : { code: CF_ERRORS.invalidParameter.code, message: "A request body is required" }]);
  const member = state.members.find((m) => m.id === params.member_id);
  if (!member) return fail(404, [CF_ERRORS.memberNotFound]);
  const roles = typeof body === "object" && body !== null && "roles" in body ? (body as { roles: unknown }).roles : undefined;
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === "object" && r !== null && typeof (r as { id?: unknown }).id === "string")) {
    return fail(400, [{ code: CF_ERRORS.invalidParameter.code, message: "roles must be an array of objects with an id" }]);
  }
  const ids = [...new Set(roles.map((r: { id: string }) => r.id))];
  const unknown = ids.find((id) => !findRole(state, id));
  if (unknown) return fail(404, [{ code: CF_ERRORS.roleNotFound.code, message: `Role ${unknown} not found` }]);
  if (ids.length === 0) return fail(400, [CF_ERRORS.noRoles]);
  member.roleIds = ids;
  return ok(memberJson(state, member));
}

function getRole(state: CloudflareSimState, { params }: RouteRequest): SimResponse {
  const role = findRole(state, params.role_id);
  return role ? ok(role) : fail(404, [CF_ERRORS.roleNotFound]);
}

const routes: Route[] = [
  {
    method: "GET",
    template: "/user/tokens/verify",
    handler: (state) => {
      const { tokenId, tokenStatus, tokenExpiresOn } = state.credentials;
      return ok({ id: tokenId, status: tokenStatus, not_before: "2024-01-01T00:00:00Z", ...(tokenExpiresOn ? { expires_on: tokenExpiresOn } : {}) });
    },
  },
  {
    method: "GET",
    template: "/accounts/{account_id}",
    handler: (state) => ok({ id: state.account.id, name: state.account.name, settings: { enforce_twofactor: false }, created_on: "2024-01-01T00:00:00Z" }),
  },
  { method: "GET", template: "/accounts/{account_id}/members", handler: listMembers },
  { method: "GET", template: "/accounts/{account_id}/members/{member_id}", handler: getMember },
  { method: "PUT", template: "/accounts/{account_id}/members/{member_id}", handler: updateMember },
  { method: "GET", template: "/accounts/{account_id}/roles", handler: (state, request) => paged(request.query, state.roles) },
  { method: "GET", template: "/accounts/{account_id}/roles/{role_id}", handler: getRole },
];

const compiled = routes.map((route) => ({
  ...route,
  pattern: new RegExp(`^${route.template.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`),
}));

export type RouteMatch = { template: string; params: Record<string, string>; handler: Handler };

export function matchRoute(method: string, path: string): RouteMatch | undefined {
  for (const route of compiled) {
    const match = route.pattern.exec(path);
    if (match && route.method === method) {
      const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      return { template: route.template, params, handler: route.handler };
    }
  }
  return undefined;
}

/** An account id that is not this account's: foreign ones are refused, malformed ones unroutable. */
export function accountMismatch(state: CloudflareSimState, accountId: string | undefined, path: string): SimResponse | undefined {
  if (accountId === undefined || accountId === state.account.id) return undefined;
  return /^[0-9a-f]{32}$/.test(accountId) ? fail(403, [CF_ERRORS.unauthorizedResource]) : noRoute(`/client/v4${path}`);
}
