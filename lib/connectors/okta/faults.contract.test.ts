// Contract: every injected fault ends in success after bounded retries or in a named error, the
// simulator's counts prove how many attempts it took, and a broken sync never ends as complete.
import { afterEach, describe, expect, it } from "vitest";
import { generateOktaOrg } from "@/e2e/upstreams/okta/generate";
import { startSpecCheckedOktaSimulator, type SpecCheckedOktaSimulator } from "@/e2e/upstreams/okta/spec-checked";
import type { SyncRecord } from "../types";
import { createOktaConnector, okta } from "./index";
import { collect, oauthConfig, rejection, testContext, TOKEN_CONFIG } from "./test-helpers";

const ATTEMPTS = 5; // 1 try + 4 retries (the shared retry policy)
let sim: SpecCheckedOktaSimulator | undefined;
afterEach(async () => {
  expect(sim?.violations ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});
const start = async (options: Parameters<typeof startSpecCheckedOktaSimulator>[0] = {}) => (sim = await startSpecCheckedOktaSimulator(options));

/** Drains a sync that must fail: the records before the error, the error, and the iterator after. */
async function failingSync(records: AsyncIterable<SyncRecord>) {
  const iterator = records[Symbol.asyncIterator]();
  const seen: SyncRecord[] = [];
  let error: { kind: string; message: string; retryable: boolean } | undefined;
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) seen.push(next.value);
  } catch (e) {
    error = e as typeof error;
  }
  return { seen, error, after: await iterator.next() };
}

describe("okta faults", () => {
  it("5xx twice: retried with growing backoff, then completes", async () => {
    const s = await start();
    s.inject({ kind: "server-error", path: "/api/v1/groups", method: "GET", times: 2, status: 503 });
    const ctx = testContext(s.url);
    await collect(okta.sync(TOKEN_CONFIG, ctx));
    expect(ctx.sleeps).toEqual([500, 1_000]);
    expect(s.stats.byRoute["GET /api/v1/groups"]).toBe(3);
  });

  it("5xx forever: upstream_unavailable with Okta's summary after bounded attempts", async () => {
    const s = await start();
    s.inject({ kind: "server-error", path: "/api/v1/apps" });
    const error = await rejection(okta.check(TOKEN_CONFIG, testContext(s.url)));
    expect(error).toMatchObject({ kind: "upstream_unavailable", retryable: true });
    expect(error.message).toMatch(/500 E0000009: Internal Server Error/);
    expect(s.stats.byRoute["GET /api/v1/apps"]).toBe(ATTEMPTS);
  });

  it("slow beyond the timeout: timeout after bounded attempts", async () => {
    const s = await start();
    s.inject({ kind: "slow", path: "/api/v1/users", delayMs: 2_000 });
    const error = await rejection(createOktaConnector({ timeoutMs: 60 }).check(TOKEN_CONFIG, testContext(s.url)));
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
    expect(s.stats.byRoute["GET /api/v1/users"]).toBe(ATTEMPTS);
  });

  it("malformed JSON: malformed_response at once (retrying would not fix it)", async () => {
    const s = await start();
    s.inject({ kind: "malformed", path: "/api/v1/groups", times: 1 });
    const error = await rejection(collect(okta.sync(TOKEN_CONFIG, testContext(s.url))));
    expect(error.kind).toBe("malformed_response");
    expect(s.stats.byRoute["GET /api/v1/groups"]).toBe(1);
  });

  it("a users page that vanishes mid-sync (its cursor 404s): a retryable conflict, nothing after it", async () => {
    const s = await start({ org: generateOktaOrg({ users: 90, groups: 3, memberships: 100, apps: 2 }) });
    s.inject({ kind: "vanish", path: "/api/v1/users", paged: true, times: 1 });
    const { seen, error, after } = await failingSync(createOktaConnector({ pageSizes: { users: 30 } }).sync(TOKEN_CONFIG, testContext(s.url)));
    expect(error).toMatchObject({ kind: "conflict", retryable: true });
    expect(error?.message).toMatch(/The users changed during the sync.*E0000007/);
    expect(after.done).toBe(true);
    expect(seen.filter((r) => r.type === "resource" && r.resourceTypeId === "user").length).toBeLessThan(90);
    expect(seen.some((r) => r.type === "resource" && r.resourceTypeId === "group")).toBe(false);
  });

  it("a group deleted while its members are paged: a retryable conflict naming the group", async () => {
    const org = generateOktaOrg({ users: 60, groups: 4, memberships: 150, apps: 1 });
    const s = await start({ org });
    s.inject({ kind: "delete-group", path: `/api/v1/groups/${org.groups[1].id}/users`, times: 1 });
    const { seen, error, after } = await failingSync(createOktaConnector({ pageSizes: { groupUsers: 10 } }).sync(TOKEN_CONFIG, testContext(s.url)));
    expect(error).toMatchObject({ kind: "conflict", retryable: true });
    expect(error?.message).toMatch(new RegExp(`members of group ${org.groups[1].id} changed during the sync`));
    expect(after.done).toBe(true);
    expect(seen.some((r) => r.type === "resource" && r.resourceTypeId === "app")).toBe(false);
  });

  it("an API token revoked mid-sync: unauthorized on apiToken, not retried", async () => {
    const s = await start();
    s.inject({ kind: "bad-token", path: "/api/v1/apps" });
    const error = await rejection(collect(okta.sync(TOKEN_CONFIG, testContext(s.url))));
    expect(error).toMatchObject({ kind: "unauthorized", field: "apiToken" });
    expect(s.stats.byRoute["GET /api/v1/apps"]).toBe(1);
  });

  it("an OAuth access token Okta stops accepting: one new token, then the sync completes", async () => {
    const s = await start();
    s.inject({ kind: "bad-token", path: "/api/v1/apps", method: "GET", times: 1 });
    const records = await collect(createOktaConnector().sync(oauthConfig(), testContext(s.url)));
    expect(records.filter((r) => r.type === "resource" && r.resourceTypeId === "app")).toHaveLength(8);
    expect(s.stats.byRoute["POST /oauth2/v1/token"]).toBe(3); // directory, its replacement, roles
    expect(s.stats.byRoute["GET /api/v1/apps"]).toBe(2);
  });

  it("a token endpoint 5xx: retried with a new client assertion (Okta spends each jti once)", async () => {
    const s = await start();
    s.inject({ kind: "server-error", path: "/oauth2/v1/token", times: 1, status: 503 });
    expect((await createOktaConnector().check(oauthConfig(), testContext(s.url))).ok).toBe(true);
    const assertions = s.exchanges.filter((e) => e.path === "/oauth2/v1/token").map((e) => (e.requestBody as { client_assertion: string }).client_assertion);
    expect(assertions).toHaveLength(2);
    expect(assertions[0]).not.toBe(assertions[1]);
  });

  it("a closed port: upstream_unavailable on the domain after bounded attempts", async () => {
    const s = await start();
    const url = s.url;
    await s.close();
    sim = undefined;
    const error = await rejection(okta.check(TOKEN_CONFIG, testContext(url)));
    expect(error).toMatchObject({ kind: "upstream_unavailable", field: "domain", retryable: true });
    expect(error.message).toMatch(/after 5 attempts/);
  });

  it("cancellation: an aborted signal stops the sync with a named error", async () => {
    const s = await start();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(collect(okta.sync(TOKEN_CONFIG, testContext(s.url, { signal: controller.signal }))));
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/cancelled/);
  });
});
