// The sliding window: exact counts within the window, a Retry-After that is right, refusals
// that do not count, and bounded memory under many keys.
import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

describe("the sliding-window rate limiter", () => {
  it("allows `limit` requests per window per key, then says when the oldest leaves the window", () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 10_000 });
    expect(limiter.take(["a"], 0)).toEqual({ ok: true, remaining: 2 });
    expect(limiter.take(["a"], 1000).ok).toBe(true);
    expect(limiter.take(["a"], 2000)).toEqual({ ok: true, remaining: 0 });
    expect(limiter.take(["a"], 2500)).toEqual({ ok: false, retryAfterSeconds: 8 });
    expect(limiter.take(["b"], 2500).ok).toBe(true);
    // Sliding: at 10 001 ms the first request has left the window, the others have not.
    expect(limiter.take(["a"], 10_001).ok).toBe(true);
    expect(limiter.take(["a"], 10_002)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("refuses when any key is over, and then counts none of them", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 });
    expect(limiter.take(["ip", "client-1"], 0).ok).toBe(true);
    expect(limiter.take(["ip", "client-2"], 1).ok).toBe(false);
    expect(limiter.take(["client-2"], 2).ok).toBe(true);
  });

  it("forgets the least recently used keys beyond maxKeys", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2 });
    limiter.take(["a"], 0);
    limiter.take(["b"], 1);
    limiter.take(["c"], 2);
    expect(limiter.take(["a"], 3).ok).toBe(true);
    expect(limiter.take(["c"], 4).ok).toBe(false);
    limiter.reset();
    expect(limiter.take(["c"], 5).ok).toBe(true);
  });
});
