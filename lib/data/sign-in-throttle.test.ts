import { describe, expect, it } from "vitest";
import { lockMs } from "./sign-in-throttle";

describe("sign-in throttle", () => {
  it("lets the first few failures through, then locks for a growing, bounded while", () => {
    expect([1, 2, 3, 4].map(lockMs)).toEqual([0, 0, 0, 0]);
    const locks = [5, 6, 7, 8, 9].map(lockMs);
    expect(locks[0]).toBeGreaterThan(0);
    for (let i = 1; i < locks.length; i++) expect(locks[i]).toBeGreaterThan(locks[i - 1]);
    expect(lockMs(50)).toBe(15 * 60_000);
  });
});
