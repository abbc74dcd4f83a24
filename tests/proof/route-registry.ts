// Every route handler of the app, with who may call it (see action-registry.ts).
import { NextRequest } from "next/server";
import { accountsExportPath, entitlementKey, entitlementsExportPath, holdersExportPath } from "@/lib/validation/applications";
import { ADMINS, OWNER_OR_ADMIN, params, request, RUNNER_ONLY, SIGNED_IN, SUPER_ADMIN_ONLY, type RouteEntry } from "./registry-support";
import { requestRoutes } from "./registry-requests";
import { reviewRoutes } from "./registry-reviews";
import { ALL_PRINCIPALS } from "./support/principals";

const ndjson = [
  { type: "resourceType", id: "user", displayName: "User", traits: ["user"] },
  { type: "resource", resourceTypeId: "user", id: "alice", displayName: "Alice", user: { email: "alice@example.com", status: "enabled" } },
]
  .map((r) => JSON.stringify(r))
  .join("\n");

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
  ...reviewRoutes,
  ...requestRoutes,
];

