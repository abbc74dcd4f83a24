// Every server action and route handler of the app, with who may call it. The authorization
// matrix calls each entry as every principal and checks the server's answer against `allowed`;
// every principal not listed must be refused. authorization.test.ts fails when an export in
// app/ is missing here, or an entry here no longer exists in app/.
//
// The principals: anonymous, USER, the connector's owner (a USER owning every fixture
// connector), CONNECTOR_ADMIN, SUPER_ADMIN; for route handlers also "connectorToken", the
// self-hosted runner with its connector's credentials (and no session).
import { NextRequest } from "next/server";
import { accountsExportPath, entitlementKey, entitlementsExportPath, holdersExportPath } from "@/lib/validation/applications";
import type { Fixtures } from "./support/fixtures";
import { ALL_PRINCIPALS, SESSION_PRINCIPALS, type Principal, type SessionPrincipal } from "./support/principals";

const ADMINS = ["connectorAdmin", "superAdmin"] as const satisfies readonly SessionPrincipal[];
const OWNER_OR_ADMIN = ["owner", ...ADMINS] as const satisfies readonly SessionPrincipal[];
const SUPER_ADMIN_ONLY = ["superAdmin"] as const satisfies readonly SessionPrincipal[];
/** Whoever is signed in: the Applications pages and their exports. */
const SIGNED_IN = ["user", "owner", ...ADMINS] as const satisfies readonly SessionPrincipal[];
const NOBODY = [] as const satisfies readonly Principal[];
const RUNNER_ONLY = ["connectorToken"] as const satisfies readonly Principal[];

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

const ORIGIN = "http://localhost:3000";

const USERS_ACTIONS = "app/(console)/admin/users/actions.ts";
const NEW_CONNECTOR_ACTIONS = "app/(console)/admin/connectors/new/actions.ts";
const CONNECTOR_ACTIONS = "app/(console)/admin/connectors/[id]/actions.ts";
const SETTINGS_ACTIONS = "app/(console)/admin/connectors/[id]/settings-actions.ts";
const SELF_HOSTED_ACTIONS = "app/(console)/admin/connectors/[id]/self-hosted-actions.ts";
const PROVISIONING_ACTIONS = "app/(console)/applications/[appId]/provisioning-actions.ts";
const ACCOUNT_ACTIONS = "app/(console)/applications/[appId]/account-actions.ts";
const PERSON_ACTIONS = "app/(console)/applications/[appId]/accounts/[connectorId]/[accountKey]/person-actions.ts";
const SSO_ACTIONS = "app/(console)/admin/settings/sso/actions.ts";
/** Nothing listens there: an allowed caller gets the issuer field error, never a refusal. */
const CLOSED_ISSUER = "http://127.0.0.1:2";

let invites = 0;
const one = (allowed: readonly SessionPrincipal[], input: (fx: Fixtures) => unknown): ActionCase[] => [{ label: "", allowed, input }];
const params = (value: Record<string, string | string[]>) => () => ({ params: Promise.resolve(value) });

function request(pathname: string, call: RouteCall, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...call.cookie, ...init.headers };
  if (call.bearer) headers.authorization = `Bearer ${call.bearer}`;
  return new Request(`${ORIGIN}${pathname}`, { method: init.method ?? "GET", body: init.body, headers });
}

const ndjson = [
  { type: "resourceType", id: "user", displayName: "User", traits: ["user"] },
  { type: "resource", resourceTypeId: "user", id: "alice", displayName: "Alice", user: { email: "alice@example.com", status: "enabled" } },
]
  .map((r) => JSON.stringify(r))
  .join("\n");

