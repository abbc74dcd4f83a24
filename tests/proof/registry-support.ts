// What the registries share: the entry types, the groups of principals, the request builders.
// The principals: anonymous, USER, the connector's owner (a USER owning every fixture
// connector), CONNECTOR_ADMIN, SUPER_ADMIN; for route handlers also "connectorToken", the
// self-hosted runner with its connector's credentials (and no session).
import type { Fixtures } from "./support/fixtures";
import { type Principal, type SessionPrincipal } from "./support/principals";

export const ADMINS = ["connectorAdmin", "superAdmin"] as const satisfies readonly SessionPrincipal[];
export const OWNER_OR_ADMIN = ["owner", ...ADMINS] as const satisfies readonly SessionPrincipal[];
export const SUPER_ADMIN_ONLY = ["superAdmin"] as const satisfies readonly SessionPrincipal[];
/** Whoever is signed in: the Applications pages and their exports. */
export const SIGNED_IN = ["user", "owner", ...ADMINS] as const satisfies readonly SessionPrincipal[];
export const NOBODY = [] as const satisfies readonly Principal[];
export const RUNNER_ONLY = ["connectorToken"] as const satisfies readonly Principal[];

export type ActionCase = {
  label: string;
  allowed: readonly SessionPrincipal[];
  input: (fx: Fixtures) => unknown;
  /** "empty": the call runs on a database without any user (first-run set-up). */
  seed?: "fixtures" | "empty";
  /** A public action's own refusal (it has no session to refuse on). */
  refusal?: string;
};

export type RouteCall = { principal: Principal; bearer: string | null; cookie: Record<string, string> };
export type RouteCase = {
  label: string;
  allowed: readonly Principal[];
  request: (fx: Fixtures, call: RouteCall) => Request;
  context?: (fx: Fixtures) => unknown;
};

export type ActionEntry = { kind: "action"; file: string; name: string; cases: ActionCase[] };
export type RouteEntry = { kind: "route"; file: string; name: string; cases: RouteCase[] };
export type RegistryEntry = ActionEntry | RouteEntry;

export const ORIGIN = "http://localhost:3000";

export const one = (allowed: readonly SessionPrincipal[], input: (fx: Fixtures) => unknown): ActionCase[] => [{ label: "", allowed, input }];
export const params = (value: Record<string, string | string[]>) => () => ({ params: Promise.resolve(value) });

export function request(pathname: string, call: RouteCall, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...call.cookie, ...init.headers };
  if (call.bearer) headers.authorization = `Bearer ${call.bearer}`;
  return new Request(`${ORIGIN}${pathname}`, { method: init.method ?? "GET", body: init.body, headers });
}

