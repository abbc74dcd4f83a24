import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/tests/test-database";
import { lockMs } from "./sign-in-throttle";

let database: TestDatabase;
let throttle: typeof import("./sign-in-throttle");

beforeAll(async () => {
  database = await startTestDatabase();
  process.env.DATABASE_URL = database.url;
  throttle = await import("./sign-in-throttle");
});

afterAll(async () => {
  await (await import("@/lib/db/client")).getPool().end();
  await database?.stop();
});

describe("sign-in throttle", () => {
  it("lets the first few failures through, then locks for a growing, bounded while", () => {
    expect([1, 2, 3, 4].map(lockMs)).toEqual([0, 0, 0, 0]);
    const locks = [5, 6, 7, 8, 9].map(lockMs);
    expect(locks[0]).toBeGreaterThan(0);
    for (let i = 1; i < locks.length; i++) expect(locks[i]).toBeGreaterThan(locks[i - 1]);
    expect(lockMs(50)).toBe(15 * 60_000);
  });

  it("counts every failure sent at once (as from several web processes), and locks after the free ones", async () => {
    const now = new Date();
    await Promise.all(Array.from({ length: 8 }, () => throttle.recordFailure(["email:guess@example.com"], now)));
    const { rows } = await (await import("@/lib/db/client")).getPool().query(`SELECT failures FROM sign_in_throttles WHERE key = 'email:guess@example.com'`);
    expect(rows[0].failures).toBe(8);
    expect(await throttle.throttleWait(["email:guess@example.com"], now)).toBe(lockMs(8));
  });

  it("starts counting again after an hour without failures", async () => {
    const then = new Date(Date.now() - 2 * 3600_000);
    for (let i = 0; i < 6; i++) await throttle.recordFailure(["addr:10.0.0.9"], then);
    await throttle.recordFailure(["addr:10.0.0.9"], new Date());
    expect(await throttle.throttleWait(["addr:10.0.0.9"])).toBe(0);
  });
});
