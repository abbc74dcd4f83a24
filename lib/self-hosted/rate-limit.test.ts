// The sliding window in PostgreSQL: exact counts within the window, a Retry-After that is right,
// refusals that do not count, separate limiters that never share a window, the same count seen
// from two connection pools (two web processes) hammering one key at once, and empty windows swept.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/tests/test-database";

let database: TestDatabase;
let pools: pg.Pool[] = [];
let limits: typeof import("./rate-limit");
let data: typeof import("@/lib/data/rate-limit");

beforeAll(async () => {
  database = await startTestDatabase();
  process.env.DATABASE_URL = database.url;
  limits = await import("./rate-limit");
  data = await import("@/lib/data/rate-limit");
  pools = [new pg.Pool({ connectionString: database.url, max: 10 }), new pg.Pool({ connectionString: database.url, max: 10 })];
  // The test database is dropped at the end, terminating idle connections; that is not a failure.
  for (const pool of pools) pool.on("error", () => {});
});

afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await (await import("@/lib/db/client")).getPool().end();
  await database?.stop();
});

describe("the database-backed sliding-window rate limiter", () => {
  it("allows `limit` requests per window per key, then says when the oldest leaves the window", async () => {
    const limiter = limits.createRateLimiter({ name: "t1", limit: 3, windowMs: 10_000 });
    expect(await limiter.take("a", 1_000_000)).toEqual({ ok: true, remaining: 2 });
    expect((await limiter.take("a", 1_001_000)).ok).toBe(true);
    expect(await limiter.take("a", 1_002_000)).toEqual({ ok: true, remaining: 0 });
    expect(await limiter.take("a", 1_002_500)).toEqual({ ok: false, retryAfterSeconds: 8 });
    expect((await limiter.take("b", 1_002_500)).ok).toBe(true);
    // Sliding: at +10 001 ms the first request has left the window, the others have not; the
    // refusal at +2 500 was not counted.
    expect((await limiter.take("a", 1_010_001)).ok).toBe(true);
    expect(await limiter.take("a", 1_010_002)).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("keeps limiters of different names apart for the same key", async () => {
    const byClient = limits.createRateLimiter({ name: "t2-client", limit: 1, windowMs: 60_000 });
    const byAddress = limits.createRateLimiter({ name: "t2-address", limit: 1, windowMs: 60_000 });
    expect((await byClient.take("x", 5_000)).ok).toBe(true);
    expect((await byAddress.take("x", 5_000)).ok).toBe(true);
    expect((await byClient.take("x", 5_001)).ok).toBe(false);
  });

  it("counts exactly `limit` of 150 requests sent at once through two pools, as two web processes would", async () => {
    const now = Date.now();
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) => data.takeRateLimit("t3:shared", { limit: 60, windowMs: 60_000, now: now + (i % 7) }, pools[i % 2])),
    );
    expect(results.filter((r) => r.accepted)).toHaveLength(60);
    const { rows } = await pools[0].query(`SELECT cardinality(hits) AS n FROM rate_limit_windows WHERE key = 't3:shared'`);
    expect(rows[0].n).toBe(60);
  });

  it("sweeps windows with nothing left in them, and keeps the others", async () => {
    await data.takeRateLimit("t4:old", { limit: 5, windowMs: 1_000, now: 10_000 }, pools[0]);
    await data.takeRateLimit("t4:live", { limit: 5, windowMs: 1_000, now: 20_000 }, pools[0]);
    expect(await data.sweepRateLimits(15_000, pools[0])).toBeGreaterThanOrEqual(1);
    const { rows } = await pools[0].query<{ key: string }>(`SELECT key FROM rate_limit_windows WHERE key LIKE 't4:%'`);
    expect(rows.map((r) => r.key)).toEqual(["t4:live"]);
  });
});
