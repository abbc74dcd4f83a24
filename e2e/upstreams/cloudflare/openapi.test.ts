// Every simulator answer (and every adapter request) checked against the official OpenAPI
// subset with ajv; and proof the check fails when a shape drifts from the spec.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudflare } from "@/lib/connectors/cloudflare";
import { collect, KEY_CONFIG, testContext, TOKEN_CONFIG } from "@/lib/connectors/cloudflare/test-helpers";
import { createCloudflareSpecValidator, loadCloudflareSpec } from "./openapi";
import { startSpecCheckedSimulator, type SpecCheckedSimulator } from "./spec-checked";
import { DEMO_CREDENTIALS, loadCloudflareFixture } from "./state";

// sha256 of the subset as it was cut from cloudflare/api-schemas (tests/fixtures/README.md):
// an edit of the copy must be a deliberate re-cut, not a drive-by change to make a test pass.
const SPEC_SHA256 = "1799165f28c467a1e6fbf0d31b3925925b46b13cc01c2034b4c0e70c3ac5d556";
const validator = createCloudflareSpecValidator();
const fixture = loadCloudflareFixture();
const memberId = fixture.members[1].id;
const roleId = fixture.roles[0].id;
const TOKEN = { authorization: `Bearer ${DEMO_CREDENTIALS.apiToken}` };
const KEY = { "x-auth-email": DEMO_CREDENTIALS.email, "x-auth-key": DEMO_CREDENTIALS.apiKey };
const A = "/accounts/cf-demo-account";

describe("the spec copy", () => {
  it("is the subset as it was cut, byte for byte", () => {
    const copy = readFileSync(new URL("./openapi-subset.json", import.meta.url));
    expect(createHash("sha256").update(copy).digest("hex")).toBe(SPEC_SHA256);
  });

  it("has 4XX schemas no body can satisfy as written (why failures are judged by their failure half)", () => {
    const spec = loadCloudflareSpec();
    const ajv = new Ajv({ strict: false });
    ajv.addSchema({ $id: "spec", components: spec.components });
    const schema = JSON.parse(JSON.stringify(spec.paths["/accounts/{account_id}"].get.responses["4XX"].content?.["application/json"].schema).replaceAll('"#/', '"spec#/'));
    const realFailure = { success: false, errors: [{ code: 9109, message: "Unauthorized to access requested resource" }], messages: [], result: null };
    expect(ajv.validate(schema, realFailure)).toBe(false);
    expect(validator.validateResponse({ method: "GET", path: A, status: 403, responseBody: realFailure })).toEqual([]);
  });
});

describe("every simulator response", () => {
  let sim: SpecCheckedSimulator;
  beforeAll(async () => {
    // Requests here are off-spec on purpose (bad headers); responses must still be exact.
    sim = await startSpecCheckedSimulator({ checkRequests: false });
  });
  afterAll(() => sim.close());

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${sim.url}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });

  it.each([
    ["GET", "/user/tokens/verify", TOKEN, undefined, 200],
    ["GET", A, TOKEN, undefined, 200],
    ["GET", A, KEY, undefined, 200],
    ["GET", `${A}/members?page=1&per_page=5`, KEY, undefined, 200],
    ["GET", `${A}/members?page=9&per_page=50`, TOKEN, undefined, 200],
    ["GET", `${A}/members?status=pending&order=user.email&direction=desc`, TOKEN, undefined, 200],
    ["GET", `${A}/members/${memberId}`, TOKEN, undefined, 200],
    ["PUT", `${A}/members/${memberId}`, TOKEN, { roles: [{ id: roleId }] }, 200],
    ["GET", `${A}/roles`, TOKEN, undefined, 200],
    ["GET", `${A}/roles/${roleId}`, KEY, undefined, 200],
    ["GET", "/user/tokens/verify", { authorization: "Bearer wrong" }, undefined, 401],
    ["GET", "/user/tokens/verify", KEY, undefined, 400],
    ["GET", A, { authorization: "Token abc" }, undefined, 400],
    ["GET", A, { authorization: "Bearer wrong" }, undefined, 403],
    ["GET", A, {}, undefined, 400],
    ["GET", A, { ...KEY, "x-auth-email": "not-an-email" }, undefined, 400],
    ["GET", A, { ...KEY, "x-auth-key": "has space" }, undefined, 400],
    ["GET", A, { ...KEY, "x-auth-key": "wrong" }, undefined, 403],
    ["GET", "/accounts/0123456789abcdef0123456789abcdef", TOKEN, undefined, 403],
    ["GET", "/accounts/elsewhere/members", TOKEN, undefined, 404],
    ["GET", `${A}/members?per_page=51`, TOKEN, undefined, 400],
    ["GET", `${A}/members?page=0`, TOKEN, undefined, 400],
    ["GET", `${A}/members/ffffffffffffffffffffffffffffffff`, TOKEN, undefined, 404],
    ["PUT", `${A}/members/${memberId}`, TOKEN, { roles: [{ id: "nope" }] }, 404],
    ["PUT", `${A}/members/${memberId}`, TOKEN, { roles: [] }, 400],
    ["PUT", `${A}/members/${memberId}`, TOKEN, { roles: "all" }, 400],
    ["GET", `${A}/roles/ffff`, TOKEN, undefined, 404],
    ["GET", "/zones", TOKEN, undefined, 404],
  ] as const)("%s %s → %i", async (method, path, headers, body, status) => {
    const before = sim.violations.length;
    const response = await call(method, path, headers, body);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    await response.text();
    expect(sim.violations.slice(before)).toEqual([]);
  });

  it.each([
    [{ kind: "rate-limit" as const }, 429],
    [{ kind: "server-error" as const }, 500],
    [{ kind: "bad-credentials" as const }, 403],
    [{ kind: "permission-denied" as const }, 403],
  ])("fault %j → %i, still in the spec's failure shape", async (fault, status) => {
    sim.inject({ ...fault, times: 1 });
    const response = await call("GET", `${A}/members`, TOKEN);
    expect(response.status).toBe(status);
    if (status === 429) expect(response.headers.get("retry-after")).toBe("1");
    expect(sim.violations).toEqual([]);
  });
});

