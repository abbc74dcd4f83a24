// The ingest API against a real database: client credentials for a token, rotation revoking
// the old secret and its tokens at once, heartbeats, NDJSON uploads through the sync path,
// and every refusal (401, 403, 413, 415, 429, 400) leaving the connector exactly as it was.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { connectorState, listAccounts, post, seedBatonConnector, startIngestTestEnv, tokenRequest, type IngestTestEnv } from "./test-env";

let env: IngestTestEnv;
beforeAll(async () => {
  env = await startIngestTestEnv();
});
afterAll(async () => {
  await env?.stop();
});

const records: SyncRecord[] = [
  { type: "resourceType", id: "user", displayName: "User", traits: ["user"] },
  { type: "resourceType", id: "role", displayName: "Role", traits: ["role"] },
  { type: "resource", resourceTypeId: "user", id: "alice", displayName: "Alice", user: { email: "alice@example.com", status: "enabled" } },
  { type: "resource", resourceTypeId: "user", id: "bob", displayName: "Bob", user: { email: "bob@example.com", status: "enabled" } },
  { type: "resource", resourceTypeId: "role", id: "admin", displayName: "Admin" },
  { type: "entitlement", id: "role:admin:member", resource: { resourceTypeId: "role", id: "admin" }, displayName: "Admin member", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true },
  { type: "grant", id: "role:admin:member:user:alice", entitlementId: "role:admin:member", principal: { resourceTypeId: "user", id: "alice" } },
];
const ndjson = records.map((r) => `${JSON.stringify(r)}\n`).join("");
const upload = (token: string, body: BodyInit = ndjson, headers: Record<string, string> = {}) => post("/api/v1/uploads", { token, body, headers: { "content-type": "application/x-ndjson", ...headers } });

async function setUp(overrides: Parameters<IngestTestEnv["deps"]["createDefaultDeps"]>[0] = {}) {
  const api = env.handlers.createIngestApi(env.deps.createDefaultDeps(overrides));
  const seeded = await seedBatonConnector(env.pool);
  const credentials = await env.rotate.rotateClientCredentials(seeded.connectorId, seeded.owner);
  const tokenOf = async (secret = credentials.clientSecret, clientId = credentials.clientId) => {
    const response = await api.token(tokenRequest(clientId, secret));
    return { response, json: (await response.json()) as { access_token: string; connector: { id: string; provider: string } } };
  };
  return { api, ...seeded, credentials, tokenOf };
}

describe("POST /api/v1/token", () => {
  it("exchanges the client credentials for a short-lived token naming its connector and provider", async () => {
    const { tokenOf, connectorId } = await setUp();
    const { response, json } = await tokenOf();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(json).toMatchObject({ token_type: "Bearer", expires_in: 900, connector: { id: connectorId, provider: "cloudflare", provisioning: false, syncIntervalMinutes: 60 } });
    expect((await connectorState(env.pool, connectorId)).last_seen_at).not.toBeNull();
  });

  it("answers 401 to a wrong secret, an unknown id and a malformed one, changing nothing", async () => {
    const { api, connectorId, credentials } = await setUp();
    const before = await connectorState(env.pool, connectorId);
    for (const [id, secret] of [[credentials.clientId, `${credentials.clientSecret}x`], ["bc_000000000000000000000000", credentials.clientSecret], ["nope", "nope"]]) {
      const response = await api.token(tokenRequest(id, secret));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "invalid_client" });
    }
    expect((await api.token(post("/api/v1/token", { body: "{}", headers: { "content-type": "application/json" } }))).status).toBe(400);
    expect(await connectorState(env.pool, connectorId)).toEqual(before);
  });

  it("answers 429 with Retry-After past the per-client limit, before checking the secret", async () => {
    const { tokenOf } = await setUp({ tokenLimiter: (await import("../rate-limit")).createRateLimiter({ name: "token-client", limit: 2, windowMs: 60_000 }) });
    expect((await tokenOf()).response.status).toBe(200);
    expect((await tokenOf("wrong")).response.status).toBe(401);
    const limited = (await tokenOf()).response;
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("answers 403 for a disabled connector", async () => {
    const { tokenOf, connectorId } = await setUp();
    await env.pool.query(`UPDATE connectors SET disabled = true WHERE id = $1`, [connectorId]);
    expect((await tokenOf()).response.status).toBe(403);
  });
});

describe("rotation", () => {
  it("revokes the previous secret and every token it obtained at once; the new pair works", async () => {
    const { api, connectorId, owner, credentials, tokenOf } = await setUp();
    const { json: old } = await tokenOf();
    expect((await api.heartbeat(post("/api/v1/heartbeat", { token: old.access_token, body: JSON.stringify({ runnerVersion: "test/1" }) }))).status).toBe(200);

    const rotated = await env.rotate.rotateClientCredentials(connectorId, owner);
    expect(rotated.clientId).not.toBe(credentials.clientId);
    const before = await connectorState(env.pool, connectorId);
    expect((await tokenOf(credentials.clientSecret, credentials.clientId)).response.status).toBe(401);
    expect((await tokenOf(credentials.clientSecret, rotated.clientId)).response.status).toBe(401);
    const heartbeat = await api.heartbeat(post("/api/v1/heartbeat", { token: old.access_token, body: JSON.stringify({ runnerVersion: "test/2" }) }));
    expect(heartbeat.status).toBe(401);
    expect(heartbeat.headers.get("www-authenticate")).toContain("invalid_token");
    expect((await api.uploadRecords(upload(old.access_token))).status).toBe(401);
    expect(await connectorState(env.pool, connectorId)).toEqual(before);

    expect((await tokenOf(rotated.clientSecret, rotated.clientId)).response.status).toBe(200);
    const audit = await env.pool.query(`SELECT data::text AS data FROM audit_events WHERE kind = 'connector.credentials_rotated' AND connector_id = $1`, [connectorId]);
    expect(audit.rows).toHaveLength(2);
    for (const row of audit.rows) expect(row.data).not.toMatch(/bcs_/);
    expect(before.client_secret_hash).not.toContain(rotated.clientSecret);
  });
});

