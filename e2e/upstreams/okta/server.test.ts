// The simulator itself: the fixture, paging with Link headers and opaque cursors, limit caps,
// DEPROVISIONED users hidden by default, rate-limit buckets, auth, writes, faults and control.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { fakeClock } from "@/lib/connectors/okta/test-helpers";
import { OKTA_DEMO_API_TOKEN } from "./auth";
import { generateOktaOrg } from "./generate";
import { startOktaSimulator, type OktaSimulator } from "./server";
import { demoOktaOrg, loadOktaFixture } from "./state";

const SSWS = { authorization: `SSWS ${OKTA_DEMO_API_TOKEN}` };
let sim: OktaSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function get(path: string, headers: Record<string, string> = SSWS) {
  const response = await fetch(path.startsWith("http") ? path : `${sim?.url}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as never };
}
const links = (headers: Headers) => Object.fromEntries((headers.get("link") ?? "").split(", <").map((l) => [/rel="(\w+)"/.exec(l)?.[1], /<?([^>]+)>/.exec(l)?.[1]]));
const emails = (file: string, pick: (data: never) => string[]) => pick(JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8")) as never);

describe("the demo fixture", () => {
  const org = demoOktaOrg();
  const byStatus = (status: string) => org.users.filter((u) => u.status === status);

  it("has ~25 users across statuses, managers that exist, groups of every type and the named apps", () => {
    expect(org.users).toHaveLength(25);
    expect(byStatus("SUSPENDED").length).toBeGreaterThanOrEqual(2);
    expect(byStatus("DEPROVISIONED").length).toBeGreaterThanOrEqual(2);
    for (const status of ["ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT"]) expect(byStatus(status).length).toBeGreaterThan(0);
    const ids = new Set(org.users.map((u) => u.id));
    const managed = org.users.filter((u) => u.profile.managerId);
    expect(managed.length).toBeGreaterThan(15);
    expect(managed.every((u) => ids.has(u.profile.managerId ?? ""))).toBe(true);
    expect(org.users.every((u) => u.profile.email.endsWith("@example.com"))).toBe(true);
    expect(org.groups.map((g) => g.type).sort()).toEqual(["APP_GROUP", "BUILT_IN", ...Array(6).fill("OKTA_GROUP")]);
    expect(org.groups.find((g) => g.type === "BUILT_IN")).toMatchObject({ name: "Everyone", members: [...ids].sort() });
    expect(org.apps.map((a) => a.label)).toEqual(expect.arrayContaining(["Temporal Cloud", "Cloudflare", "GitHub", "Slack", "Salesforce", "Zoom"]));
    expect(org.apps.filter((a) => a.logo).length).toBeGreaterThanOrEqual(6);
  });

  it("shares people with the Temporal Cloud and Cloudflare fixtures, orphaned access included", () => {
    const temporal = emails("../temporal-cloud/fixture.json", (d: { users: { spec: { email: string } }[] }) => d.users.map((u) => u.spec.email));
    const cloudflare = emails("../cloudflare/fixture.json", (d: { members: { user: { email: string } }[] }) => d.members.map((m) => m.user.email));
    const okta = new Map(org.users.map((u) => [u.profile.email, u.status]));
    expect(temporal.filter((e) => okta.has(e)).length).toBeGreaterThanOrEqual(6);
    expect(cloudflare.filter((e) => okta.has(e)).length).toBeGreaterThanOrEqual(5);
    // Left the company, or suspended, in Okta; still holding a Temporal Cloud account.
    expect(temporal.filter((e) => ["DEPROVISIONED", "SUSPENDED"].includes(okta.get(e) ?? ""))).toEqual(expect.arrayContaining(["devon.dev@example.com", "riley.read@example.com"]));
    expect(loadOktaFixture().users.find((u) => u.email === "devon.dev@example.com")?.status).toBe("DEPROVISIONED");
  });
});

describe("generateOktaOrg", () => {
  it("is deterministic and exact in its counts", () => {
    const options = { users: 2_000, groups: 40, memberships: 9_000, apps: 12 };
    const a = generateOktaOrg(options);
    expect(a).toEqual(generateOktaOrg(options));
    expect(a.users).toHaveLength(2_000);
    expect(a.groups).toHaveLength(40);
    expect(a.apps).toHaveLength(12);
    expect(a.groups.reduce((n, g) => n + g.members.length, 0)).toBe(9_000);
    expect(a.groups.every((g) => new Set(g.members).size === g.members.length)).toBe(true);
    expect(a.users.filter((u) => u.status === "DEPROVISIONED")).toHaveLength(40);
    expect(new Set(a.users.map((u) => u.id)).size).toBe(2_000);
    expect([...a.users.map((u) => u.id)].sort()).toEqual(a.users.map((u) => u.id));
  });

  it("builds the benchmark org (100,000 users, 5,000 groups, 1,000,000 memberships, 500 apps) compactly", () => {
    const before = process.memoryUsage().heapUsed;
    const started = Date.now();
    const org = generateOktaOrg({ users: 100_000, groups: 5_000, memberships: 1_000_000, apps: 500 });
    expect(org.groups.reduce((n, g) => n + g.members.length, 0)).toBe(1_000_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(400 * 1024 * 1024);
  });
});

describe("okta simulator", () => {
  it("pages users with limit, opaque cursors and absolute Link headers; hides DEPROVISIONED by default", async () => {
    sim = await startOktaSimulator({ org: generateOktaOrg({ users: 120, groups: 2, memberships: 130, apps: 1 }) });
    const first = await get("/api/v1/users?limit=50");
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(50);
    const link = links(first.headers);
    expect(link.self).toBe(`${sim.url}/api/v1/users?limit=50`);
    expect(link.next).toMatch(new RegExp(`^${sim.url}/api/v1/users\\?limit=50&after=`));
    const ids: string[] = [];
    for (let url: string | undefined = "/api/v1/users?limit=50"; url; ) {
      const page = await get(url);
      ids.push(...(page.body as { id: string; status: string }[]).map((u) => u.id));
      url = links(page.headers).next;
    }
    const visible = sim.state.org.users.filter((u) => u.status !== "DEPROVISIONED");
    expect(ids).toEqual(visible.map((u) => u.id));
    expect(sim.stats.byRoute["GET /api/v1/users"]).toBe(1 + Math.ceil(visible.length / 50));
    const deprovisioned = await get(`/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`);
    expect((deprovisioned.body as { status: string }[]).map((u) => u.status)).toEqual(["DEPROVISIONED", "DEPROVISIONED", "DEPROVISIONED"]);
    // A cursor the client made up, or one from another list, is refused.
    const cursor = new URL(link.next ?? "").searchParams.get("after") ?? "";
    expect((await get(`/api/v1/users?after=${Buffer.from(sim.state.org.users[10].id).toString("base64url")}`)).status).toBe(400);
    expect((await get(`/api/v1/groups?after=${cursor}`)).status).toBe(400);
  });

  it("caps limits as Okta does and writes Okta's nullable fields as null", async () => {
    sim = await startOktaSimulator({ org: generateOktaOrg({ users: 450, groups: 2, memberships: 460, apps: 1 }) });
    expect((await get("/api/v1/users?limit=1000")).body).toHaveLength(200);
    const [staged] = (await get(`/api/v1/users?search=${encodeURIComponent('status eq "STAGED"')}`)).body as Record<string, unknown>[];
    expect(staged).toMatchObject({ status: "STAGED", activated: null, lastLogin: null, transitioningToStatus: null });
    expect(staged).not.toHaveProperty("credentials");
  });

  it("keeps a rate-limit bucket per endpoint that depletes, answers 429 E0000047, and refills at the reset", async () => {
    const clock = fakeClock();
    sim = await startOktaSimulator({ now: clock.now, rateLimits: { perMinute: { "GET /api/v1/groups": 2 } } });
    const a = await get("/api/v1/groups");
    expect([a.headers.get("x-rate-limit-limit"), a.headers.get("x-rate-limit-remaining")]).toEqual(["2", "1"]);
    expect(a.headers.get("x-rate-limit-reset")).toBe(String(clock.now() / 1000 + 60));
    expect(a.headers.get("date")).toBe(new Date(clock.now()).toUTCString());
    expect((await get("/api/v1/groups")).headers.get("x-rate-limit-remaining")).toBe("0");
    const limited = await get("/api/v1/groups");
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ errorCode: "E0000047" });
    expect((await get("/api/v1/apps")).status).toBe(200); // another bucket
    clock.advance(60_000);
    expect((await get("/api/v1/groups")).status).toBe(200);
  });

  it("authenticates SSWS tokens and refuses bad or under-privileged ones", async () => {
    sim = await startOktaSimulator({ credentials: { apiTokens: [{ token: "00full", scopes: "all" }, { token: "00users", scopes: ["okta.users.read"] }], clients: [] } });
    expect((await get("/api/v1/groups", { authorization: "SSWS 00full" })).status).toBe(200);
    expect((await get("/api/v1/groups", { authorization: "SSWS nope" })).body).toMatchObject({ errorCode: "E0000011", errorSummary: "Invalid token provided" });
    expect((await get("/api/v1/users", { authorization: "SSWS 00users" })).status).toBe(200);
    const denied = await get("/api/v1/groups", { authorization: "SSWS 00users" });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ errorCode: "E0000006" });
  });

  it("changes memberships of OKTA_GROUP groups idempotently and refuses the others", async () => {
    sim = await startOktaSimulator();
    const group = sim.state.org.groups.find((g) => g.name === "Finance")!;
    const user = sim.state.org.users[0];
    const put = () => fetch(`${sim?.url}/api/v1/groups/${group.id}/users/${user.id}`, { method: "PUT", headers: SSWS });
    expect((await put()).status).toBe(204);
    expect((await put()).status).toBe(204);
    expect(group.members.filter((id) => id === user.id)).toHaveLength(1);
    expect(group.members).toEqual([...group.members].sort());
    const del = () => fetch(`${sim?.url}/api/v1/groups/${group.id}/users/${user.id}`, { method: "DELETE", headers: SSWS });
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(204);
    expect(group.members).not.toContain(user.id);
    for (const type of ["APP_GROUP", "BUILT_IN"]) {
      const other = sim.state.org.groups.find((g) => g.type === type)!;
      expect((await fetch(`${sim.url}/api/v1/groups/${other.id}/users/${user.id}`, { method: "PUT", headers: SSWS })).status).toBe(403);
    }
    sim.reset("state");
    expect(sim.state.groups.get(group.id)?.members).toEqual(demoOktaOrg().groups.find((g) => g.name === "Finance")?.members);
  });

  it("takes faults over POST /__control, skips and counts them, and deletes a group mid-listing", async () => {
    sim = await startOktaSimulator();
    const control = (body: unknown) => fetch(`${sim?.url}/__control`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await control({ fault: { kind: "server-error", path: "/api/v1/apps", skip: 1, times: 1, status: 503 } })).status).toBe(200);
    expect((await get("/api/v1/apps")).status).toBe(200);
    expect((await get("/api/v1/apps")).status).toBe(503);
    expect((await get("/api/v1/apps")).status).toBe(200);
    const engineering = sim.state.org.groups.find((g) => g.name === "Engineering")!;
    await control({ fault: { kind: "delete-group", path: "/users", times: 1 } });
    const first = await get(`/api/v1/groups/${engineering.id}/users?limit=2`);
    expect(first.status).toBe(200);
    expect((await get(links(first.headers).next ?? "")).status).toBe(404);
    await control({ fault: { kind: "html", times: 1 } });
    const html = await fetch(`${sim.url}/api/v1/users`, { headers: SSWS });
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
    expect((await control({ fault: { kind: "explode" } })).status).toBe(400);
    await control({ reset: "state" });
    expect(sim.state.groups.has(engineering.id)).toBe(true);
    expect(sim.stats.total).toBe(0);
  });

  it("serves app logos from its own origin and closes promptly with a slow answer pending", async () => {
    sim = await startOktaSimulator({ faults: [{ kind: "slow", path: "/api/v1/groups", delayMs: 60_000 }] });
    const [app] = sim.state.org.apps;
    const logo = await fetch(`${sim.url}/fs/bco/4/${app.id}`);
    expect(logo.headers.get("content-type")).toBe("image/svg+xml");
    expect(await logo.text()).toContain("Temporal Cloud");
    const pending = fetch(`${sim.url}/api/v1/groups`, { headers: SSWS }).catch(() => "closed");
    await new Promise((resolve) => setTimeout(resolve, 30));
    const started = Date.now();
    await sim.close();
    sim = undefined;
    await pending;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
