// Proof: the console holds up under load. 50 users of mixed roles, signed in through the real
// next-auth flow over plain HTTP, browse the console for PROOF_LOAD_SECONDS (default 60) while
// 5 hosted connectors sync again and again. Every answer must be the expected one (200, or the
// USER's redirect to /forbidden), every sync must succeed, and the app must log no error.
// This traffic is plain HTTP: the leak scan covers it through the app log, mail and database
// (the 50 passwords are recorded secrets), not through captured response bodies.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "../fixtures";
import { createUser, type TestUser } from "../support/db";
import { HttpSession } from "../support/http-session";
import { browse, targetsFor, type BrowseTally } from "../support/load-browse";
import { createLoadConnectors, seedPagingApp } from "../support/load-setup";
import { syncRepeatedly } from "../support/load-syncs";

const SECONDS = Number(process.env.PROOF_LOAD_SECONDS ?? 60);
const times = (n: number, role: TestUser["role"]) => Array.from({ length: n }, () => role);
const ROLES = [...times(10, "SUPER_ADMIN"), ...times(15, "CONNECTOR_ADMIN"), ...times(25, "USER")];

/** Runs `work` over `items`, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return results;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** What the app wrote to stderr (its errors and warnings) after `offset`. */
function stderrSince(offset: number) {
  const file = path.join(process.env.E2E_SERVER_LOG_DIR ?? "", "server-stderr.log");
  return readFileSync(file).subarray(offset).toString("utf8");
}

test(`50 sessions browse for ${SECONDS} s while 5 connectors sync repeatedly, without an error`, async ({ baseURL }) => {
  test.setTimeout((SECONDS + 240) * 1000);
  const logDir = process.env.E2E_SERVER_LOG_DIR;
  expect(logDir, "run through npm run test:e2e").toBeTruthy();
  const stderrStart = statSync(path.join(logDir!, "server-stderr.log")).size;

  const owner = await createUser("SUPER_ADMIN");
  const connectors = await createLoadConnectors(owner);
  const pagingAppId = await seedPagingApp();
  const apps = { pagingAppId, syncedAppIds: connectors.map((c) => c.appId), connectorIds: connectors.map((c) => c.id) };

  const users = await Promise.all(ROLES.map((role) => createUser(role)));
  const sessions = await inBatches(users, 5, async (user) => {
    const session = new HttpSession(baseURL!);
    await session.signIn(user.email, user.password);
    return { session, targets: targetsFor(user.role, apps) };
  });

  const tally: BrowseTally = { latencies: [], errors: [] };
  const deadline = Date.now() + SECONDS * 1000;
  const [syncs] = await Promise.all([syncRepeatedly(apps.connectorIds, deadline), ...sessions.map((s) => browse(s.session, s.targets, deadline, tally))]);
  const { stopSyncQueue } = await import("@/lib/sync");
  await stopSyncQueue();

  const sorted = [...tally.latencies].sort((a, b) => a - b);
  const ms = (value: number) => Math.round(value);
  const errors = tally.errors.length + syncs.failures.length;
  console.log(
    `Load: ${sessions.length} sessions × ${SECONDS} s, ${sorted.length} page loads (${(sorted.length / SECONDS).toFixed(1)}/s), p50 ${ms(percentile(sorted, 50))} ms, p95 ${ms(percentile(sorted, 95))} ms, ` +
      `max ${ms(sorted.at(-1) ?? 0)} ms; ${syncs.completed} syncs completed, ${errors} errors`,
  );
  expect(tally.errors.slice(0, 20)).toEqual([]);
  expect(syncs.failures).toEqual([]);
  expect(syncs.completed).toBeGreaterThanOrEqual(apps.connectorIds.length);
  // stderr carries the app's errors and warnings: under this load there must be none (the
  // snapshot-cleanup race this test once found is fixed in lib/sync/snapshot-tables.ts).
  expect(stderrSince(stderrStart).split("\n").filter((line) => line.trim())).toEqual([]);
});
