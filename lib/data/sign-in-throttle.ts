// Slows down password guessing: after a few failures for an email or an address, further
// attempts are refused for a growing while (up to 15 minutes), without checking the password.
import { db } from "@/lib/db/client";

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

export async function recordFailure(keys: string[], now = new Date()) {
  for (const key of keys) {
    const row = await db.signInThrottle.findUnique({ where: { key } });
    const stale = !row || now.getTime() - row.lastFailureAt.getTime() > FORGET_AFTER_MS;
    await db.signInThrottle.upsert({
      where: { key },
      create: { key, failures: 1, lastFailureAt: now },
      update: { failures: stale ? 1 : { increment: 1 }, lastFailureAt: now },
    });
  }
}

export async function clearFailures(keys: string[]) {
  await db.signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
