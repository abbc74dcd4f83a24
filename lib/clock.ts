// The console's "now" for anything a user's time depends on: when a time-bound grant ends,
// when a review falls due, when a reminder is owed. It is the system clock, unless the test
// harness sets GATEKEEPER_TEST_CLOCK_FILE: then the file's number of milliseconds is added, so a
// Chromium test can move time forward across the web and worker processes at once (they all
// read the same file). The file is read on every call so a move is seen at once; without the
// variable nothing is read. SQL that compares with "now" takes this value as a parameter
// instead of calling now() in the database, so both sides agree on the moved clock.
import { readFileSync, writeFileSync } from "node:fs";
import { getEnv } from "@/lib/env";

function offsetMs(file: string): number {
  try {
    const value = Number(readFileSync(file, "utf8").trim());
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0; // No file yet: the clock has not been moved.
  }
}

export function now(): Date {
  const file = getEnv().GATEKEEPER_TEST_CLOCK_FILE;
  return new Date(Date.now() + (file ? offsetMs(file) : 0));
}

/** True when the test clock is on: the server warns at start, and tests check it before moving. */
export function testClockEnabled(): boolean {
  return Boolean(getEnv().GATEKEEPER_TEST_CLOCK_FILE);
}

/** Tests only: move the clock of every process reading `file` forward by `ms` (cumulative). */
export function advanceTestClock(file: string, ms: number): void {
  writeFileSync(file, String(offsetMs(file) + ms));
}