describe("POST /api/v1/heartbeat", () => {
  it("records last seen and the runner's version, and refuses a bad body or no token", async () => {
    const { api, connectorId, tokenOf } = await setUp();
    const { json } = await tokenOf();
    const response = await api.heartbeat(post("/api/v1/heartbeat", { token: json.access_token, body: JSON.stringify({ runnerVersion: "gatekeeper-runner/0.1.0", state: "idle" }) }));
    expect(response.status).toBe(200);
    expect(await connectorState(env.pool, connectorId)).toMatchObject({ runner_version: "gatekeeper-runner/0.1.0" });
    expect((await api.heartbeat(post("/api/v1/heartbeat", { token: json.access_token, body: JSON.stringify({ runnerVersion: "<script>" }) }))).status).toBe(400);
    expect((await api.heartbeat(post("/api/v1/heartbeat", { body: "{}" }))).status).toBe(401);
  });
});

describe("POST /api/v1/uploads", () => {
  it("stores an NDJSON sync (gzip too) through the sync path, atomically and audited with counts", async () => {
    const { api, connectorId, tokenOf } = await setUp();
    const { json } = await tokenOf();
    const response = await api.uploadRecords(upload(json.access_token, gzipSync(ndjson), { "content-encoding": "gzip" }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { runId: string; counts: unknown };
    expect(body.counts).toEqual({ resourceTypes: 2, resources: 3, accounts: 2, entitlements: 1, grants: 1 });
    expect(await listAccounts(env.pool, connectorId)).toEqual([
      { external_id: "alice", email: "alice@example.com" },
      { external_id: "bob", email: "bob@example.com" },
    ]);
    expect(await connectorState(env.pool, connectorId)).toMatchObject({ status: "CONNECTED", current_sync_run_id: body.runId });
    const audit = await env.pool.query(`SELECT actor_id, data FROM audit_events WHERE kind = 'sync.uploaded' AND connector_id = $1`, [connectorId]);
    expect(audit.rows).toEqual([{ actor_id: null, data: expect.objectContaining({ via: "api", format: "ndjson", runId: body.runId, counts: body.counts }) }]);
  });

  it("refuses what is not an NDJSON sync (400, 415) and what is too large (413), changing nothing", async () => {
    const { api, connectorId, tokenOf } = await setUp({ ndjson: { maxWireBytes: ndjson.length * 2, maxBytes: ndjson.length * 2, maxLineBytes: 4096 } });
    const { json } = await tokenOf();
    expect((await api.uploadRecords(upload(json.access_token))).status).toBe(200);
    const before = await connectorState(env.pool, connectorId);
    const refusals: [Request, number][] = [
      [upload(json.access_token, "this is not json\n"), 400],
      [upload(json.access_token, `${JSON.stringify({ type: "account", id: "x" })}\n`), 400],
      [upload(json.access_token, ndjson, { "content-type": "text/plain" }), 415],
      [upload(json.access_token, ndjson.repeat(3)), 413],
    ];
    for (const [request, status] of refusals) {
      const response = await api.uploadRecords(request);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { message: string }).message.length).toBeGreaterThan(10);
    }
    expect(await connectorState(env.pool, connectorId)).toEqual(before);
  });

  it("fails the run on a bad record halfway: 400, the previous snapshot stays current", async () => {
    const { api, connectorId, tokenOf } = await setUp();
    const { json } = await tokenOf();
    expect((await api.uploadRecords(upload(json.access_token))).status).toBe(200);
    const before = await connectorState(env.pool, connectorId);
    const response = await api.uploadRecords(upload(json.access_token, `${ndjson}{"type":"grant"}\n`));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/Line 8 is not a sync record/);
    const after = await connectorState(env.pool, connectorId);
    expect(after).toMatchObject({ current_sync_run_id: before.current_sync_run_id, accounts: 2, runs: before.runs + 1 });
    const run = await env.pool.query(`SELECT status FROM sync_runs WHERE connector_id = $1 ORDER BY queued_at DESC LIMIT 1`, [connectorId]);
    expect(run.rows[0].status).toBe("FAILED");
  });

  it("answers 429 past the per-connector limit", async () => {
    const { api, tokenOf } = await setUp({ apiLimiter: (await import("../rate-limit")).createRateLimiter({ name: "api-connector", limit: 1, windowMs: 60_000 }) });
    const { json } = await tokenOf();
    const beat = () => api.heartbeat(post("/api/v1/heartbeat", { token: json.access_token, body: JSON.stringify({ runnerVersion: "t/1" }) }));
    expect((await beat()).status).toBe(200);
    expect((await beat()).status).toBe(429);
  });
});
