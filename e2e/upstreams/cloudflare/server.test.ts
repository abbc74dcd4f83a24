// The simulator itself: seeded data, paging, writes, counts, and the control endpoint.
import { afterEach, describe, expect, it } from "vitest";
import { startCloudflareSimulator, type CloudflareSimulator } from "./server";
import { DEMO_CREDENTIALS, generateCloudflareAccount, loadCloudflareFixture, SUPER_ADMIN_ROLE_ID } from "./state";

const TOKEN = { authorization: `Bearer ${DEMO_CREDENTIALS.apiToken}` };
const A = "/accounts/cf-demo-account";

let sim: CloudflareSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function getJson(path: string, init: RequestInit = {}) {
  const response = await fetch(`${sim?.url}${path}`, { ...init, headers: { ...TOKEN, ...(init.headers as Record<string, string>) } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> & { result: never } };
}

const control = (body: unknown) =>
  fetch(`${sim?.origin}/__control`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("cloudflare simulator", () => {
  it("seeds the fixture: a pending invitation, Administrator listed, Super Administrator held but unlisted", () => {
    const fixture = loadCloudflareFixture();
    expect(fixture.members.some((m) => m.status === "pending")).toBe(true);
    expect(fixture.roles.some((r) => r.name === "Administrator")).toBe(true);
    expect(fixture.roles.some((r) => r.id === SUPER_ADMIN_ROLE_ID)).toBe(false);
    expect(fixture.members.some((m) => m.roleIds.includes(SUPER_ADMIN_ROLE_ID))).toBe(true);
  });

  it("generates large, deterministic accounts with spec-sized ids", () => {
    const a = generateCloudflareAccount({ members: 1_000, roles: 30 });
    expect(a).toEqual(generateCloudflareAccount({ members: 1_000, roles: 30 }));
    expect(a.members).toHaveLength(1_000);
    expect(a.roles).toHaveLength(30);
    expect(a.members.filter((m) => m.status === "pending")).toHaveLength(100);
    expect(new Set(a.members.map((m) => m.id)).size).toBe(1_000);
    expect([...a.members, ...a.roles].every((x) => /^[0-9a-f]{32}$/.test(x.id))).toBe(true);
  });

  it("pages members 20 by default with result_info, and per_page up to 50", async () => {
    sim = await startCloudflareSimulator({ fixture: generateCloudflareAccount({ members: 45, roles: 2 }) });
    const first = await getJson(`${A}/members`);
    expect(first.body.result).toHaveLength(20);
    expect(first.body.result_info).toEqual({ page: 1, per_page: 20, count: 20, total_count: 45, total_pages: 3 });
    const last = await getJson(`${A}/members?page=3`);
    expect(last.body.result_info).toMatchObject({ page: 3, count: 5 });
    const big = await getJson(`${A}/members?per_page=50`);
    expect(big.body.result).toHaveLength(45);
  });

  it("applies writes: PUT member roles is what the next GET returns", async () => {
    sim = await startCloudflareSimulator();
    const member = sim.state.members[3];
    const roleId = sim.state.roles[0].id;
    const put = await getJson(`${A}/members/${member.id}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ roles: [{ id: roleId }, { id: SUPER_ADMIN_ROLE_ID }] }),
    });
    expect(put.status).toBe(200);
    const get = await getJson(`${A}/members/${member.id}`);
    expect((get.body.result as { roles: { id: string }[] }).roles.map((r) => r.id)).toEqual([roleId, SUPER_ADMIN_ROLE_ID]);
    expect(sim.state.members[3].roleIds).toEqual([roleId, SUPER_ADMIN_ROLE_ID]);
  });

  it("counts requests by OpenAPI route, control calls apart", async () => {
    sim = await startCloudflareSimulator();
    await getJson(`${A}/members`);
    await getJson(`${A}/members?page=2`);
    await getJson(`${A}/roles`);
    await getJson("/nowhere");
    await control({});
    expect(sim.stats).toEqual({
      total: 4,
      byRoute: { "GET /accounts/{account_id}/members": 2, "GET /accounts/{account_id}/roles": 1, "GET (unmatched)": 1 },
      control: 1,
    });
  });

  it("takes faults over POST /__control, for a number of times, and resets", async () => {
    sim = await startCloudflareSimulator();
    expect((await control({ fault: { kind: "rate-limit", path: "/roles", times: 2, retryAfterSeconds: 3 } })).status).toBe(200);
    const limited = await getJson(`${A}/roles`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await getJson(`${A}/members`)).status).toBe(200); // other paths untouched
    expect((await getJson(`${A}/roles`)).status).toBe(429);
    expect((await getJson(`${A}/roles`)).status).toBe(200); // used up
    await control({ faults: [{ kind: "server-error", status: 503 }] });
    expect((await getJson(A)).status).toBe(503);
    await control({ reset: true });
    expect((await getJson(A)).status).toBe(200);
    expect(sim.stats.total).toBe(1);
    expect((await control({ fault: { kind: "explode" } })).status).toBe(400);
  });

  it("answers malformed JSON, drifts pages and restores state on demand", async () => {
    sim = await startCloudflareSimulator();
    await control({ faults: [{ kind: "malformed-json", times: 1 }, { kind: "page-drift", path: "/members", times: 1 }] });
    const broken = await fetch(`${sim.url}${A}/members`, { headers: TOKEN });
    await expect(broken.json()).rejects.toThrow();
    const before = sim.state.members.length;
    await getJson(`${A}/members`);
    expect(sim.state.members.length).toBe(before + 1);
    await control({ reset: "state" });
    expect(sim.state.members.length).toBe(before);
  });

  it("accepts configurable credentials for both methods", async () => {
    sim = await startCloudflareSimulator({ credentials: { apiToken: "other-token", email: "ops@corp.example", apiKey: "k2" } });
    expect((await getJson(A)).status).toBe(403);
    expect((await getJson(A, { headers: { authorization: "Bearer other-token" } })).status).toBe(200);
    const key = await fetch(`${sim.url}${A}`, { headers: { "x-auth-email": "ops@corp.example", "x-auth-key": "k2" } });
    expect(key.status).toBe(200);
  });

  it("closes promptly with a slow answer pending", async () => {
    sim = await startCloudflareSimulator({ faults: [{ kind: "slow", delayMs: 60_000 }] });
    const pending = fetch(`${sim.url}${A}`, { headers: TOKEN }).catch(() => "closed");
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = Date.now();
    await sim.close();
    sim = undefined;
    await pending;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
