// The simulator itself, spoken to with raw HTTP: it must behave like the Ops API for the adapter's
// contract tests to mean anything.
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_API_KEY, fixtureOrg, generateTemporalOrg, startTemporalCloudSimulator, type TemporalCloudSimulator } from "./server";

let sim: TemporalCloudSimulator;
beforeAll(async () => {
  sim = await startTemporalCloudSimulator({ readOnlyApiKeys: ["tc-read-only"], expiredApiKeys: ["tc-expired"] });
});
afterAll(() => sim.close());
afterEach(() => sim.control({ action: "clear-faults" }));

const HEADERS = { authorization: `Bearer ${DEMO_API_KEY}`, "temporal-cloud-api-version": "2024-10-01-00" };
type Answer = { status: number; body: Record<string, unknown> & { code?: number; message?: string } };
async function call(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}, on = sim): Promise<Answer> {
  const response = await fetch(on.url + path, {
    method: init.method ?? "GET",
    headers: { ...HEADERS, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}
const RILEY = "50ad8162e37f9db0d1c26f708192a3b4";

describe("auth and headers", () => {
  it("answers grpc-gateway error bodies for missing, wrong and expired keys", async () => {
    expect(await call("/cloud/account", { headers: { authorization: "" } })).toEqual({
      status: 401,
      body: { code: 16, message: "Request unauthenticated: missing API key", details: [] },
    });
    expect((await call("/cloud/account", { headers: { authorization: "Bearer nope" } })).body.message).toContain("invalid API key");
    expect((await call("/cloud/account", { headers: { authorization: "Bearer tc-expired" } })).body.message).toContain("expired");
  });

  it("lets a read-only key read and answers its writes 403 PermissionDenied", async () => {
    const headers = { authorization: "Bearer tc-read-only" };
    expect((await call("/cloud/users", { headers })).status).toBe(200);
    const write = await call(`/cloud/users/${RILEY}`, { method: "POST", headers, body: {} });
    expect([write.status, write.body.code]).toEqual([403, 7]);
  });

  it("requires the API version header and routes unknown paths and methods", async () => {
    expect((await call("/cloud/account", { headers: { "temporal-cloud-api-version": "" } })).status).toBe(400);
    expect((await call("/cloud/nothing")).status).toBe(404);
    expect((await call("/cloud/account", { method: "DELETE" })).status).toBe(405);
    expect((await call("/cloud/account")).body).toEqual({ account: { id: "a7f3c", resourceVersion: "1", state: "RESOURCE_STATE_ACTIVE" } });
  });
});

describe("paging", () => {
  it("pages users in id order with opaque tokens and no token on the last page", async () => {
    const first = await call("/cloud/users?page_size=5");
    const users = first.body.users as { id: string }[];
    expect(users).toHaveLength(5);
    const second = await call(`/cloud/users?pageSize=5&pageToken=${first.body.nextPageToken as string}`);
    expect(second.body.nextPageToken).toBeUndefined();
    const ids = [...users, ...(second.body.users as { id: string }[])].map((user) => user.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(8);
  });

  it("refuses page sizes above 1000 and foreign tokens", async () => {
    expect(await call("/cloud/users?page_size=1001")).toMatchObject({ status: 400, body: { code: 3, message: "page_size cannot exceed 1000" } });
    const namespaces = await call("/cloud/namespaces?page_size=1");
    expect((await call(`/cloud/users?page_token=${namespaces.body.nextPageToken as string}`)).body.message).toBe("invalid page token");
  });

  it("lists service accounts under the proto's singular field name and filters users", async () => {
    const accounts = await call("/cloud/service-accounts");
    expect(Object.keys(accounts.body)).toEqual(["serviceAccount"]);
    const filtered = await call("/cloud/users?namespace=dev.a7f3c");
    expect((filtered.body.users as { spec: { email: string } }[]).map((user) => user.spec.email)).toEqual(["dana.dev@example.com", "devon.dev@example.com"]);
  });
});

describe("writes", () => {
  afterAll(async () => {
    // Later tests use a fresh server; this one has been written to.
    await sim.close();
    sim = await startTemporalCloudSimulator();
  });

  it("accepts camelCase and snake_case bodies, checks the version and answers an async operation", async () => {
    const user = (await call(`/cloud/users/${RILEY}`)).body.user as { resourceVersion: string };
    const camel = await call(`/cloud/users/${RILEY}`, {
      method: "POST",
      body: { resourceVersion: user.resourceVersion, spec: { email: "riley.read@example.com", access: { accountAccess: { role: "ROLE_DEVELOPER" } } } },
    });
    const operation = camel.body.asyncOperation as { id: string; state: string; checkDuration: string };
    expect([camel.status, operation.state, operation.checkDuration]).toEqual([200, "STATE_PENDING", "1s"]);
    expect((await call(`/cloud/operations/${operation.id}`)).body.asyncOperation).toMatchObject({ state: "STATE_FULFILLED", finishedTime: expect.any(String) });

    const stale = await call(`/cloud/users/${RILEY}`, {
      method: "POST",
      body: { resource_version: user.resourceVersion, spec: { email: "riley.read@example.com", access: { account_access: { role: "ROLE_ADMIN" } } } },
    });
    expect([stale.status, stale.body.code]).toEqual([400, 9]);
    expect(stale.body.message).toContain("resource version mismatch");

    const current = (await call(`/cloud/users/${RILEY}`)).body.user as { resourceVersion: string; spec: unknown };
    const snake = await call(`/cloud/users/${RILEY}`, {
      method: "POST",
      body: {
        resource_version: current.resourceVersion,
        async_operation_id: "op-fixed",
        spec: { email: "riley.read@example.com", access: { account_access: { role: "ROLE_ADMIN" }, namespace_accesses: { "prod.a7f3c": { permission: "PERMISSION_READ" } } } },
      },
    });
    expect(snake.status).toBe(200);
    expect(sim.state.getUser(RILEY)!.spec.access).toEqual({ accountAccess: { role: "ROLE_ADMIN" }, namespaceAccesses: { "prod.a7f3c": { permission: "PERMISSION_READ" } } });
    // The same async_operation_id again is a replay, not a second write (nor a stale-version error).
    const replay = await call(`/cloud/users/${RILEY}`, { method: "POST", body: { resource_version: "whatever", async_operation_id: "op-fixed", spec: {} } });
    expect((replay.body.asyncOperation as { id: string }).id).toBe("op-fixed");

    const latest = sim.state.getUser(RILEY)!;
    const same = await call(`/cloud/users/${RILEY}`, { method: "POST", body: { resourceVersion: latest.resourceVersion, spec: latest.spec } });
    expect(same.body.message).toBe("nothing to change");
  });

  it("sets and removes namespace access and validates enum names", async () => {
    const version = () => sim.state.getUser(RILEY)!.resourceVersion;
    const path = `/cloud/namespaces/dev.a7f3c/users/${RILEY}/access`;
    expect((await call(path, { method: "POST", body: { access: { permission: "PERMISSION_WRITE" }, resource_version: version() } })).status).toBe(200);
    expect(sim.state.getUser(RILEY)!.spec.access.namespaceAccesses["dev.a7f3c"]).toEqual({ permission: "PERMISSION_WRITE" });
    expect((await call(path, { method: "POST", body: { access: { permission: "write" }, resourceVersion: version() } })).body.message).toContain("invalid namespace permission");
    expect((await call(path, { method: "POST", body: { access: {}, resourceVersion: version() } })).status).toBe(200);
    expect(sim.state.getUser(RILEY)!.spec.access.namespaceAccesses["dev.a7f3c"]).toBeUndefined();
    expect((await call(`/cloud/namespaces/nope.a7f3c/users/${RILEY}/access`, { method: "POST", body: {} })).status).toBe(404);
  });

  it("fails operations on purpose and keeps the state unchanged", async () => {
    sim.control({ action: "add-fault", fault: { kind: "operation-failed", reason: "quota", times: 1 } });
    const before = sim.state.getUser(RILEY)!;
    const answer = await call(`/cloud/users/${RILEY}`, { method: "DELETE" });
    expect(answer.body.message).toBe("resource_version is required");
    const deleted = await call(`/cloud/users/${RILEY}?resource_version=${before.resourceVersion}`, { method: "DELETE" });
    const id = (deleted.body.asyncOperation as { id: string }).id;
    expect((await call(`/cloud/operations/${id}`)).body.asyncOperation).toMatchObject({ state: "STATE_FAILED", failureReason: "quota" });
    expect(sim.state.getUser(RILEY)).toEqual(before);
  });
});

describe("control endpoint", () => {
  it("reports stats, arms faults over HTTP and rejects unknown actions", async () => {
    sim.stats.reset();
    const arm = await fetch(`${sim.url}/__control`, { method: "POST", body: JSON.stringify({ action: "add-fault", fault: { kind: "status", status: 500, match: "account.get", times: 1 } }) });
    expect(arm.status).toBe(200);
    expect((await call("/cloud/account")).status).toBe(500);
    expect((await call("/cloud/account")).status).toBe(200);
    const report = (await (await fetch(`${sim.url}/__control`)).json()) as { stats: { total: number; byKind: Record<string, number> }; faults: unknown[] };
    expect([report.stats.total, report.stats.byKind["account.get"], report.faults]).toEqual([2, 2, []]);
    const bad = await fetch(`${sim.url}/__control`, { method: "POST", body: JSON.stringify({ action: "explode" }) });
    expect(bad.status).toBe(400);
  });

  it("answers 429 with Retry-After and cuts bodies short when asked", async () => {
    sim.control({ action: "set-faults", faults: [{ kind: "status", status: 429, retryAfter: "3", times: 1 }, { kind: "malformed", match: "account.get", times: 1 }] });
    const limited = await fetch(`${sim.url}/cloud/account`, { headers: HEADERS });
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "3"]);
    const cut = await fetch(`${sim.url}/cloud/account`, { headers: HEADERS });
    await expect(cut.json()).rejects.toThrow();
  });
});

describe("organisations", () => {
  it("counts the fixture", () => {
    expect(fixtureOrg().counts).toEqual({
      users: 8,
      namespaces: 3,
      serviceAccounts: 2,
      namespaceGrants: 7,
      roles: { ROLE_OWNER: 1, ROLE_FINANCE_ADMIN: 1, ROLE_ADMIN: 1, ROLE_DEVELOPER: 2, ROLE_READ: 2, ROLE_METRICS_READ: 1 },
      permissions: { PERMISSION_ADMIN: 4, PERMISSION_WRITE: 2, PERMISSION_READ: 1 },
    });
  });

  it("generates deterministic, ascending, exactly counted organisations", () => {
    const org = generateTemporalOrg({ users: 500, namespaces: 7, grants: 1234, seed: 9 });
    expect(generateTemporalOrg({ users: 500, namespaces: 7, grants: 1234, seed: 9 }).users.at(42)).toEqual(org.users.at(42));
    let grants = 0;
    let previous = "";
    for (let index = 0; index < org.users.size; index++) {
      const user = org.users.at(index);
      expect(user.id > previous).toBe(true);
      expect(org.users.indexOf(user.id)).toBe(index);
      previous = user.id;
      grants += Object.keys(user.spec.access.namespaceAccesses).length;
    }
    expect(grants).toBe(1234);
    expect(Object.values(org.counts.roles).reduce((sum, count) => sum + count, 0)).toBe(500);
    expect(org.counts.roles.ROLE_OWNER).toBe(1);
    expect(org.users.indexOf("0".repeat(32))).toBeUndefined();
    expect(() => generateTemporalOrg({ users: 2, namespaces: 2, grants: 5 })).toThrow(RangeError);
  });

  it("handles 100,000 users and 1,000,000 grants lazily, in little memory", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const org = generateTemporalOrg({ users: 100_000, namespaces: 2000, grants: 1_000_000 });
    gc();
    // Materialised, 1,000,000 grants would take hundreds of MB; lazily it is a few bytes per user.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(16 * 1024 * 1024);
    expect(org.counts.namespaceGrants).toBe(1_000_000);
    expect(Object.values(org.counts.permissions).reduce((sum, count) => sum + count, 0)).toBe(1_000_000);
    expect(org.counts.roles.ROLE_OWNER).toBe(3);
    expect(org.counts.roles.ROLE_FINANCE_ADMIN).toBeGreaterThan(100);

    const big = await startTemporalCloudSimulator({ org });
    try {
      const token = Buffer.from("users:99000").toString("base64url");
      const last = await call(`/cloud/users?page_size=1000&page_token=${token}`, {}, big);
      const users = last.body.users as { id: string }[];
      expect([users.length, last.body.nextPageToken]).toEqual([1000, undefined]);
      expect(users[999].id).toBe(org.users.idAt(99_999));
    } finally {
      await big.close();
    }
  });
});
