// Baton .c1z uploads against a real database, through the ingest API and the console's route:
// the two real fixtures with exact counts, and every bad file refused before a run exists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readC1zFile } from "@/lib/c1z";
import { c1z, IN_PROGRESS, PINGFED, zstdRaw } from "@/lib/c1z/test-support";
import { connectorState, listAccounts, post, seedBatonConnector, startIngestTestEnv, tokenRequest, type IngestTestEnv } from "./test-env";

let env: IngestTestEnv;
let pingfed: Uint8Array;
let inProgress: Uint8Array;
beforeAll(async () => {
  env = await startIngestTestEnv();
  [pingfed, inProgress] = await Promise.all([readC1zFile(PINGFED), readC1zFile(IN_PROGRESS)]);
});
afterAll(async () => {
  await env?.stop();
});

const PINGFED_COUNTS = { resourceTypes: 2, resources: 9, accounts: 4, entitlements: 5, grants: 10 };
const IN_PROGRESS_COUNTS = { resourceTypes: 5, resources: 79, accounts: 10, entitlements: 0, grants: 0 };

async function setUp(limits: Partial<{ maxCompressedBytes: number }> = {}) {
  const deps = env.deps.createDefaultDeps();
  const api = env.handlers.createIngestApi({ ...deps, c1z: { ...deps.c1z, ...limits } });
  const seeded = await seedBatonConnector(env.pool, "other");
  const { clientId, clientSecret } = await env.rotate.rotateClientCredentials(seeded.connectorId, seeded.owner);
  const { access_token: token } = (await (await api.token(tokenRequest(clientId, clientSecret))).json()) as { access_token: string };
  const send = (bytes: Uint8Array, query = "") => api.uploadC1z(post(`/api/v1/uploads/c1z${query}`, { token, body: bytes, headers: { "content-type": "application/octet-stream" } }));
  return { ...seeded, api, token, send };
}

async function answer(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("POST /api/v1/uploads/c1z", () => {
  it("imports the finished pingfed fixture's latest full sync with exact counts", async () => {
    const { send, connectorId } = await setUp();
    const { status, body } = await answer(await send(pingfed));
    expect(status).toBe(200);
    expect(body).toMatchObject({ counts: PINGFED_COUNTS, sync: { id: "2sYYAiUccvih6WNvyJWegRdqKlS", type: "full", finished: true } });
    expect((await listAccounts(env.pool, connectorId)).map((a) => a.external_id)).toEqual(["Administrator", "admin", "kurt-bitner", "sam-ng"]);
    const audit = await env.pool.query(`SELECT data FROM audit_events WHERE kind = 'sync.uploaded' AND connector_id = $1`, [connectorId]);
    expect(audit.rows[0].data).toMatchObject({ via: "api", format: "c1z", finished: true, allowUnfinished: false, counts: PINGFED_COUNTS });
  });

  it("refuses the unfinished fixture, then imports its latest sync with allowUnfinished", async () => {
    const { send, connectorId } = await setUp();
    const before = await connectorState(env.pool, connectorId);
    const refused = await answer(await send(inProgress));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: "c1z_unfinished" });
    expect(refused.body.message).toMatch(/vanish/);
    expect(refused.body.message).toContain("send it again with ?allowUnfinished=true");
    expect(await connectorState(env.pool, connectorId)).toEqual(before);

    const imported = await answer(await send(inProgress, "?allowUnfinished=true"));
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ counts: IN_PROGRESS_COUNTS, sync: { id: "3ARefY5G8eOytquwYgm41Nq07IZ", finished: false } });
    expect(await listAccounts(env.pool, connectorId)).toHaveLength(10);
  });

  it("refuses corrupt, truncated, v3, empty and oversized files with a clear message, changing nothing", async () => {
    const { send, connectorId } = await setUp({ maxCompressedBytes: pingfed.length + 10 });
    expect((await send(pingfed)).status).toBe(200);
    const before = await connectorState(env.pool, connectorId);
    const cases: [string, Uint8Array, number, string, RegExp][] = [
      ["not a c1z", new TextEncoder().encode("PK\u0003\u0004 a zip file"), 400, "c1z_corrupt", /not a \.c1z file/],
      ["truncated", pingfed.subarray(0, Math.floor(pingfed.length / 2)), 400, "c1z_corrupt", /truncated|corrupt/],
      ["header only", pingfed.subarray(0, 3), 400, "c1z_corrupt", /truncated/],
      ["v3 (Pebble)", c1z(zstdRaw(new Uint8Array(64)), "C1Z3\0"), 400, "c1z_unsupported_version", /v3/],
      ["not SQLite inside", c1z(zstdRaw(new TextEncoder().encode("hello"))), 400, "c1z_corrupt", /corrupt/],
      ["empty", new Uint8Array(0), 400, "c1z_empty", /empty/],
      ["oversized", new Uint8Array(pingfed.length + 11), 413, "too_large", /larger than/],
    ];
    for (const [label, bytes, status, error, message] of cases) {
      const result = await answer(await send(bytes));
      expect({ label, status: result.status, error: result.body.error }).toEqual({ label, status, error });
      expect(result.body.message).toMatch(message);
    }
    expect((await send(pingfed, "?allowUnfinished=maybe")).status).toBe(400);
    expect(await connectorState(env.pool, connectorId)).toEqual(before);
  });

  it("refuses an upload without a valid token (401), changing nothing", async () => {
    const { api, connectorId } = await setUp();
    const before = await connectorState(env.pool, connectorId);
    const response = await api.uploadC1z(post("/api/v1/uploads/c1z", { token: "gat1.forged.token", body: pingfed }));
    expect(response.status).toBe(401);
    expect(await connectorState(env.pool, connectorId)).toEqual(before);
  });
});

