// Slows down password guessing: after a few failures for an email or an address, further
// attempts are refused for a growing while (up to 15 minutes), without checking the password.
import { db, getPool } from "@/lib/db/client";

const FREE_FAILURES = 5;
const MAX_LOCK_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

export function lockMs(failures: number) {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, 1000 * 2 ** (failures - FREE_FAILURES + 2));
}

/** Milliseconds to wait before another attempt for any of the keys, or 0. */
export async function throttleWait(keys: string[], now = new Date()) {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys } } });
  let wait = 0;
  for (const row of rows) {
    if (now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS) continue;
    const until = row.lastFailureAt.getTime() + lockMs(row.failures);
    wait = Math.max(wait, until - now.getTime());
  }
  return Math.max(0, wait);
}

/**
 * One statement per key: the row lock of the upsert orders concurrent failures (two web
 * processes, two tabs), so none is lost. A read-then-write could count two failures as one.
 */
export async function recordFailure(keys: string[], now = new Date()) {
  for (const key of keys) {
    // The column is timestamp(3) holding UTC, as Prisma writes it.
    await getPool().query(
      `INSERT INTO sign_in_throttles (key, failures, last_failure_at) VALUES ($1, 1, $2::timestamptz AT TIME ZONE 'UTC')
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN sign_in_throttles.last_failure_at < ($2::timestamptz AT TIME ZONE 'UTC') - make_interval(secs => $3::double precision)
                         THEN 1 ELSE sign_in_throttles.failures + 1 END,
         last_failure_at = GREATEST(sign_in_throttles.last_failure_at, $2::timestamptz AT TIME ZONE 'UTC')`,
      [key, now.toISOString(), FORGET_AFTER_MS / 1000],
    );
  }
}

export async function clearFailures(keys: string[]) {
  await db.signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
