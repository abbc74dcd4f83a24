// The ingest API's rate limits: a sliding window per key, exact across every web process
// because the window lives in PostgreSQL (lib/data/rate-limit.ts), at one statement per request.
import { sweepRateLimits, takeRateLimit } from "@/lib/data/rate-limit";

export type RateLimitResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = {
  /** Counts one request for the key; refused (and not counted) when the window is full. */
  take(key: string, now?: number): Promise<RateLimitResult>;
};

/** `name` keeps limiters apart in the one table (a client id and an address never share a window). */
export type RateLimitOptions = { name: string; limit: number; windowMs: number };

/** Empty windows are deleted at most this often per process, by whichever request comes next. */
const SWEEP_EVERY_MS = 60_000;
let lastSweep = 0;

export function createRateLimiter({ name, limit, windowMs }: RateLimitOptions): RateLimiter {
  return {
    async take(key, now = Date.now()) {
      if (now - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = now;
        await sweepRateLimits(now).catch((error: Error) => console.error(`[ingest] rate-limit sweep failed: ${error.message}`));
      }
      const taken = await takeRateLimit(`${name}:${key}`, { limit, windowMs, now });
      if (taken.accepted) return { ok: true, remaining: Math.max(0, limit - taken.used) };
      const retryAfterMs = (taken.oldestCounted ?? now) + windowMs - now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
    },
  };
}
