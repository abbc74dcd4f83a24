// Okta's rate limits are per endpoint and per org, shared with every other integration, and
// announced on each answer (X-Rate-Limit-Limit / -Remaining / -Reset in epoch seconds). We pace
// on those numbers: when a bucket runs low we wait for its reset instead of spending the last
// requests (a 429 also raises an org-wide warning in Okta's System Log).

export type RateLimitPolicy = {
  /** Share of a bucket left for other integrations: we wait for the reset below it (at least 1). */
  reserveFraction: number;
  /** Longest wait for a reset we accept, pacing or after a 429, before failing rate_limited. */
  maxWaitMs: number;
};

export const defaultRateLimitPolicy: RateLimitPolicy = { reserveFraction: 0.1, maxWaitMs: 5 * 60_000 };

type Bucket = { limit: number; remaining: number; resetAt: number };

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const value = Number(raw.split(",")[0]);
  return Number.isFinite(value) ? value : undefined;
}

export function createRateLimiter(policy: RateLimitPolicy = defaultRateLimitPolicy, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();

  /** Local time of the reset. Measured against the answer's Date header, so clock skew cancels out. */
  const resetAtOf = (headers: Headers): number | undefined => {
    const reset = numberHeader(headers, "x-rate-limit-reset");
    if (reset === undefined) return undefined;
    const serverNow = Date.parse(headers.get("date") ?? "");
    const wait = reset * 1000 - (Number.isNaN(serverNow) ? now() : serverNow);
    return now() + Math.max(0, wait);
  };

  return {
    /** Records what an answer says about its bucket. */
    record(bucket: string, headers: Headers) {
      const limit = numberHeader(headers, "x-rate-limit-limit");
      const remaining = numberHeader(headers, "x-rate-limit-remaining");
      const resetAt = resetAtOf(headers);
      if (limit === undefined || remaining === undefined || resetAt === undefined) return;
      buckets.set(bucket, { limit, remaining, resetAt });
    },

    /** How long to wait before the next request to `bucket` (0 when it may go now). */
    waitBefore(bucket: string): { waitMs: number; remaining: number; limit: number } {
      const b = buckets.get(bucket);
      if (!b) return { waitMs: 0, remaining: Number.POSITIVE_INFINITY, limit: 0 };
      const at = now();
      if (at >= b.resetAt) {
        buckets.delete(bucket);
        return { waitMs: 0, remaining: b.limit, limit: b.limit };
      }
      const reserve = Math.max(1, Math.floor(b.limit * policy.reserveFraction));
      return { waitMs: b.remaining <= reserve ? b.resetAt - at : 0, remaining: b.remaining, limit: b.limit };
    },

    /** After waiting for a reset, the bucket's state is unknown until the next answer. */
    forget(bucket: string) {
      buckets.delete(bucket);
    },

    /** The wait a 429 asks for: until its X-Rate-Limit-Reset; undefined without one. */
    waitAfter429(headers: Headers): number | undefined {
      const resetAt = resetAtOf(headers);
      return resetAt === undefined ? undefined : resetAt - now();
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