export const actionRegistry: ActionEntry[] = [
  // --- Public: no session; each guards itself.
  {
    kind: "action",
    file: "app/(auth)/setup/actions.ts",
    name: "createFirstAdminAction",
    cases: [
      {
        label: "once a user exists",
        allowed: NOBODY,
        refusal: "This console is already set up. Sign in instead.",
        input: () => ({ name: "Late comer", email: "late@proof.test", password: "a-long-enough-password", confirmPassword: "a-long-enough-password" }),
      },
      {
        label: "on a database without users",
        allowed: SESSION_PRINCIPALS,
        seed: "empty",
        input: () => ({ name: "First admin", email: "first@proof.test", password: "a-long-enough-password", confirmPassword: "a-long-enough-password" }),
      },
    ],
  },
  {
    kind: "action",
    file: "app/(auth)/set-password/[token]/actions.ts",
    name: "setPasswordAction",
    cases: [
      {
        label: "without a valid token",
        allowed: NOBODY,
        refusal: "This link has expired or was already used. Ask an administrator for a new one.",
        input: () => ({ token: "not-the-token-0123456789", password: "a-long-enough-password", confirmPassword: "a-long-enough-password" }),
      },
      {
        label: "with the invitation's token",
        allowed: SESSION_PRINCIPALS,
        input: (fx) => ({ token: fx.setPasswordToken, password: "a-long-enough-password", confirmPassword: "a-long-enough-password" }),
      },
    ],
  },
  // --- Users: Super Administrators only.
  { kind: "action", file: USERS_ACTIONS, name: "addUserAction", cases: one(SUPER_ADMIN_ONLY, () => ({ name: "New person", email: "new@proof.test", role: "USER" })) },
  { kind: "action", file: USERS_ACTIONS, name: "changeRoleAction", cases: one(SUPER_ADMIN_ONLY, (fx) => ({ userId: fx.users.target.id, role: "CONNECTOR_ADMIN" })) },
  { kind: "action", file: USERS_ACTIONS, name: "setUserDisabledAction", cases: one(SUPER_ADMIN_ONLY, (fx) => ({ userId: fx.users.target.id, disabled: true })) },
  // --- Single sign-on settings: Super Administrators only.
  { kind: "action", file: SSO_ACTIONS, name: "testSsoDiscoveryAction", cases: one(SUPER_ADMIN_ONLY, () => ({ issuer: CLOSED_ISSUER })) },
  {
    kind: "action",
    file: SSO_ACTIONS,
    name: "saveSsoSettingsAction",
    cases: one(SUPER_ADMIN_ONLY, (fx) => ({ displayName: "Corp ID", issuer: CLOSED_ISSUER, clientId: "gatekeeper", clientSecret: "proof-client-secret", allowSignUp: true, defaultRole: "USER", groupsClaim: "groups", groupRoles: [{ group: "admins", role: "SUPER_ADMIN" }], requireSso: true, breakGlassUserIds: [fx.users.superAdmin.id] })),
  },
  // Nothing is set up in the fixtures: an allowed caller is told so (not a refusal).
  { kind: "action", file: SSO_ACTIONS, name: "removeSsoSettingsAction", cases: one(SUPER_ADMIN_ONLY, () => ({ confirm: true })) },
  // --- Connectors: adding one, and the administrator-only controls. An owner is not enough.
  {
    kind: "action",
    file: NEW_CONNECTOR_ACTIONS,
    name: "createConnectorAction",
    cases: one(ADMINS, (fx) => ({ catalogId: "cloudflare", appChoice: "new", unmanagedAppId: "", managedAppId: "", newAppName: "Proof app", newAppDescription: "", ownerIds: [fx.users.owner.id] })),
  },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "renameConnectorAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, displayName: "Renamed" })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "setSyncIntervalAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, syncIntervalMinutes: 120 })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "setFailureAlertThresholdAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, threshold: 5 })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "syncNowAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "setProvisioningAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, enabled: false })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "setConnectorDisabledAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, disabled: true })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "deleteConnectorAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "setMatchAttributeAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, attribute: "username" })) },
  // --- People: linking accounts by hand is for administrators (the directory holds everyone's access).
  { kind: "action", file: PERSON_ACTIONS, name: "linkAccountAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.baton, resourceTypeId: "user", externalId: "alice", personId: null })) },
  { kind: "action", file: PERSON_ACTIONS, name: "resetAccountLinkAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.baton, resourceTypeId: "user", externalId: "alice" })) },
  { kind: "action", file: PERSON_ACTIONS, name: "searchPeopleAction", cases: one(ADMINS, () => ({ q: "ali" })) },
  // --- What a connector's owners may do as well as administrators.
  {
    kind: "action",
    file: SETTINGS_ACTIONS,
    name: "saveSettingsAction",
    cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.temporal, values: { apiKey: "tc-demo-key", defaultAccountRole: "read", apiVersion: "2024-10-01-00" } })),
  },
  { kind: "action", file: SETTINGS_ACTIONS, name: "setConnectorOwnersAction", cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.cloudflare, ownerIds: [fx.users.owner.id, fx.users.target.id] })) },
  { kind: "action", file: SELF_HOSTED_ACTIONS, name: "rotateCredentialsAction", cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.baton })) },
  {
    kind: "action",
    file: PROVISIONING_ACTIONS,
    name: "grantEntitlementAction",
    cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.baton, entitlementId: "role:admin:member", principalTypeId: "user", principalId: "alice" })),
  },
  {
    kind: "action",
    file: PROVISIONING_ACTIONS,
    name: "revokeEntitlementAction",
    cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.cloudflare, entitlementId: "role:admin:member", principalTypeId: "user", principalId: "alice" })),
  },
  // Invite really invites (the fixture Temporal connector points at the simulator): a new address each call.
  { kind: "action", file: ACCOUNT_ACTIONS, name: "inviteAccountAction", cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.temporal, email: `invited-${(invites += 1)}-${Date.now()}@proof.test`, role: "read" })) },
  { kind: "action", file: ACCOUNT_ACTIONS, name: "removeAccountAction", cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.temporal, resourceTypeId: "user", externalId: "4f9c7051d26e8cafc0b15e6f708192a3" })) },
  { kind: "action", file: PROVISIONING_ACTIONS, name: "searchGrantCandidatesAction", cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.cloudflare, entitlementId: "role:admin:member", q: "ali" })) },
];

