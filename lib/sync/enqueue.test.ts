// Queueing rules, in one process: one run per connector whatever the concurrency, refusals,
// retries for transient failures only, cancel, and the schedule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorError } from "@/lib/connectors/types";
import { createFakeConnector, fakeRecords } from "./testing/fake-connector";
import { createTestConnector, fingerprintSnapshot, startSyncTestDatabase, type SyncTestContext } from "./testing/fixtures";

let ctx: SyncTestContext;
let sync: typeof import("./index");

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  sync = await import("./index");
});

afterAll(async () => {
  await sync?.stopSyncQueue();
  await (await import("./pool")).closeSyncPool();
  await ctx?.stop();
});

const org = { users: 200, groups: 5, membershipsPerUser: 2 };

async function jobsFor(runId: string) {
  const { rows } = await ctx.pool.query<{ state: string; future: boolean }>(
    `SELECT state, start_after > now() + interval '5 seconds' AS future FROM pgboss.job WHERE name = 'connector-sync' AND data->>'runId' = $1`,
    [runId],
  );
  return rows;
}

describe("enqueueSync", () => {
  it("gives one run and one job for many concurrent clicks", async () => {
    const { connectorId } = await createTestConnector(ctx.pool);
    const results = await Promise.all(Array.from({ length: 12 }, () => sync.enqueueSync(connectorId, "manual")));
    expect(new Set(results.map((r) => r.runId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const runs = await ctx.pool.query(`SELECT status FROM sync_runs WHERE connector_id = $1`, [connectorId]);
    expect(runs.rows).toEqual([{ status: "QUEUED" }]);
    expect(await jobsFor(results[0].runId)).toHaveLength(1);
  });

  it("refuses Baton, disabled and unconfigured connectors, with the reason", async () => {
    const baton = await createTestConnector(ctx.pool, { catalogId: "baton" });
    await expect(sync.enqueueSync(baton.connectorId, "manual")).rejects.toThrow(/Baton connectors have no hosted sync/);
    const disabled = await createTestConnector(ctx.pool, { disabled: true });
    await expect(sync.enqueueSync(disabled.connectorId, "manual")).rejects.toThrow(/disabled/);
    const empty = await createTestConnector(ctx.pool, { settings: null });
    await expect(sync.enqueueSync(empty.connectorId, "settings")).rejects.toThrow(/no settings yet/);
    const runs = await ctx.pool.query(`SELECT 1 FROM sync_runs WHERE connector_id = ANY($1)`, [[baton.connectorId, disabled.connectorId, empty.connectorId]]);
    expect(runs.rowCount).toBe(0);
  });
});

describe("executeRun failure policy", () => {
  it("retries a transient failure later, keeps the snapshot, and lets Sync now skip the wait", async () => {
    const { connectorId } = await createTestConnector(ctx.pool);
    const ok = createFakeConnector(org);
    const first = await sync.enqueueSync(connectorId, "manual");
    await sync.executeRun(first.runId, { resolveConnector: () => ok });
    const before = await fingerprintSnapshot(ctx.pool, connectorId);

    const flaky = createFakeConnector(org, { failAfter: 100, failWith: () => new ConnectorError("rate_limited", "Slow down.", { status: 429 }) });
    const { runId } = await sync.enqueueSync(connectorId, "manual");
    await sync.executeRun(runId, { resolveConnector: () => flaky, retryDelaysSeconds: [60, 60] });
    expect(await sync.getRunProgress(runId)).toMatchObject({ status: "QUEUED", attempts: 1, errorKind: "rate_limited" });
    expect((await jobsFor(runId)).filter((j) => j.state === "created" && j.future)).toHaveLength(1);
    expect(await fingerprintSnapshot(ctx.pool, connectorId)).toEqual(before);
    const status = await ctx.pool.query(`SELECT status, status_reason FROM connectors WHERE id = $1`, [connectorId]);
    expect(status.rows[0].status).toBe("SYNCING");
    expect(status.rows[0].status_reason).toMatch(/^Retrying in 60 s after: Rate limited: Slow down\./);

    // The retry is due in a minute; a job sent for it now does nothing…
    expect(await sync.executeRun(runId, { resolveConnector: () => ok })).toBe("skipped");
    // …but "Sync now" returns the same run and makes it due at once.
    expect(await sync.enqueueSync(connectorId, "manual")).toEqual({ runId, created: false });
    await sync.executeRun(runId, { resolveConnector: () => ok });
    expect(await sync.getRunProgress(runId)).toMatchObject({ status: "SUCCEEDED", attempts: 2 });
    // The audit log has each start and the finish with its counts.
    const audit = await ctx.pool.query<{ kind: string; result: string; summary: string }>(
      `SELECT kind, result, summary FROM audit_events WHERE target_id = $1 ORDER BY id`,
      [runId],
    );
    expect(audit.rows.map((r) => `${r.kind}:${r.result}`)).toEqual(["sync.started:ok", "sync.started:ok", "sync.finished:ok"]);
    expect(audit.rows[2].summary).toMatch(/finished: .*accounts\)/);
  });

  it("gives up after the last attempt", async () => {
    const { connectorId } = await createTestConnector(ctx.pool);
    const down = createFakeConnector(org, { failAfter: 0, failWith: () => new ConnectorError("upstream_unavailable", "503 from upstream.") });
    const { runId } = await sync.enqueueSync(connectorId, "manual");
    for (let attempt = 0; attempt < 3; attempt++) {
      await ctx.pool.query(`UPDATE sync_runs SET next_attempt_at = NULL WHERE id = $1`, [runId]);
      await sync.executeRun(runId, { resolveConnector: () => down, retryDelaysSeconds: [1, 1] });
    }
    expect(await sync.getRunProgress(runId)).toMatchObject({ status: "FAILED", attempts: 3, errorMessage: "Upstream unavailable: 503 from upstream." });
  });

  it("does not retry a credential failure and names it on the connector", async () => {
    const { connectorId } = await createTestConnector(ctx.pool);
    const rejected = createFakeConnector(org, { failAfter: 0, failWith: () => new ConnectorError("unauthorized", "API key expired.", { field: "apiKey" }) });
    const { runId } = await sync.enqueueSync(connectorId, "manual");
    await sync.executeRun(runId, { resolveConnector: () => rejected });
    expect(await sync.getRunProgress(runId)).toMatchObject({ status: "FAILED", attempts: 1, errorKind: "unauthorized" });
    expect(await jobsFor(runId)).toHaveLength(1); // only the original job: nothing queued again
    const status = await ctx.pool.query(`SELECT status, status_reason FROM connectors WHERE id = $1`, [connectorId]);
    expect(status.rows[0]).toEqual({ status: "ERROR", status_reason: "Credentials rejected: API key expired. (setting: apiKey)" });
    const audit = await ctx.pool.query<{ kind: string; result: string }>(`SELECT kind, result FROM audit_events WHERE target_id = $1 ORDER BY id`, [runId]);
    expect(audit.rows.at(-1)).toEqual({ kind: "sync.finished", result: "failed" });
  });

  it("cancels a queued run at once and a running one at its next progress write", async () => {
    const { connectorId } = await createTestConnector(ctx.pool);
    const queued = await sync.enqueueSync(connectorId, "manual");
    expect(await sync.cancelSync(queued.runId)).toBe("cancelled");
    expect(await sync.executeRun(queued.runId, { resolveConnector: () => createFakeConnector(org) })).toBe("skipped");

    await sync.ingestRecords(connectorId, fakeRecords(org), { trigger: "upload" });
    const before = await fingerprintSnapshot(ctx.pool, connectorId);
    const { runId } = await sync.enqueueSync(connectorId, "manual");
    const slow = createFakeConnector({ users: 5_000, groups: 5, membershipsPerUser: 2 }, { pauseMs: 20, pauseEvery: 100 });
    const running = sync.executeRun(runId, { resolveConnector: () => slow });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await sync.cancelSync(runId)).toBe("cancelling");
    await running;
    expect(await sync.getRunProgress(runId)).toMatchObject({ status: "CANCELLED", errorKind: "cancelled" });
    expect(await fingerprintSnapshot(ctx.pool, connectorId)).toEqual(before);
    const status = await ctx.pool.query(`SELECT status FROM connectors WHERE id = $1`, [connectorId]);
    expect(status.rows[0].status).toBe("CONNECTED");
  });
});

describe("enqueueDueSyncs", () => {
  it("queues connectors whose interval has passed, and only those", async () => {
    await ctx.pool.query(`UPDATE sync_runs SET status = 'CANCELLED' WHERE status IN ('QUEUED', 'RUNNING')`);
    await ctx.pool.query(`UPDATE connectors SET status = 'PENDING_SETUP'`);
    const due = await createTestConnector(ctx.pool);
    const recent = await createTestConnector(ctx.pool);
    const tooFrequent = await createTestConnector(ctx.pool);
    const disabled = await createTestConnector(ctx.pool, { disabled: true });
    const baton = await createTestConnector(ctx.pool, { catalogId: "baton" });
    await ctx.pool.query(`UPDATE connectors SET status = 'CONNECTED' WHERE id = ANY($1)`, [[due, recent, tooFrequent, disabled, baton].map((c) => c.connectorId)]);
    await ctx.pool.query(`UPDATE connectors SET sync_interval_minutes = 1 WHERE id = $1`, [tooFrequent.connectorId]);
    const ago = async (connectorId: string, minutes: number) =>
      ctx.pool.query(`INSERT INTO sync_runs (id, connector_id, status, queued_at) VALUES ($1, $2, 'SUCCEEDED', (now() AT TIME ZONE 'UTC') - make_interval(mins => $3))`, [
        `cold${connectorId.slice(3, 20)}`,
        connectorId,
        minutes,
      ]);
    await ago(due.connectorId, 61);
    await ago(recent.connectorId, 30);
    await ago(tooFrequent.connectorId, 3); // interval 1 min, but never more often than every 5

    expect(await sync.enqueueDueSyncs()).toEqual([due.connectorId]);
    expect(await sync.enqueueDueSyncs()).toEqual([]);
  });
});