describe("drift is caught", () => {
  const member = { id: memberId, status: "accepted", user: { email: "a@example.com" }, roles: [{ id: roleId, name: "Administrator", description: "d", permissions: [] }] };
  const list = { success: true, errors: [], messages: [], result: [member], result_info: { page: 1, per_page: 50, count: 1, total_count: 1 } };
  const drifted: [string, unknown][] = [
    ["a member without user.email", { ...list, result: [{ ...member, user: {} }] }],
    ["a member status outside the enum", { ...list, result: [{ ...member, status: "active" }] }],
    ["a role without permissions", { ...list, result: [{ ...member, roles: [{ id: roleId, name: "x", description: "d" }] }] }],
    ["result_info.page as a string", { ...list, result_info: { page: "1" } }],
    ["no success flag", { errors: [], messages: [], result: [] }],
    ["a member id longer than 32", { ...list, result: [{ ...member, id: "x".repeat(33) }] }],
  ];
  it.each(drifted)("in a List Members response: %s", (_, body) => {
    expect(validator.validateResponse({ method: "GET", path: `${A}/members`, status: 200, responseBody: list })).toEqual([]);
    expect(validator.validateResponse({ method: "GET", path: `${A}/members`, status: 200, responseBody: body })).not.toEqual([]);
  });

  it.each([
    ["an error code below 1000", { success: false, errors: [{ code: 971, message: "x" }], messages: [], result: null }],
    ["a non-null result", { success: false, errors: [{ code: 1000, message: "x" }], messages: [], result: {} }],
    ["success: true", { success: true, errors: [], messages: [], result: null }],
  ])("in an error response: %s", (_, body) => {
    expect(validator.validateResponse({ method: "GET", path: A, status: 403, responseBody: body })).not.toEqual([]);
  });

  it.each([
    ["per_page above 50", { method: "GET", path: `${A}/members`, query: { per_page: "100" }, headers: TOKEN, requestBody: undefined }],
    ["an undeclared query parameter", { method: "GET", path: `${A}/members`, query: { limit: "5" }, headers: TOKEN, requestBody: undefined }],
    ["readOnly role fields in an update", { method: "PUT", path: `${A}/members/${memberId}`, query: {}, headers: TOKEN, requestBody: { roles: [{ id: roleId, name: "Administrator" }] } }],
    ["an update without a body", { method: "PUT", path: `${A}/members/${memberId}`, query: {}, headers: TOKEN, requestBody: undefined }],
    ["both credential kinds", { method: "GET", path: A, query: {}, headers: { ...TOKEN, ...KEY }, requestBody: undefined }],
    ["no credentials", { method: "GET", path: A, query: {}, headers: {}, requestBody: undefined }],
    ["the key pair on Verify Token", { method: "GET", path: "/user/tokens/verify", query: {}, headers: KEY, requestBody: undefined }],
    ["an operation the spec lacks", { method: "PATCH", path: A, query: {}, headers: TOKEN, requestBody: undefined }],
  ])("in a request: %s", (_, request) => {
    expect(validator.validateRequest(request)).not.toEqual([]);
  });
});

describe("every request the adapter sends", () => {
  it("is in the spec, for check, sync, grant and revoke with both methods", async () => {
    const sim = await startSpecCheckedSimulator();
    try {
      const ctx = testContext(sim.url);
      const request = { entitlementId: `role:${roleId}:member`, principalId: fixture.members[2].id };
      for (const config of [TOKEN_CONFIG, KEY_CONFIG]) {
        await cloudflare.check(config, ctx);
        await collect(cloudflare.sync(config, ctx));
        await cloudflare.grant(config, request, ctx);
        await cloudflare.revoke(config, request, ctx);
      }
      const operations = new Set(sim.exchanges.map((e) => `${e.method} ${e.template}`));
      expect([...operations].sort()).toEqual([
        "GET /accounts/{account_id}",
        "GET /accounts/{account_id}/members",
        "GET /accounts/{account_id}/members/{member_id}",
        "GET /accounts/{account_id}/roles",
        "GET /user/tokens/verify",
        "PUT /accounts/{account_id}/members/{member_id}",
      ]);
      expect(sim.violations).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});
