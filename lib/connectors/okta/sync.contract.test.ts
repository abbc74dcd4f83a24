// Contract: sync over real HTTP against the simulator, every exchange checked against the spec.
import { afterEach, describe, expect, it } from "vitest";
import { generateOktaOrg } from "@/e2e/upstreams/okta/generate";
import { startSpecCheckedOktaSimulator, type SpecCheckedOktaSimulator } from "@/e2e/upstreams/okta/spec-checked";
import type { OktaOrg } from "@/e2e/upstreams/okta/state";
import type { SyncRecord } from "../types";
import { createOktaConnector, okta } from "./index";
import { collect, grantsOf, oauthConfig, resources, testContext, TOKEN_CONFIG } from "./test-helpers";

let sim: SpecCheckedOktaSimulator | undefined;
afterEach(async () => {
  expect(sim?.violations ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

/** Who an app lists: direct and group-derived assignees, once each, not deactivated. */
function appUserCounts(org: OktaOrg, appId: string) {
  const app = org.apps.find((a) => a.id === appId)!;
  const active = new Set(org.users.filter((u) => u.status !== "DEPROVISIONED").map((u) => u.id));
  const direct = app.users.filter((id) => active.has(id));
  const all = new Set([...direct, ...app.groups.flatMap((g) => org.groups.find((x) => x.id === g)!.members.filter((id) => active.has(id)))]);
  return { direct: direct.length, all: all.size };
}

describe("okta sync", () => {
  it("syncs the demo org: every user status, groups, memberships, apps and assignments", async () => {
    sim = await startSpecCheckedOktaSimulator();
    const org = sim.state.org;
    const records = await collect(okta.sync(TOKEN_CONFIG, testContext(sim.url)));
    const users = resources(records, "user");
    expect(users).toHaveLength(25);
    const statuses = (status: string) => users.filter((u) => u.user?.status === status).map((u) => u.user?.email).sort();
    expect(statuses("deleted")).toEqual(["devon.dev@example.com", "eve.contractor@example.com", "margaret@example.com"]);
    expect(statuses("disabled")).toEqual(["leo.leave@example.com", "riley.read@example.com"]);
    expect(statuses("enabled")).toHaveLength(20);
    expect(resources(records, "group")).toHaveLength(8);
    expect(grantsOf(records, "group:")).toHaveLength(org.groups.reduce((n, g) => n + g.members.length, 0));
    expect(resources(records, "app")).toHaveLength(8);
    const direct = org.apps.reduce((n, a) => n + appUserCounts(org, a.id).direct, 0);
    const groupAssignments = org.apps.reduce((n, a) => n + a.groups.length, 0);
    expect(grantsOf(records, "app:").filter((g) => g.type === "grant" && g.principal.resourceTypeId === "user")).toHaveLength(direct);
    expect(grantsOf(records, "app:").filter((g) => g.type === "grant" && g.principal.resourceTypeId === "group")).toHaveLength(groupAssignments);
    expect(resources(records, "role").map((r) => r.id).sort()).toEqual(["APP_ADMIN", "GROUP_MEMBERSHIP_ADMIN", "READ_ONLY_ADMIN", "SUPER_ADMIN", "cr0gkd00000000000001"]);
    expect(grantsOf(records, "role:")).toHaveLength(5);
    // The minimum: one page of each list, plus one request per group and two per app.
    expect(sim.stats.byRoute).toEqual({
      "GET /api/v1/users": 2,
      "GET /api/v1/groups": 1,
      "GET /api/v1/groups/{groupId}/users": 8,
      "GET /api/v1/apps": 1,
      "GET /api/v1/apps/{appId}/users": 8,
      "GET /api/v1/apps/{appId}/groups": 8,
      "GET /api/v1/iam/assignees/users": 1,
      "GET /api/v1/users/{userId}/roles": 4,
    });
  });

  it("maps the orphaned-access case and the profile the console shows", async () => {
    sim = await startSpecCheckedOktaSimulator();
    const records = await collect(okta.sync(TOKEN_CONFIG, testContext(sim.url)));
    const devon = resources(records, "user").find((u) => u.user?.email === "devon.dev@example.com");
    const alan = resources(records, "user").find((u) => u.user?.email === "alan@example.com");
    expect(devon).toMatchObject({ displayName: "Devon Drake", user: { login: "devon.dev@example.com", status: "deleted" }, profile: { oktaStatus: "DEPROVISIONED", department: "Engineering", managerId: alan?.id, manager: "Alan Turing" } });
    expect(Object.keys(devon?.profile ?? {})).toEqual(expect.arrayContaining(["oktaStatus", "firstName", "lastName", "department", "title", "managerId", "manager", "employeeNumber"]));
    const nia = resources(records, "user").find((u) => u.user?.email === "new.hire@example.com");
    expect(nia?.profile).toMatchObject({ oktaStatus: "STAGED", lastLogin: null });
    const everyone = records.find((r) => r.type === "entitlement" && r.displayName === "Everyone Group Member");
    const domainUsers = records.find((r) => r.type === "entitlement" && r.displayName === "Domain Users Group Member");
    const engineering = records.find((r) => r.type === "entitlement" && r.displayName === "Engineering Group Member");
    expect([everyone, domainUsers, engineering].map((e) => e?.type === "entitlement" && e.provisionable)).toEqual([false, false, true]);
    const temporal = resources(records, "app").find((a) => a.displayName === "Temporal Cloud");
    expect(temporal?.profile).toMatchObject({ label: "Temporal Cloud", status: "ACTIVE", signOnMode: "SAML_2_0", logoUrl: `${sim.url}/fs/bco/4/${temporal?.id}` });
    expect(resources(records, "app").find((a) => a.displayName === "Benefits Portal")?.profile).toMatchObject({ status: "INACTIVE", logoUrl: null });
    const temporalGroup = resources(records, "group").find((g) => g.displayName === "Temporal Cloud Users");
    expect(records).toContainEqual({ type: "grant", id: `app:${temporal?.id}:assigned:group:${temporalGroup?.id}`, entitlementId: `app:${temporal?.id}:assigned`, principal: { resourceTypeId: "group", id: temporalGroup?.id } });
  });

  it("emits every grant after its entitlement and principal", async () => {
    sim = await startSpecCheckedOktaSimulator();
    const records = await collect(okta.sync(TOKEN_CONFIG, testContext(sim.url)));
    expect(records.slice(0, 3).map((r) => r.type)).toEqual(["resourceType", "resourceType", "resourceType"]);
    const seen = new Set<string>();
    for (const record of records) {
      if (record.type === "entitlement") seen.add(record.id);
      if (record.type === "resource") seen.add(`${record.resourceTypeId}:${record.id}`);
      if (record.type === "grant") {
        expect(seen.has(record.entitlementId)).toBe(true);
        expect(seen.has(`${record.principal.resourceTypeId}:${record.principal.id}`)).toBe(true);
      }
    }
    expect(new Set(records.filter((r) => r.type === "grant").map((r) => (r as { id: string }).id)).size).toBe(records.filter((r) => r.type === "grant").length);
  });

  it("pages a larger org with small pages in exactly the minimum requests, following Link only", async () => {
    const org = generateOktaOrg({ users: 173, groups: 12, memberships: 420, apps: 7 });
    sim = await startSpecCheckedOktaSimulator({ org });
    const sizes = { users: 50, groups: 5, groupUsers: 20, apps: 3, appUsers: 10, appGroups: 20, roleAssignees: 2 };
    const records = await collect(createOktaConnector({ pageSizes: sizes }).sync(TOKEN_CONFIG, testContext(sim.url)));
    const deprovisioned = org.users.filter((u) => u.status === "DEPROVISIONED").length;
    expect(resources(records, "user")).toHaveLength(173);
    expect(grantsOf(records, "group:")).toHaveLength(420);
    expect(sim.stats.byRoute).toEqual({
      "GET /api/v1/users": pages(deprovisioned, 50) + pages(173 - deprovisioned, 50),
      "GET /api/v1/groups": pages(12, 5),
      "GET /api/v1/groups/{groupId}/users": org.groups.reduce((n, g) => n + pages(g.members.length, 20), 0),
      "GET /api/v1/apps": pages(7, 3),
      "GET /api/v1/apps/{appId}/users": org.apps.reduce((n, a) => n + pages(appUserCounts(org, a.id).all, 10), 0),
      "GET /api/v1/apps/{appId}/groups": 7,
      "GET /api/v1/iam/assignees/users": pages(5, 2),
      "GET /api/v1/users/{userId}/roles": 5,
    });
    // Every cursor sent is one Okta issued in an earlier Link rel="next": none was built.
    const issued = new Set<string>();
    for (const exchange of sim.exchanges) {
      if (exchange.query.after !== undefined) expect(issued.has(exchange.query.after)).toBe(true);
      for (const link of [exchange.responseHeaders.link ?? []].flat()) {
        const next = /^<([^>]+)>; rel="next"$/.exec(link)?.[1];
        if (next) issued.add(new URL(next).searchParams.get("after") ?? "");
      }
    }
    expect(sim.exchanges.filter((e) => e.query.after !== undefined).length).toBeGreaterThan(20);
  });

  it("syncs the same snapshot with an API token, an OAuth PEM key and an OAuth JWK", async () => {
    sim = await startSpecCheckedOktaSimulator();
    const ids = (records: SyncRecord[]) => records.map((r) => (r.type === "resourceType" ? r.id : r.type === "resource" ? `${r.resourceTypeId}:${r.id}` : r.id)).sort();
    const token = await collect(okta.sync(TOKEN_CONFIG, testContext(sim.url)));
    const pem = await collect(createOktaConnector().sync(oauthConfig(), testContext(sim.url)));
    const jwk = await collect(createOktaConnector().sync(oauthConfig({ jwk: true }), testContext(sim.url)));
    expect(ids(pem)).toEqual(ids(token));
    expect(ids(jwk)).toEqual(ids(token));
    // One token for the directory scopes and one for okta.roles.read, per connector.
    expect(sim.stats.byRoute["POST /oauth2/v1/token"]).toBe(4);
    const bearer = sim.exchanges.filter((e) => String(e.headers.authorization).startsWith("Bearer "));
    expect(bearer.length).toBeGreaterThan(60);
  });

  it("skips admin roles with a warning when the credential cannot read them", async () => {
    sim = await startSpecCheckedOktaSimulator({ credentials: { apiTokens: [{ token: "00reader", scopes: ["okta.users.read", "okta.groups.read", "okta.apps.read"] }], clients: [] } });
    const ctx = testContext(sim.url);
    const records = await collect(okta.sync({ ...TOKEN_CONFIG, apiToken: "00reader" }, ctx));
    expect(resources(records, "role")).toHaveLength(0);
    expect(records.some((r) => r.type === "resourceType" && r.id === "role")).toBe(false);
    expect(ctx.logs.some((l) => /^warn Okta: admin roles not synced.*E0000006/.test(l))).toBe(true);
    expect(resources(records, "user")).toHaveLength(25);
  });

  it("streams: the second users page is not fetched before the first page's records are consumed", async () => {
    const org = generateOktaOrg({ users: 120, groups: 2, memberships: 130, apps: 1 });
    sim = await startSpecCheckedOktaSimulator({ org });
    const iterator = createOktaConnector({ pageSizes: { users: 20 } }).sync(TOKEN_CONFIG, testContext(sim.url))[Symbol.asyncIterator]();
    const deactivated = org.users.filter((u) => u.status === "DEPROVISIONED").length;
    // 3 resource types, the deactivated users, then the first user of the first default page.
    for (let i = 0; i < 3 + deactivated + 1; i++) await iterator.next();
    expect(sim.stats.byRoute["GET /api/v1/users"]).toBe(2);
    await iterator.return?.(undefined);
    expect(sim.stats.byRoute["GET /api/v1/users"]).toBe(2);
  });
});
