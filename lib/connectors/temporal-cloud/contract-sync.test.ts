// check and sync against the simulator over real HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateTemporalOrg, startTemporalCloudSimulator, WIRES, type TemporalCloudSimulator } from "@/e2e/upstreams/temporal-cloud/server";
import type { EntitlementRecord, GrantRecord, ResourceRecord, SyncRecord } from "../types";
import { calls, collect, CONFIG, countByType, testContext } from "./contract-support";
import { temporalCloud } from "./index";

/** Every grant's entitlement and principal come before it; types come first; ids are unique. */
function expectWellOrdered(records: SyncRecord[]) {
  // Violations are collected and compared once: an expect() per record made this slower than the sync.
  const problems: string[] = [];
  const seen = new Set<string>();
  let pastTypes = false;
  for (const record of records) {
    if (record.type === "resourceType" && pastTypes) problems.push(`type ${record.id} after other records`);
    if (record.type !== "resourceType") pastTypes = true;
    if (record.type === "grant") {
      if (!seen.has(`entitlement:${record.entitlementId}`)) problems.push(`grant ${record.id} before its entitlement`);
      if (!seen.has(`resource:${record.principal.resourceTypeId}:${record.principal.id}`)) problems.push(`grant ${record.id} before its principal`);
    }
    if (record.type === "entitlement" && !seen.has(`resource:${record.resource.resourceTypeId}:${record.resource.id}`)) {
      problems.push(`entitlement ${record.id} before its resource`);
    }
    const key = record.type === "resource" ? `resource:${record.resourceTypeId}:${record.id}` : `${record.type}:${record.id}`;
    if (seen.has(key)) problems.push(`duplicate ${key}`);
    seen.add(key);
  }
  expect(problems.slice(0, 5)).toEqual([]);
}

