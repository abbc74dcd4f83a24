// Contract: rate limits on a clock the simulator and the adapter share. Pacing waits for a
// bucket's reset before it runs out (no 429 at all); a 429 waits until X-Rate-Limit-Reset and
// retries, with no request beyond those retries.
import { afterEach, describe, expect, it } from "vitest";
import { generateOktaOrg } from "@/e2e/upstreams/okta/generate";
import { startSpecCheckedOktaSimulator, type SpecCheckedOktaSimulator } from "@/e2e/upstreams/okta/spec-checked";
import { createOktaConnector } from "./index";
import { createRateLimiter } from "./rate-limit";
import { collect, fakeClock, rejection, testContext, TOKEN_CONFIG } from "./test-helpers";

let sim: SpecCheckedOktaSimulator | undefined;
afterEach(async () => {
  expect(sim?.violations ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const USERS = "GET /api/v1/users";
const org = () => generateOktaOrg({ users: 110, groups: 2, memberships: 115, apps: 1 }); // 3 deactivated, 107 others: 1 + 6 pages of 20

describe("okta rate limits", () => {
  it("paces: when a bucket is down to its reserve, waits until the reset instead of spending it", async () => {
    const clock = fakeClock();
    sim = await startSpecCheckedOktaSimulator({ org: org(), now: clock.now, rateLimits: { perMinute: { [USERS]: 3 } } });
    const ctx = testContext(sim.url, { pacing: true }, clock);
    await collect(createOktaConnector({ now: clock.now, pageSizes: { users: 20 } }).sync(TOKEN_CONFIG, ctx));
    // 3 per minute, 1 kept in reserve: two requests per window, so 7 pages need 3 waits.
    expect(sim.stats.byRoute[USERS]).toBe(7);
    expect(ctx.sleeps).toEqual([60_000, 60_000, 60_000]);
    expect(sim.exchanges.filter((e) => e.status === 429)).toEqual([]);
    expect(ctx.logs).toContain(`info Okta: 1 of 3 requests left for ${USERS}; waiting 60 s for the window to reset.`);
  });

  it("measures the reset against Okta's Date header, so a skewed local clock waits the right time", async () => {
    const clock = fakeClock();
    sim = await startSpecCheckedOktaSimulator({ org: org(), now: clock.now, rateLimits: { perMinute: { [USERS]: 3 } } });
    const skewed = () => clock.now() + 7_000; // our clock runs 7 s ahead of Okta's
    const ctx = testContext(sim.url, { pacing: true }, clock);
    await collect(createOktaConnector({ now: skewed, pageSizes: { users: 20 } }).sync(TOKEN_CONFIG, ctx));
    expect(ctx.sleeps).toEqual([60_000, 60_000, 60_000]);
    expect(sim.exchanges.filter((e) => e.status === 429)).toEqual([]);
  });

  it("a 429 waits until X-Rate-Limit-Reset, then retries and completes (a storm of three)", async () => {
    const clock = fakeClock();
    sim = await startSpecCheckedOktaSimulator({ now: clock.now });
    sim.inject({ kind: "rate-limit", path: "/api/v1/groups", method: "GET", resetSeconds: 30, times: 3 });
    const ctx = testContext(sim.url, {}, clock);
    const records = await collect(createOktaConnector({ now: clock.now }).sync(TOKEN_CONFIG, ctx));
    expect(records.filter((r) => r.type === "resource" && r.resourceTypeId === "group")).toHaveLength(8);
    expect(ctx.sleeps).toEqual([30_000, 30_000, 30_000]);
    expect(sim.stats.byRoute["GET /api/v1/groups"]).toBe(1 + 3);
    expect(sim.stats.total).toBe(33 + 3);
  });

  it("without pacing (simulators), an exhausted bucket answers 429 and the retry waits for its reset", async () => {
    const clock = fakeClock();
    sim = await startSpecCheckedOktaSimulator({ org: org(), now: clock.now, rateLimits: { perMinute: { [USERS]: 3 } } });
    const ctx = testContext(sim.url, { pacing: false }, clock);
    await collect(createOktaConnector({ now: clock.now, pageSizes: { users: 20 } }).sync(TOKEN_CONFIG, ctx));
    const limited = sim.exchanges.filter((e) => e.status === 429);
    expect(limited).toHaveLength(2);
    expect(limited.every((e) => (e.responseBody as { errorCode: string }).errorCode === "E0000047")).toBe(true);
    expect(sim.stats.byRoute[USERS]).toBe(7 + 2);
    expect(ctx.sleeps).toEqual([60_000, 60_000]);
  });

  it("a reset further away than we wait, or 429 on every retry: rate_limited with Okta's words", async () => {
    const clock = fakeClock();
    sim = await startSpecCheckedOktaSimulator({ now: clock.now });
    sim.inject({ kind: "rate-limit", path: "/api/v1/users", resetSeconds: 3_600, times: 1 });
    const ctx = testContext(sim.url, {}, clock);
    const far = await rejection(createOktaConnector({ now: clock.now }).check(TOKEN_CONFIG, ctx));
    expect(far).toMatchObject({ kind: "rate_limited", retryable: true });
    expect(far.message).toMatch(/429 E0000047: API call exceeded rate limit due to too many requests/);
    expect(ctx.sleeps).toEqual([]);
    sim.reset();
    sim.inject({ kind: "rate-limit", path: "/api/v1/users", resetSeconds: 10 });
    const storm = await rejection(createOktaConnector({ now: clock.now }).check(TOKEN_CONFIG, testContext(sim.url, {}, clock)));
    expect(storm.kind).toBe("rate_limited");
    expect(sim.stats.byRoute[USERS]).toBe(5);
  });
});

describe("createRateLimiter", () => {
  const headers = (limit: number, remaining: number, resetSeconds: number, date: number) =>
    new Headers({ "x-rate-limit-limit": String(limit), "x-rate-limit-remaining": String(remaining), "x-rate-limit-reset": String(resetSeconds), date: new Date(date).toUTCString() });

  it("keeps a tenth of a large bucket in reserve, per bucket, and forgets a bucket after its reset", () => {
    const clock = fakeClock();
    const limiter = createRateLimiter({ reserveFraction: 0.1, maxWaitMs: 300_000 }, clock.now);
    const reset = clock.now() / 1000 + 45;
    limiter.record("a", headers(600, 61, reset, clock.now()));
    expect(limiter.waitBefore("a").waitMs).toBe(0);
    limiter.record("a", headers(600, 60, reset, clock.now()));
    expect(limiter.waitBefore("a").waitMs).toBe(45_000);
    expect(limiter.waitBefore("b").waitMs).toBe(0);
    clock.advance(45_000);
    expect(limiter.waitBefore("a").waitMs).toBe(0);
  });

  it("ignores answers without rate-limit headers and reads a 429's reset", () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(undefined, clock.now);
    limiter.record("a", new Headers());
    expect(limiter.waitBefore("a").waitMs).toBe(0);
    expect(limiter.waitAfter429(headers(10, 0, clock.now() / 1000 + 12, clock.now()))).toBe(12_000);
    expect(limiter.waitAfter429(new Headers())).toBeUndefined();
  });
});
