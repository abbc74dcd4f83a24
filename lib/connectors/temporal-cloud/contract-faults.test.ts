// Every injected fault ends in a named ConnectorError after a bounded number of attempts, counted
// on the simulator. The context's sleep is instant, so retries and Retry-After cost no time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generateTemporalOrg, startTemporalCloudSimulator, WIRES, type Fault, type TemporalCloudSimulator } from "@/e2e/upstreams/temporal-cloud/server";
import { calls, collect, CONFIG, countByType, failure, testContext } from "./contract-support";
import { createTemporalCloudConnector, temporalCloud } from "./index";

// 2,500 users: three pages, so a fault can hit a follow-up page.
const org = generateTemporalOrg({ users: 2500, namespaces: 12, grants: 5000, serviceAccounts: 2, seed: 3 });
const ATTEMPTS = 5; // the HTTP helper's default policy: 1 try + 4 retries

// Every test runs twice: against the compact wire and against grpc-gateway's full emission
// (every field written, null for unset messages), with the same expectations.
describe.each(WIRES)("faults over the %s wire", (wire) => {
  let sim: TemporalCloudSimulator;
  beforeAll(async () => {
    sim = await startTemporalCloudSimulator({ org, wire });
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.control({ action: "clear-faults" });
    sim.control({ action: "set-api-keys", apiKeys: [CONFIG.apiKey] });
    sim.stats.reset();
  });

  /** Arms faults through the HTTP control endpoint, as a Playwright run would. */
  async function arm(...faults: Fault[]) {
    const response = await fetch(`${sim.url}/__control`, { method: "POST", body: JSON.stringify({ action: "set-faults", faults }) });
    expect(response.status).toBe(200);
  }

  describe("credentials", () => {
    it("a wrong key is unauthorized on the apiKey field, with the upstream's message, in one request", async () => {
      const error = await failure(temporalCloud.check({ ...CONFIG, apiKey: "tc-wrong" }, testContext(sim).ctx), "unauthorized");
      expect(error.field).toBe("apiKey");
      expect(error.message).toMatch(/API key is invalid or expired.*Request unauthenticated: invalid API key/);
      expect(calls(sim)).toEqual({ "account.get": 1 });
    });

    it("an expired key fails the sync the same way", async () => {
      sim.control({ action: "set-api-keys", apiKeys: [], expiredApiKeys: [CONFIG.apiKey] });
      const error = await failure(collect(temporalCloud.sync(CONFIG, testContext(sim).ctx)), "unauthorized");
      expect(error.message).toContain("API key expired");
      expect(sim.stats.total).toBe(1);
    });

    it("403 with a gateway body is forbidden on the apiKey field", async () => {
      await arm({ kind: "status", status: 403, code: 7, message: "permission denied: key lacks account access" });
      const error = await failure(temporalCloud.check(CONFIG, testContext(sim).ctx), "forbidden");
      expect([error.field, error.options.status]).toEqual(["apiKey", 403]);
      expect(error.message).toContain("key lacks account access");
      expect(sim.stats.total).toBe(1);
    });

    it("401 with a non-JSON body still names the key and quotes the body", async () => {
      await arm({ kind: "status", status: 401, body: "<html><body><h1>401 Authorization Required</h1></body></html>" });
      const error = await failure(temporalCloud.check(CONFIG, testContext(sim).ctx), "unauthorized");
      expect(error.field).toBe("apiKey");
      expect(error.message).toContain("401 Authorization Required");
    });

    it("an empty key never reaches the network", async () => {
      const error = await failure(temporalCloud.check({ ...CONFIG, apiKey: " " }, testContext(sim).ctx), "invalid_config");
      expect(error.field).toBe("apiKey");
      expect(sim.stats.total).toBe(0);
    });
  });

  describe("rate limits and server errors", () => {
    it("honours Retry-After on 429 and completes the sync", async () => {
      await arm({ kind: "status", match: "users.list", skip: 1, times: 2, status: 429, code: 8, message: "rate limited", retryAfter: "7" });
      const context = testContext(sim);
      const records = await collect(temporalCloud.sync(CONFIG, context.ctx));
      expect(countByType(records).grant).toBe(2500 + 5000);
      expect(context.sleeps).toEqual([7000, 7000]);
      expect(calls(sim)).toEqual({ "namespaces.list": 1, "service-accounts.list": 1, "users.list": 3 + 2 });
    });

    it("429 that never stops is rate_limited after bounded retries", async () => {
      await arm({ kind: "status", match: "namespaces.list", status: 429, code: 8, message: "rate limited", retryAfter: "1" });
      await failure(collect(temporalCloud.sync(CONFIG, testContext(sim).ctx)), "rate_limited");
      expect(calls(sim)).toEqual({ "namespaces.list": ATTEMPTS });
    });

    it("a Retry-After longer than the policy allows is not waited for", async () => {
      await arm({ kind: "status", match: "account.get", status: 429, retryAfter: "3600" });
      const context = testContext(sim);
      await failure(temporalCloud.check(CONFIG, context.ctx), "rate_limited");
      expect([sim.stats.total, context.sleeps]).toEqual([1, []]);
    });

    it("a 500 on a later page is retried and the sync completes", async () => {
      await arm({ kind: "status", match: "users.list", skip: 2, times: 1, status: 500, code: 13, message: "internal error" });
      const records = await collect(temporalCloud.sync(CONFIG, testContext(sim).ctx));
      expect(countByType(records).resource).toBe(5 + 12 + 2 + 2500);
      expect(sim.stats.byKind["users.list"]).toBe(4);
    });

    it("a 500 that never stops is upstream_unavailable with the upstream's message", async () => {
      await arm({ kind: "status", match: "users.get", status: 503, code: 14, message: "backend unavailable" });
      const error = await failure(
        temporalCloud.grant(CONFIG, { entitlementId: "account-role:admin:member", principalId: org.users.idAt(5) }, testContext(sim).ctx),
        "upstream_unavailable",
      );
      expect(error.message).toContain("backend unavailable");
      expect(calls(sim)).toEqual({ "users.get": ATTEMPTS });
    });
  });

  describe("broken answers", () => {
    it("a slow upstream times out after bounded retries", async () => {
      await arm({ kind: "slow", match: "account.get", delayMs: 2000 });
      const connector = createTemporalCloudConnector({ timeoutMs: 80 });
      const started = Date.now();
      await failure(connector.check(CONFIG, testContext(sim).ctx), "timeout");
      expect(calls(sim)).toEqual({ "account.get": ATTEMPTS });
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it("a slow answer within the timeout is just slow", async () => {
      await arm({ kind: "slow", match: "account.get", delayMs: 50, times: 1 });
      expect((await createTemporalCloudConnector({ timeoutMs: 2000 }).check(CONFIG, testContext(sim).ctx)).ok).toBe(true);
    });

    it("malformed JSON on a later page is malformed_response, not retried", async () => {
      await arm({ kind: "malformed", match: "users.list", skip: 1 });
      const error = await failure(collect(temporalCloud.sync(CONFIG, testContext(sim).ctx)), "malformed_response");
      expect(error.message).toContain("/cloud/users");
      expect(sim.stats.byKind["users.list"]).toBe(2);
    });

    it("valid JSON of the wrong shape is malformed_response naming the field", async () => {
      await arm({ kind: "status", match: "namespaces.list", status: 200, body: JSON.stringify({ namespaces: [{ spec: { name: "x" } }] }) });
      const error = await failure(collect(temporalCloud.sync(CONFIG, testContext(sim).ctx)), "malformed_response");
      expect(error.message).toContain("namespaces.0.namespace");
    });

    it("a page that changes between requests stops the sync with a conflict", async () => {
      await arm({ kind: "page-change", match: "users.list", times: 1 });
      const records: string[] = [];
      const error = await failure(
        (async () => {
          for await (const record of temporalCloud.sync(CONFIG, testContext(sim).ctx)) if (record.type === "resource" && record.resourceTypeId === "user") records.push(record.id);
        })(),
        "conflict",
      );
      expect(error.message).toMatch(/user list changed during the sync/);
      expect(error.retryable).toBe(true);
      // Page 1 was streamed; page 2 repeated its last user and was rejected before any record of it.
      expect(records).toHaveLength(1000);
      expect(sim.stats.byKind["users.list"]).toBe(2);
    });
  });
});