// Every test runs twice: against the compact wire and against grpc-gateway's full emission
// (every field written, null for unset messages), with the same expectations.
describe.each(WIRES)("over the %s wire", (wire) => {
  describe("Temporal Cloud sync of the fixture organisation", () => {
    let sim: TemporalCloudSimulator;
    beforeAll(async () => {
      sim = await startTemporalCloudSimulator({ wire });
    });
    afterAll(() => sim.close());
    afterEach(() => sim.stats.reset());

    it("check reads the account with one request and both headers", async () => {
      const { ctx } = testContext(sim);
      const result = await temporalCloud.check({ ...CONFIG, apiVersion: "v0.10.0" }, ctx);
      expect(result).toEqual({ ok: true, summary: "Connected to Temporal Cloud account a7f3c (API version v0.10.0)." });
      expect(calls(sim)).toEqual({ "account.get": 1 });
      expect(sim.stats.log[0].apiVersion).toBe("v0.10.0");
    });

    it("emits exactly the fixture's resources, entitlements and grants", async () => {
      const { ctx, warnings } = testContext(sim);
      const records = await collect(temporalCloud.sync(CONFIG, ctx));
      expectWellOrdered(records);
      expect(countByType(records)).toEqual({ resourceType: 4, resource: 5 + 3 + 2 + 8 + 1, entitlement: 5 + 9 + 1, grant: 8 + 7 });
      const grants = records.filter((record): record is GrantRecord => record.type === "grant").map((grant) => `${grant.entitlementId} ${grant.principal.id.slice(0, 4)}`);
      expect(grants).toEqual([
        "account-role:owner:member 0b5e",
        "namespace:prod.a7f3c:admin 0b5e",
        "account-role:financeadmin:member 1c6f",
        "account-role:admin:member 2d7a",
        "namespace:prod.a7f3c:admin 2d7a",
        "namespace:staging.a7f3c:admin 2d7a",
        "account-role:developer:member 3e8b",
        "namespace:staging.a7f3c:write 3e8b",
        "namespace:dev.a7f3c:admin 3e8b",
        "account-role:developer:member 4f9c",
        "namespace:dev.a7f3c:write 4f9c",
        "account-role:read:member 50ad",
        "namespace:prod.a7f3c:read 50ad",
        "account-role:read:member 61be",
        "account-role:metricsread:member 72cf",
      ]);
      // The newer role is kept with a generic name, not provisionable, and logged once.
      const metrics = records.find((record): record is EntitlementRecord => record.type === "entitlement" && record.id === "account-role:metricsread:member");
      expect(metrics).toMatchObject({ displayName: "Metrics Read (unrecognised role) Role Member", provisionable: false });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain("ROLE_METRICS_READ");
      const serviceAccounts = records.filter((record): record is ResourceRecord => record.type === "resource" && record.resourceTypeId === "service-account");
      expect(serviceAccounts.map((record) => record.displayName)).toEqual(["ci-deployer", "metrics-exporter"]);
      expect(calls(sim)).toEqual({ "namespaces.list": 1, "service-accounts.list": 1, "users.list": 1 });
      expect(sim.stats.log.every((entry) => entry.apiVersion === CONFIG.apiVersion)).toBe(true);
      expect(sim.stats.log.find((entry) => entry.kind === "users.list")?.path).toContain("page_size=1000");
    });

    it("spaces requests when pacing is on (real host) and not otherwise", async () => {
      const paced = testContext(sim, { pacing: true });
      await collect(temporalCloud.sync(CONFIG, paced.ctx));
      expect(paced.sleeps.length).toBe(2);
      expect(paced.sleeps.every((ms) => ms > 0 && ms <= 250)).toBe(true);
      const unpaced = testContext(sim);
      await collect(temporalCloud.sync(CONFIG, unpaced.ctx));
      expect(unpaced.sleeps).toEqual([]);
    });
  });

  describe("Temporal Cloud sync of a multi-page organisation", () => {
    // 3,000 users: three full pages, the last one with an empty token. 1,001 namespaces: two pages.
    const org = generateTemporalOrg({ users: 3000, namespaces: 1001, grants: 12_000, serviceAccounts: 3, seed: 7 });
    let sim: TemporalCloudSimulator;
    beforeAll(async () => {
      sim = await startTemporalCloudSimulator({ org, wire });
    });
    afterAll(() => sim.close());
    afterEach(() => sim.stats.reset());

    it("emits exact counts with the minimum number of requests", async () => {
      const { ctx, warnings } = testContext(sim);
      const records = await collect(temporalCloud.sync(CONFIG, ctx));
      expectWellOrdered(records);
      expect(countByType(records)).toEqual({ resourceType: 4, resource: 5 + 1001 + 3 + 3000, entitlement: 5 + 3 * 1001, grant: 3000 + 12_000 });
      // One request per page, nothing per namespace or per role.
      expect(calls(sim)).toEqual({ "namespaces.list": 2, "service-accounts.list": 1, "users.list": 3 });
      expect(sim.stats.total).toBe(6);
      expect(warnings).toEqual([]);

      const perEntitlement = new Map<string, number>();
      for (const record of records) if (record.type === "grant") perEntitlement.set(record.entitlementId, (perEntitlement.get(record.entitlementId) ?? 0) + 1);
      const bySuffix = (suffix: string) => [...perEntitlement].filter(([id]) => id.startsWith("namespace:") && id.endsWith(suffix)).reduce((sum, [, count]) => sum + count, 0);
      expect(perEntitlement.get("account-role:owner:member")).toBe(1);
      expect(perEntitlement.get("account-role:financeadmin:member")).toBe(org.counts.roles.ROLE_FINANCE_ADMIN);
      expect(org.counts.roles.ROLE_FINANCE_ADMIN).toBeGreaterThan(0);
      expect(perEntitlement.get("account-role:admin:member")).toBe(org.counts.roles.ROLE_ADMIN);
      expect(perEntitlement.get("account-role:developer:member")).toBe(org.counts.roles.ROLE_DEVELOPER);
      expect(perEntitlement.get("account-role:read:member")).toBe(org.counts.roles.ROLE_READ);
      expect([bySuffix(":admin"), bySuffix(":write"), bySuffix(":read")]).toEqual([
        org.counts.permissions.PERMISSION_ADMIN,
        org.counts.permissions.PERMISSION_WRITE,
        org.counts.permissions.PERMISSION_READ,
      ]);
    });

    it("streams: the first user arrives before the second page of users is requested", async () => {
      const { ctx } = testContext(sim);
      for await (const record of temporalCloud.sync(CONFIG, ctx)) {
        if (record.type === "resource" && record.resourceTypeId === "user") break;
      }
      expect(calls(sim)).toEqual({ "namespaces.list": 2, "service-accounts.list": 1, "users.list": 1 });
    });
  });
});
