// A sliding-window rate limiter held in memory: the timestamps of the last `limit` requests per
// key. It is exact within one process. With several web processes each keeps its own window,
// so the effective limit is multiplied by their number (see README, "Self-hosted connectors");
// a table-backed store would make it exact across processes at one query per request.

export type RateLimitResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = {
  /** Counts one request for every key; refused if any key is over its limit (nothing counted then). */
  take(keys: string[], now?: number): RateLimitResult;
  reset(): void;
};

export type RateLimitOptions = { limit: number; windowMs: number; maxKeys?: number };

export function createRateLimiter({ limit, windowMs, maxKeys = 10_000 }: RateLimitOptions): RateLimiter {
  const hits = new Map<string, number[]>();

  const recent = (key: string, now: number) => {
    const list = hits.get(key);
    if (!list) return [];
    const fresh = list.filter((at) => at > now - windowMs);
    if (fresh.length === 0) hits.delete(key);
    else hits.set(key, fresh);
    return fresh;
  };

  return {
    take(keys, now = Date.now()) {
      let retryAfterMs = 0;
      let remaining = limit;
      for (const key of keys) {
        const list = recent(key, now);
        if (list.length >= limit) retryAfterMs = Math.max(retryAfterMs, list[list.length - limit] + windowMs - now);
        remaining = Math.min(remaining, limit - list.length - 1);
      }
      if (retryAfterMs > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
      for (const key of keys) {
        // Bounded memory: guessed client ids must not grow the map without end. Maps iterate in
        // insertion order, so the first key is the one touched longest ago.
        if (!hits.has(key) && hits.size >= maxKeys) hits.delete(hits.keys().next().value as string);
        const list = hits.get(key) ?? [];
        list.push(now);
        hits.delete(key);
        hits.set(key, list);
      }
      return { ok: true, remaining: Math.max(0, remaining) };
    },
    reset() {
      hits.clear();
    },
  };
}
