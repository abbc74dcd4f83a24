// Sliding-window rate limits kept in PostgreSQL, so that every web process counts against the
// same window: a limit of 60 a minute is 60 a minute whether one process answers or ten.
// One upsert per request: ON CONFLICT DO UPDATE takes the key's row lock, so two processes
// counting the same key at once are serialised and neither can read a stale count.
import type pg from "pg";
import { getPool } from "@/lib/db/client";

export type RateLimitTake = { accepted: boolean; used: number; oldestCounted: number | null };

// $1 key, $2 now (epoch ms), $3 limit, $4 window (ms). The SET expressions all read the row as
// it was (w.*): the count of hits still in the window decides, and a refusal counts nothing.
const TAKE_SQL = `
  INSERT INTO rate_limit_windows AS w (key, hits, accepted, expires_at)
  VALUES ($1, ARRAY[$2::bigint], true, $2::bigint + $4::bigint)
  ON CONFLICT (key) DO UPDATE SET
    accepted = (SELECT count(*) FROM unnest(w.hits) h WHERE h > $2::bigint - $4::bigint) < $3::int,
    hits = ARRAY(
      SELECT h FROM unnest(w.hits || CASE WHEN (SELECT count(*) FROM unnest(w.hits) h WHERE h > $2::bigint - $4::bigint) < $3::int
                                          THEN ARRAY[$2::bigint] ELSE '{}'::bigint[] END) h
       WHERE h > $2::bigint - $4::bigint ORDER BY h),
    expires_at = GREATEST(w.expires_at, $2::bigint + $4::bigint)
  RETURNING accepted, cardinality(hits) AS used, hits[greatest(1, cardinality(hits) - $3::int + 1)] AS oldest`;

/** Counts one request for `key` unless `limit` were already counted within the last `windowMs`. */
export async function takeRateLimit(key: string, options: { limit: number; windowMs: number; now: number }, pool: pg.Pool = getPool()): Promise<RateLimitTake> {
  const { rows } = await pool.query<{ accepted: boolean; used: number; oldest: string | null }>(TAKE_SQL, [key, Math.floor(options.now), options.limit, options.windowMs]);
  const row = rows[0];
  return { accepted: row.accepted, used: row.used, oldestCounted: row.oldest === null ? null : Number(row.oldest) };
}

/** Deletes the windows with nothing left in them (keys of guessed client ids, runners gone). */
export async function sweepRateLimits(now: number, pool: pg.Pool = getPool()): Promise<number> {
  const { rowCount } = await pool.query(`DELETE FROM rate_limit_windows WHERE expires_at < $1::bigint`, [Math.floor(now)]);
  return rowCount ?? 0;
}
