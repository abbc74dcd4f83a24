// Contract: every injected fault ends in success after bounded retries or in a named error,
// and the simulator's counts prove how many attempts it took.
import { afterEach, describe, expect, it } from "vitest";
import { startSpecCheckedSimulator, type SpecCheckedSimulator } from "@/e2e/upstreams/cloudflare/spec-checked";
import { generateCloudflareAccount } from "@/e2e/upstreams/cloudflare/state";
import { cloudflare, createCloudflareConnector } from "./index";
import { collect, rejection, testContext, TOKEN_CONFIG } from "./test-helpers";

const MEMBERS = "GET /accounts/{account_id}/members";
const ATTEMPTS = 5; // the shared helper's 1 try + 4 retries

let sim: SpecCheckedSimulator | undefined;
afterEach(async () => {
  expect(sim?.violations ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});

async function start(members = 120) {
  sim = await startSpecCheckedSimulator({ fixture: generateCloudflareAccount({ members, roles: 4 }) });
  return sim;
}

describe("cloudflare faults", () => {
  it("429 with Retry-After: waits what Cloudflare asks, then completes", async () => {
    const s = await start();
    s.inject({ kind: "rate-limit", path: "/members", times: 2, retryAfterSeconds: 7 });
    const ctx = testContext(s.url);
    await collect(cloudflare.sync(TOKEN_CONFIG, ctx));
    expect(ctx.sleeps).toEqual([7_000, 7_000]);
    expect(s.stats.byRoute[MEMBERS]).toBe(3 + 2);
  });

  it("429 forever: rate_limited after bounded attempts", async () => {
    const s = await start();
    s.inject({ kind: "rate-limit", path: "/members" });
    const error = await rejection(collect(cloudflare.sync(TOKEN_CONFIG, testContext(s.url))));
    expect(error).toMatchObject({ kind: "rate_limited", retryable: true });
    expect(s.stats.byRoute[MEMBERS]).toBe(ATTEMPTS);
  });

  it("429 asking for longer than we honour: rate_limited at once", async () => {
    const s = await start();
    s.inject({ kind: "rate-limit", path: "/members", retryAfterSeconds: 300 });
    const ctx = testContext(s.url);
    const error = await rejection(collect(cloudflare.sync(TOKEN_CONFIG, ctx)));
    expect(error.kind).toBe("rate_limited");
    expect(s.stats.byRoute[MEMBERS]).toBe(1);
    expect(ctx.sleeps).toEqual([]);
  });

  it("5xx twice: retried with growing backoff, then completes", async () => {
    const s = await start();
    s.inject({ kind: "server-error", path: "/roles", times: 2, status: 503 });
    const ctx = testContext(s.url);
    await collect(cloudflare.sync(TOKEN_CONFIG, ctx));
    expect(ctx.sleeps).toEqual([500, 1_000]);
    expect(s.stats.byRoute["GET /accounts/{account_id}/roles"]).toBe(3);
  });

  it("5xx forever: upstream_unavailable with Cloudflare's message after bounded attempts", async () => {
    const s = await start();
    s.inject({ kind: "server-error", path: "/members" });
    const error = await rejection(collect(cloudflare.sync(TOKEN_CONFIG, testContext(s.url))));
    expect(error).toMatchObject({ kind: "upstream_unavailable", retryable: true });
    expect(error.message).toMatch(/500: Internal server error \(10001\)/);
    expect(s.stats.byRoute[MEMBERS]).toBe(ATTEMPTS);
  });

  it("slow beyond the timeout: timeout after bounded attempts", async () => {
    const s = await start(10);
    s.inject({ kind: "slow", path: "/accounts/", delayMs: 2_000 });
    const fast = createCloudflareConnector({ timeoutMs: 60 });
    const error = await rejection(fast.check(TOKEN_CONFIG, testContext(s.url)));
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
    expect(s.stats.byRoute["GET /accounts/{account_id}"]).toBe(ATTEMPTS);
  });

  it("slow within the timeout: answers, no retry", async () => {
    const s = await start(10);
    s.inject({ kind: "slow", delayMs: 30 });
    const result = await createCloudflareConnector({ timeoutMs: 2_000 }).check(TOKEN_CONFIG, testContext(s.url));
    expect(result.ok).toBe(true);
    expect(s.stats.total).toBe(2);
  });

  it("malformed JSON: malformed_response at once (retrying would not fix it)", async () => {
    const s = await start();
    s.inject({ kind: "malformed-json", path: "/members", times: 1 });
    const error = await rejection(collect(cloudflare.sync(TOKEN_CONFIG, testContext(s.url))));
    expect(error.kind).toBe("malformed_response");
    expect(s.stats.byRoute[MEMBERS]).toBe(1);
  });

  it("a page changing between requests: conflict (retryable) instead of a skewed snapshot", async () => {
    const s = await start(150);
    s.inject({ kind: "page-drift", path: "/members", times: 1 });
    const error = await rejection(collect(cloudflare.sync(TOKEN_CONFIG, testContext(s.url))));
    expect(error).toMatchObject({ kind: "conflict", retryable: true });
    expect(error.message).toMatch(/150 → 151/);
    expect(s.stats.byRoute[MEMBERS]).toBe(2);
  });

  it("credentials revoked mid-sync: unauthorized on apiToken, not retried", async () => {
    const s = await start();
    s.inject({ kind: "bad-credentials", path: "/members" });
    const error = await rejection(collect(cloudflare.sync(TOKEN_CONFIG, testContext(s.url))));
    expect(error).toMatchObject({ kind: "unauthorized", field: "apiToken" });
    expect(s.stats.byRoute[MEMBERS]).toBe(1);
  });

  it("a closed port: upstream_unavailable after bounded attempts", async () => {
    const s = await start(1);
    const url = s.url;
    await s.close();
    sim = undefined;
    const error = await rejection(cloudflare.check(TOKEN_CONFIG, testContext(url)));
    expect(error).toMatchObject({ kind: "upstream_unavailable", retryable: true });
    expect(error.message).toMatch(/after 5 attempts/);
  });

  it("cancellation: an aborted signal stops the sync with a named error", async () => {
    const s = await start();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(collect(cloudflare.sync(TOKEN_CONFIG, testContext(s.url, { signal: controller.signal }))));
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/cancelled/);
  });
});
