// Every simulator answer (and every adapter request) checked against the in-repo subset of
// Okta's OpenAPI documents with ajv; and proof the check fails when a shape drifts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { okta } from "@/lib/connectors/okta";
import { collect, oauthConfig, testContext, TOKEN_CONFIG } from "@/lib/connectors/okta/test-helpers";
import { OKTA_DEMO_API_TOKEN } from "./auth";
import { createOktaSpecValidator, loadOktaSpec } from "./openapi";
import { appJson, groupJson, userJson } from "./serialize";
import { startSpecCheckedOktaSimulator, type SpecCheckedOktaSimulator } from "./spec-checked";
import { demoOktaOrg } from "./state";

const validator = createOktaSpecValidator();
const org = demoOktaOrg();
const SSWS = { authorization: `SSWS ${OKTA_DEMO_API_TOKEN}` };
const [user] = org.users;
const okGroup = org.groups.find((g) => g.type === "OKTA_GROUP")!;
const app = org.apps[0];
const ORIGIN = "https://gatekeeper-demo.okta.com";

describe("the subset", () => {
  it("holds the operations the connector uses, copied from Okta's documents", () => {
    const spec = loadOktaSpec() as unknown as { info: { "x-source": string }; paths: Record<string, object> };
    expect(spec.info["x-source"]).toMatch(/okta\/okta-management-openapi-spec dist\/current/);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(["/api/v1/users", "/api/v1/groups/{groupId}/users/{userId}", "/api/v1/apps/{appId}/groups", "/oauth2/v1/token"]));
  });
});

