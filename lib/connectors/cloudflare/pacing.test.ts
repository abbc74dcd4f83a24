// Pacing with a fake clock: never more than `limit` starts in any window, and no wait that
// the window did not require. Then the connector paces real requests on that clock.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { startSpecCheckedSimulator, type SpecCheckedSimulator } from "@/e2e/upstreams/cloudflare/spec-checked";
import { createCloudflareConnector } from "./index";
import { createPacer, defaultPacingPolicy } from "./pacing";
import { KEY_CONFIG, testContext } from "./test-helpers";

function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => void (now += ms),
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe("createPacer", () => {
  it("lets `limit` requests through, then waits for the oldest to leave the window", async () => {
    const clock = fakeClock();
    const pacer = createPacer({ limit: 3, windowMs: 1_000 }, clock.now);
    for (let i = 0; i < 3; i++) await pacer.acquire(clock.sleep);
    expect(clock.sleeps).toEqual([]);
    clock.advance(400);
    await pacer.acquire(clock.sleep);
    expect(clock.sleeps).toEqual([600]);
    expect(clock.now()).toBe(1_000);
    expect(pacer.inWindow()).toBe(1); // the three at t=0 left the window at t=1000
  });

  it("stays under Cloudflare's 1,200 requests per 5 minutes by default", () => {
    expect(defaultPacingPolicy.windowMs).toBe(300_000);
    expect(defaultPacingPolicy.limit).toBeLessThan(1_200);
  });

  it("never exceeds the limit in any window, and only waits when the window is full (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 40 }), async (limit, gaps) => {
        const windowMs = 1_000;
        const clock = fakeClock();
        const pacer = createPacer({ limit, windowMs }, clock.now);
        const starts: number[] = [];
        for (const gap of gaps) {
          clock.advance(gap);
          const before = clock.sleeps.length;
          const inWindow = starts.filter((s) => s > clock.now() - windowMs).length;
          await pacer.acquire(clock.sleep);
          if (clock.sleeps.length > before) expect(inWindow).toBe(limit);
          starts.push(clock.now());
        }
        for (const start of starts) expect(starts.filter((s) => s >= start && s < start + windowMs).length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 200 },
    );
  });

  it("serialises concurrent callers so they cannot share the last slot", async () => {
    const clock = fakeClock();
    const pacer = createPacer({ limit: 2, windowMs: 1_000 }, clock.now);
    await Promise.all([1, 2, 3, 4, 5].map(() => pacer.acquire(clock.sleep)));
    expect(clock.sleeps).toEqual([1_000, 1_000]);
  });
});

describe("connector pacing", () => {
  let sim: SpecCheckedSimulator | undefined;
  afterEach(async () => {
    expect(sim?.violations ?? []).toEqual([]);
    await sim?.close();
  });

  it("paces every request when ctx.pacing is not false, shared across calls on one account", async () => {
    sim = await startSpecCheckedSimulator();
    const clock = fakeClock();
    const connector = createCloudflareConnector({ pacing: { limit: 2, windowMs: 60_000 }, now: clock.now });
    const ctx = testContext(sim.url, { pacing: undefined, sleep: clock.sleep });
    for (let i = 0; i < 5; i++) await connector.check(KEY_CONFIG, ctx);
    expect(sim.stats.total).toBe(5);
    expect(clock.sleeps).toEqual([60_000, 60_000]);
  });

  it("does not pace with pacing: false (simulators, benchmarks)", async () => {
    sim = await startSpecCheckedSimulator();
    const clock = fakeClock();
    const connector = createCloudflareConnector({ pacing: { limit: 1, windowMs: 60_000 }, now: clock.now });
    for (let i = 0; i < 3; i++) await connector.check(KEY_CONFIG, testContext(sim.url, { pacing: false, sleep: clock.sleep }));
    expect(clock.sleeps).toEqual([]);
  });
});
