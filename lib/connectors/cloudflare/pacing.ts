// Client-side pacing under Cloudflare's global limit (1,200 requests per 5 minutes per user).
// A sliding-window log: at most `limit` request starts in any `windowMs` span, which also
// satisfies any fixed window Cloudflare counts in. Waiting here is cheaper than a 429, whose
// Retry-After can be minutes.

export type PacingPolicy = { limit: number; windowMs: number };

/** 100 below Cloudflare's 1,200: room for the dashboard, Terraform or a second console sharing the user. */
export const defaultPacingPolicy: PacingPolicy = { limit: 1_100, windowMs: 5 * 60_000 };

export type Pacer = {
  /** Resolves when one more request may start now; records that start. */
  acquire(sleep: (ms: number) => Promise<void>): Promise<void>;
  /** Request starts still inside the window (for tests and logs). */
  inWindow(): number;
};

export function createPacer(policy: PacingPolicy = defaultPacingPolicy, now: () => number = Date.now): Pacer {
  // Start times, oldest first; never longer than `limit`, so memory is bounded.
  const starts: number[] = [];
  // Serialises callers so two concurrent requests cannot both take the last slot.
  let queue: Promise<void> = Promise.resolve();

  const prune = (at: number) => {
    while (starts.length > 0 && starts[0] <= at - policy.windowMs) starts.shift();
  };

  const take = async (sleep: (ms: number) => Promise<void>) => {
    let at = now();
    prune(at);
    if (starts.length >= policy.limit) {
      const wait = starts[0] + policy.windowMs - at;
      await sleep(wait);
      // Book the slot at the time we waited for, not the clock after waking: a fake or coarse
      // clock must not make us loop, and a late wake-up only makes us more conservative.
      at = Math.max(now(), at + wait);
      prune(at);
    }
    starts.push(at);
  };

  return {
    acquire(sleep) {
      const turn = queue.then(() => take(sleep));
      queue = turn.catch(() => undefined);
      return turn;
    },
    inWindow() {
      prune(now());
      return starts.length;
    },
  };
}

/** Wraps fetch so every attempt, retries included, passes the pacer. */
export function pacedFetch(fetchImpl: typeof fetch, pacer: Pacer, sleep: (ms: number) => Promise<void>): typeof fetch {
  return async (input, init) => {
    await pacer.acquire(sleep);
    return fetchImpl(input, init);
  };
}