describe("every simulator answer", () => {
  let sim: SpecCheckedOktaSimulator;
  beforeAll(async () => {
    // Requests here are off-spec on purpose (bad tokens, limits out of range); answers must still be exact.
    sim = await startSpecCheckedOktaSimulator({ checkRequests: false });
  });
  afterAll(() => sim.close());

  const call = (method: string, path: string, headers: Record<string, string> = SSWS) => fetch(`${sim.url}${path}`, { method, headers });

  it.each([
    ["GET", "/api/v1/users", SSWS, 200],
    ["GET", "/api/v1/users?limit=3", SSWS, 200],
    ["GET", '/api/v1/users?filter=status%20eq%20"DEPROVISIONED"', SSWS, 200],
    ["GET", '/api/v1/users?search=profile.department%20eq%20"Engineering"', SSWS, 200],
    ["GET", "/api/v1/users?filter=nonsense", SSWS, 400],
    ["GET", "/api/v1/users?after=forged", SSWS, 400],
    ["GET", `/api/v1/users/${user.id}/groups`, SSWS, 200],
    ["GET", `/api/v1/users/${user.id}/roles`, SSWS, 200],
    ["GET", "/api/v1/users/00unope/roles", SSWS, 404],
    ["GET", "/api/v1/iam/assignees/users?limit=2", SSWS, 200],
    ["GET", "/api/v1/groups?limit=3", SSWS, 200],
    ["GET", `/api/v1/groups/${okGroup.id}`, SSWS, 200],
    ["GET", "/api/v1/groups/00gnope", SSWS, 404],
    ["GET", `/api/v1/groups/${okGroup.id}/users?limit=2`, SSWS, 200],
    ["PUT", `/api/v1/groups/${okGroup.id}/users/${user.id}`, SSWS, 204],
    ["DELETE", `/api/v1/groups/${okGroup.id}/users/${user.id}`, SSWS, 204],
    ["PUT", `/api/v1/groups/${org.groups[0].id}/users/${user.id}`, SSWS, 403],
    ["GET", "/api/v1/apps", SSWS, 200],
    ["GET", `/api/v1/apps/${app.id}/users?limit=2`, SSWS, 200],
    ["GET", `/api/v1/apps/${app.id}/groups`, SSWS, 200],
    ["GET", "/api/v1/apps/0oanope/users", SSWS, 404],
    ["GET", "/api/v1/users", { authorization: "SSWS wrong" }, 401],
    ["GET", "/api/v1/users", { authorization: "Bearer not-issued" }, 401],
    ["GET", "/api/v1/users", {}, 401],
    ["GET", "/api/v1/nowhere", SSWS, 404],
  ] as const)("%s %s (%o) → %i", async (method, path, headers, status) => {
    const before = sim.violations.length;
    const response = await call(method, path, headers);
    expect(response.status).toBe(status);
    if (status !== 204) expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    await response.text();
    expect(sim.violations.slice(before)).toEqual([]);
  });

  it.each([
    [{ kind: "rate-limit" as const, resetSeconds: 5 }, 429],
    [{ kind: "server-error" as const }, 500],
    [{ kind: "bad-token" as const }, 401],
    [{ kind: "forbidden" as const }, 403],
    [{ kind: "vanish" as const }, 404],
  ])("fault %j → %i, still in Okta's Error shape with rate-limit headers", async (fault, status) => {
    sim.reset(); // the rate-limit fault empties the bucket for the others
    sim.inject({ ...fault, times: 1 });
    const before = sim.violations.length;
    const response = await call("GET", "/api/v1/groups");
    expect(response.status).toBe(status);
    expect(response.headers.get("x-rate-limit-reset")).toMatch(/^\d+$/);
    expect(sim.violations.slice(before)).toEqual([]);
  });

  it("answers the token endpoint in OAuthError shape when the client assertion is missing", async () => {
    const before = sim.violations.length;
    const response = await fetch(`${sim.url}/oauth2/v1/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials&scope=okta.users.read" });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
    expect(sim.violations.slice(before)).toEqual([]);
  });
});

describe("drift is caught", () => {
  const users = [userJson(ORIGIN, user)];
  const response = (path: string, body: unknown) => ({ method: "GET", path, status: 200, responseBody: body, responseHeaders: { "x-rate-limit-limit": "600", "x-rate-limit-remaining": "599", "x-rate-limit-reset": "1780000000", link: `<${ORIGIN}${path}>; rel="self"` } });

  it.each([
    ["a status outside UserStatus", [{ ...users[0], status: "DISABLED" }]],
    ["lastLogin as a number", [{ ...users[0], lastLogin: 1717000000 }]],
    ["a login shorter than 5 characters", [{ ...users[0], profile: { ...users[0].profile, login: "a@b" } }]],
    ["department as null (the schema says string)", [{ ...users[0], profile: { ...users[0].profile, department: null } }]],
    ["an object instead of the array", { users }],
  ])("in List Users: %s", (_, body) => {
    expect(validator.validateResponse(response("/api/v1/users", users))).toEqual([]);
    expect(validator.validateResponse(response("/api/v1/users", body))).not.toEqual([]);
  });

  it.each([
    ["an app without a label", (a: Record<string, unknown>) => ({ ...a, label: undefined })],
    ["an unknown signOnMode", (a: Record<string, unknown>) => ({ ...a, signOnMode: "MAGIC_LINK" })],
    ["a BOOKMARK app without its URL", () => ({ ...appJson(ORIGIN, org.apps.find((x) => x.signOnMode === "BOOKMARK")!), settings: { app: {} } })],
    ["a logo link without href", (a: Record<string, unknown>) => ({ ...a, _links: { logo: [{ name: "medium" }] } })],
  ])("in List Apps: %s", (_, change) => {
    const good = appJson(ORIGIN, app) as unknown as Record<string, unknown>;
    expect(validator.validateResponse(response("/api/v1/apps", [good]))).toEqual([]);
    expect(validator.validateResponse(response("/api/v1/apps", [JSON.parse(JSON.stringify(change(good)))]))).not.toEqual([]);
  });

  it.each([
    ["a group type outside GroupType", { ...groupJson(ORIGIN, okGroup), type: "DYNAMIC" }],
    ["objectClass as a string", { ...groupJson(ORIGIN, okGroup), objectClass: "okta:user_group" }],
  ])("in List Groups: %s", (_, group) => {
    expect(validator.validateResponse(response("/api/v1/groups", [groupJson(ORIGIN, okGroup)]))).toEqual([]);
    expect(validator.validateResponse(response("/api/v1/groups", [group]))).not.toEqual([]);
  });

  it.each([
    ["an error code that is a number", { status: 403, responseBody: { errorCode: 6, errorSummary: "x" } }],
    ["a token answer with expires_in as text", { path: "/oauth2/v1/token", method: "POST", status: 200, responseBody: { token_type: "Bearer", expires_in: "3600", access_token: "t", scope: "" } }],
    ["a token type outside the enum", { path: "/oauth2/v1/token", method: "POST", status: 200, responseBody: { token_type: "MAC", expires_in: 3600, access_token: "t" } }],
    ["a collection without Link rel=self", { responseHeaders: { "x-rate-limit-limit": "1", "x-rate-limit-remaining": "1", "x-rate-limit-reset": "1" } }],
    ["an answer without rate-limit headers", { responseHeaders: { link: `<${ORIGIN}/api/v1/users>; rel="self"` } }],
  ])("in an answer: %s", (_, change) => {
    expect(validator.validateResponse({ ...response("/api/v1/users", users), ...change })).not.toEqual([]);
  });

  const request = (over: Record<string, unknown>) => ({ method: "GET", path: "/api/v1/apps", query: {}, headers: SSWS, requestBody: undefined, ...over });
  it.each([
    ["apps limit above 200", request({ query: { limit: "201" } })],
    ["app groups limit below 20", request({ path: `/api/v1/apps/${app.id}/groups`, query: { limit: "5" } })],
    ["an undeclared query parameter", request({ query: { page: "2" } })],
    ["no credentials", request({ headers: {} })],
    ["a Basic credential", request({ headers: { authorization: "Basic dXNlcjpwYXNz" } })],
    ["a body on PUT membership", request({ method: "PUT", path: `/api/v1/groups/${okGroup.id}/users/${user.id}`, requestBody: { userId: user.id } })],
    ["an operation the subset lacks", request({ method: "POST", path: "/api/v1/users" })],
    ["a token request without client_assertion", { method: "POST", path: "/oauth2/v1/token", query: {}, headers: { "content-type": "application/x-www-form-urlencoded" }, requestBody: { grant_type: "client_credentials", scope: "okta.users.read", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" } }],
    ["client credentials without scope", { method: "POST", path: "/oauth2/v1/token", query: {}, headers: { "content-type": "application/x-www-form-urlencoded" }, requestBody: { grant_type: "client_credentials", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: "a.b.c" } }],
    ["a token request sent as JSON", { method: "POST", path: "/oauth2/v1/token", query: {}, headers: { "content-type": "application/json" }, requestBody: { grant_type: "client_credentials", scope: "x", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: "a.b.c" } }],
  ])("in a request: %s", (_, r) => {
    expect(validator.validateRequest(r)).not.toEqual([]);
  });
});

describe("every request the adapter sends", () => {
  it("is in the subset, for check, sync, grant and revoke with both methods", async () => {
    const sim = await startSpecCheckedOktaSimulator();
    try {
      const ctx = testContext(sim.url);
      const request = { entitlementId: `group:${okGroup.id}:member`, principalId: org.users[2].id };
      for (const config of [TOKEN_CONFIG, oauthConfig({ provisioning: true })]) {
        await okta.check(config, ctx);
        await collect(okta.sync(config, ctx));
        await okta.grant(config, request, ctx);
        await okta.revoke(config, request, ctx);
      }
      const operations = new Set(sim.exchanges.map((e) => `${e.method} ${e.template}`));
      expect([...operations].sort()).toEqual([
        "DELETE /api/v1/groups/{groupId}/users/{userId}",
        "GET /api/v1/apps",
        "GET /api/v1/apps/{appId}/groups",
        "GET /api/v1/apps/{appId}/users",
        "GET /api/v1/groups",
        "GET /api/v1/groups/{groupId}",
        "GET /api/v1/groups/{groupId}/users",
        "GET /api/v1/iam/assignees/users",
        "GET /api/v1/users",
        "GET /api/v1/users/{id}/groups",
        "GET /api/v1/users/{userId}/roles",
        "POST /oauth2/v1/token",
        "PUT /api/v1/groups/{groupId}/users/{userId}",
      ]);
      expect(sim.violations).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
