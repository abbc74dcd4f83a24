// Per-endpoint rate-limit buckets as Okta keeps them: a limit per one-minute window, the
// remaining count, and the window's reset as epoch seconds, sent on every answer. Empty bucket:
// 429 E0000047 until the reset. The clock is injectable so tests can move time.

export type RateLimitOptions = {
  /** Requests per minute for a bucket (by "<METHOD> <template>"); the default applies elsewhere. */
  perMinute?: Record<string, number>;
  defaultPerMinute?: number;
  /** false: never limit (large benchmarks); headers still show a full bucket. */
  enabled?: boolean;
};

type Bucket = { limit: number; remaining: number; resetAt: number };

/** Per-minute limits in the range of Okta's documented defaults for these endpoints (orgs differ by plan). */
export const DEFAULT_LIMITS: Record<string, number> = {
  "GET /api/v1/users": 600,
  "GET /api/v1/groups": 500,
  "GET /api/v1/groups/{groupId}": 1_000,
  "GET /api/v1/groups/{groupId}/users": 1_000,
  "PUT /api/v1/groups/{groupId}/users/{userId}": 1_000,
  "DELETE /api/v1/groups/{groupId}/users/{userId}": 1_000,
  "GET /api/v1/apps": 100,
  "GET /api/v1/apps/{appId}/users": 500,
  "GET /api/v1/apps/{appId}/groups": 500,
  "POST /oauth2/v1/token": 600,
};

export function createRateLimits(options: RateLimitOptions = {}, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const limitOf = (key: string) => options.perMinute?.[key] ?? DEFAULT_LIMITS[key] ?? options.defaultPerMinute ?? 1_000;

  const current = (key: string): Bucket => {
    const at = now();
    let bucket = buckets.get(key);
    if (!bucket || at >= bucket.resetAt) {
      bucket = { limit: limitOf(key), remaining: limitOf(key), resetAt: at + 60_000 };
      buckets.set(key, bucket);
    }
    return bucket;
  };

  const headersOf = (bucket: Bucket) => ({
    "x-rate-limit-limit": String(bucket.limit),
    "x-rate-limit-remaining": String(bucket.remaining),
    "x-rate-limit-reset": String(Math.ceil(bucket.resetAt / 1000)),
  });

  return {
    /** Takes one request from the bucket: its headers, and whether it was allowed. */
    take(key: string): { allowed: boolean; headers: Record<string, string> } {
      const bucket = current(key);
      if (options.enabled === false) return { allowed: true, headers: headersOf({ ...bucket, remaining: bucket.limit }) };
      if (bucket.remaining <= 0) return { allowed: false, headers: headersOf(bucket) };
      bucket.remaining--;
      return { allowed: true, headers: headersOf(bucket) };
    },
    /** Empties a bucket until `seconds` from now (the rate-limit fault), and returns its headers. */
    exhaust(key: string, seconds?: number): Record<string, string> {
      const bucket = current(key);
      bucket.remaining = 0;
      if (seconds !== undefined) bucket.resetAt = now() + seconds * 1000;
      return headersOf(bucket);
    },
    /** Sets a bucket's state (tests: "5 left, resets in 30 s"). */
    set(key: string, remaining: number, resetInSeconds = 60) {
      buckets.set(key, { limit: limitOf(key), remaining, resetAt: now() + resetInSeconds * 1000 });
    },
    reset: () => buckets.clear(),
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