describe("the console's Upload .c1z", () => {
  const request = (connectorId: string, body: Uint8Array, headers: Record<string, string> = { "content-type": "application/octet-stream" }, query = "") =>
    post(`/api/connectors-self-hosted/${connectorId}/c1z${query}`, { body, headers: { host: "gatekeeper.test", ...headers } });

  it("lets an owner upload, audited as them, and refuses strangers, other content types and other origins", async () => {
    const { connectorId, owner, stranger } = await setUp();
    const before = await connectorState(env.pool, connectorId);
    expect((await env.console.uploadC1zFromConsole(request(connectorId, pingfed), connectorId, stranger)).status).toBe(403);
    expect((await env.console.uploadC1zFromConsole(request(connectorId, pingfed, { "content-type": "multipart/form-data; boundary=x" }), connectorId, owner)).status).toBe(415);
    const crossSite = request(connectorId, pingfed, { "content-type": "application/octet-stream", origin: "https://evil.example" });
    expect((await env.console.uploadC1zFromConsole(crossSite, connectorId, owner)).status).toBe(403);
    const unfinished = await answer(await env.console.uploadC1zFromConsole(request(connectorId, inProgress), connectorId, owner));
    expect(unfinished).toMatchObject({ status: 400, body: { error: "c1z_unfinished", message: expect.stringContaining('tick "Allow unfinished sync"') } });
    expect(await connectorState(env.pool, connectorId)).toEqual(before);

    // The browser's own page sends its Origin: the same host as the request.
    const sameSite = { "content-type": "application/octet-stream", origin: "http://gatekeeper.test" };
    const ok = await answer(await env.console.uploadC1zFromConsole(request(connectorId, inProgress, sameSite, "?allowUnfinished=true"), connectorId, owner));
    expect(ok).toMatchObject({ status: 200, body: { counts: IN_PROGRESS_COUNTS } });
    const audit = await env.pool.query(`SELECT actor_id, data FROM audit_events WHERE kind = 'sync.uploaded' AND connector_id = $1 ORDER BY id DESC LIMIT 1`, [connectorId]);
    expect(audit.rows[0]).toMatchObject({ actor_id: owner.id, data: { via: "console", allowUnfinished: true, finished: false } });
  });

  it("lets administrators upload to any Baton connector, and refuses other connector types", async () => {
    const { connectorId } = await setUp();
    const admin = { id: "admin-1", email: "admin@example.com", role: "CONNECTOR_ADMIN" as const };
    expect((await env.console.uploadC1zFromConsole(request(connectorId, pingfed), connectorId, admin)).status).toBe(200);
    await env.pool.query(`UPDATE connectors SET catalog_id = 'cloudflare' WHERE id = $1`, [connectorId]);
    expect((await env.console.uploadC1zFromConsole(request(connectorId, pingfed), connectorId, admin)).status).toBe(400);
  });
});