export const routeRegistry: RouteEntry[] = [
  // Public on purpose: liveness, and next-auth's own endpoints (sign-in is how a session starts).
  { kind: "route", file: "app/api/health/route.ts", name: "GET", cases: [{ label: "", allowed: ALL_PRINCIPALS, request: (_fx, call) => request("/api/health", call) }] },
  {
    kind: "route",
    file: "app/api/auth/[...nextauth]/route.ts",
    name: "GET",
    cases: [
      {
        label: "session",
        allowed: ALL_PRINCIPALS,
        request: (_fx, call) => new NextRequest(request("/api/auth/session", call)),
        context: params({ nextauth: ["session"] }),
      },
    ],
  },
  {
    kind: "route",
    file: "app/api/auth/[...nextauth]/route.ts",
    name: "POST",
    cases: [
      {
        // Without next-auth's CSRF token it answers with a redirect back to sign-in.
        label: "credentials callback",
        allowed: ALL_PRINCIPALS,
        request: (fx, call) =>
          new NextRequest(
            request("/api/auth/callback/credentials", call, {
              method: "POST",
              body: new URLSearchParams({ email: fx.users.superAdmin.email, password: "not-the-password" }).toString(),
              headers: { "content-type": "application/x-www-form-urlencoded" },
            }),
          ),
        context: params({ nextauth: ["callback", "credentials"] }),
      },
    ],
  },
  // Session routes.
  { kind: "route", file: "app/api/people/orphaned-access/route.ts", name: "GET", cases: [{ label: "", allowed: ADMINS, request: (_fx, call) => request("/api/people/orphaned-access", call) }] },
  { kind: "route", file: "app/api/audit-log/export/route.ts", name: "GET", cases: [{ label: "", allowed: SUPER_ADMIN_ONLY, request: (_fx, call) => request("/api/audit-log/export", call) }] },
  // The Applications exports: whoever may open the app's pages (an app without a snapshot
  // exports an empty file; an entitlement it lacks is 404, which is not a refusal).
  {
    kind: "route",
    file: "app/api/applications/[appId]/export/accounts/route.ts",
    name: "GET",
    cases: [{ label: "", allowed: SIGNED_IN, request: (fx, call) => request(accountsExportPath(fx.apps.managed, { q: "a", sort: "email", dir: "desc" }), call), context: (fx) => params({ appId: fx.apps.managed })() }],
  },
  {
    kind: "route",
    file: "app/api/applications/[appId]/export/entitlements/route.ts",
    name: "GET",
    cases: [{ label: "", allowed: SIGNED_IN, request: (fx, call) => request(entitlementsExportPath(fx.apps.managed, { sort: "grants", dir: "desc" }), call), context: (fx) => params({ appId: fx.apps.managed })() }],
  },
  {
    kind: "route",
    file: "app/api/applications/[appId]/export/holders/[connectorId]/[entitlementKey]/route.ts",
    name: "GET",
    cases: [
      {
        label: "",
        allowed: SIGNED_IN,
        request: (fx, call) => request(holdersExportPath(fx.apps.managed, fx.connectors.cloudflare, "role:admin:member", {}), call),
        context: (fx) => params({ appId: fx.apps.managed, connectorId: fx.connectors.cloudflare, entitlementKey: entitlementKey("role:admin:member") })(),
      },
    ],
  },
  {
    kind: "route",
    file: "app/api/connectors/[id]/status/route.ts",
    name: "GET",
    cases: [{ label: "", allowed: OWNER_OR_ADMIN, request: (fx, call) => request(`/api/connectors/${fx.connectors.cloudflare}/status`, call), context: (fx) => params({ id: fx.connectors.cloudflare })() }],
  },
  {
    kind: "route",
    file: "app/api/connectors-self-hosted/[id]/c1z/route.ts",
    name: "POST",
    cases: [
      {
        label: "",
        allowed: OWNER_OR_ADMIN,
        // Not a real .c1z: an allowed caller gets the file refused (4xx), never 401/403.
        request: (fx, call) => request(`/api/connectors-self-hosted/${fx.connectors.baton}/c1z`, call, { method: "POST", body: "not a c1z file", headers: { "content-type": "application/octet-stream" } }),
        context: (fx) => params({ id: fx.connectors.baton })(),
      },
    ],
  },
  // The ingest API: the runner's bearer token, never a session.
  {
    kind: "route",
    file: "app/api/v1/token/route.ts",
    name: "POST",
    cases: [
      {
        // The runner sends its client secret; a session holder does not know it (a wrong one here).
        label: "",
        allowed: RUNNER_ONLY,
        request: (fx, call) =>
          request("/api/v1/token", { ...call, bearer: null }, {
            method: "POST",
            body: JSON.stringify({ client_id: fx.baton.clientId, client_secret: call.principal === "connectorToken" ? fx.baton.clientSecret : "bcs_not-the-secret" }),
            headers: { "content-type": "application/json" },
          }),
      },
    ],
  },
  {
    kind: "route",
    file: "app/api/v1/heartbeat/route.ts",
    name: "POST",
    cases: [{ label: "", allowed: RUNNER_ONLY, request: (_fx, call) => request("/api/v1/heartbeat", call, { method: "POST", body: JSON.stringify({ runnerVersion: "proof 1.0" }), headers: { "content-type": "application/json" } }) }],
  },
  {
    kind: "route",
    file: "app/api/v1/uploads/route.ts",
    name: "POST",
    cases: [{ label: "", allowed: RUNNER_ONLY, request: (_fx, call) => request("/api/v1/uploads", call, { method: "POST", body: ndjson, headers: { "content-type": "application/x-ndjson" } }) }],
  },
  {
    kind: "route",
    file: "app/api/v1/uploads/c1z/route.ts",
    name: "POST",
    cases: [{ label: "", allowed: RUNNER_ONLY, request: (_fx, call) => request("/api/v1/uploads/c1z", call, { method: "POST", body: "not a c1z file", headers: { "content-type": "application/octet-stream" } }) }],
  },
  { kind: "route", file: "app/api/v1/tasks/route.ts", name: "GET", cases: [{ label: "", allowed: RUNNER_ONLY, request: (_fx, call) => request("/api/v1/tasks", call) }] },
  {
    kind: "route",
    file: "app/api/v1/tasks/[id]/result/route.ts",
    name: "POST",
    cases: [
      {
        label: "",
        allowed: RUNNER_ONLY,
        request: (_fx, call) => request("/api/v1/tasks/task-unknown/result", call, { method: "POST", body: JSON.stringify({ status: "succeeded" }), headers: { "content-type": "application/json" } }),
        context: params({ id: "task-unknown" }),
      },
    ],
  },
];

export const registry: RegistryEntry[] = [...actionRegistry, ...routeRegistry];
