// Worker processes on one database: never two syncs of a connector at once, no lost jobs,
// and a worker killed with SIGKILL mid-run leaves the old snapshot intact; the run then
// completes on the next worker.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fakeRecords } from "./testing/fake-connector";
import { countSnapshotTables, createTestConnector, fingerprintSnapshot, startSyncTestDatabase, waitFor, type SyncTestContext } from "./testing/fixtures";
import { startWorkerProcess, stopWorkerProcess, type WorkerProcess } from "./testing/processes";

let ctx: SyncTestContext;
let sync: typeof import("./index");
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  sync = await import("./index");
  await ctx.pool.query(`CREATE TABLE fake_sync_calls (id serial PRIMARY KEY, connector_id text NOT NULL, pid int NOT NULL, started_at timestamptz NOT NULL DEFAULT clock_timestamp(), ended_at timestamptz)`);
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => stopWorkerProcess(w, "SIGKILL")));
});

afterAll(async () => {
  await sync?.stopSyncQueue();
  await (await import("./pool")).closeSyncPool();
  await ctx?.stop();
});

function spawnWorker(env: Record<string, string> = {}) {
  const worker = startWorkerProcess({ DATABASE_URL: ctx.url, ENCRYPTION_KEY: ctx.encryptionKey, ...env });
  workers.push(worker);
  return worker;
}

async function fakeConnector(label?: string) {
  const created = await createTestConnector(ctx.pool, { settings: { apiKey: "k-123456", tag: "pending", label } });
  // The fake adapter records its calls under this tag: the connector id itself.
  const { sealJson } = await import("@/lib/crypto");
  await ctx.pool.query(`UPDATE connectors SET settings_sealed = $2 WHERE id = $1`, [created.connectorId, sealJson({ apiKey: "k-123456", tag: created.connectorId, label })]);
  return created.connectorId;
}

async function runStatus(runId: string) {
  return (await sync.getRunProgress(runId))?.status;
}

describe("worker processes", () => {
  it("never run the same connector in two processes at once, and lose no job", async () => {
    const slow = { FAKE_USERS: "1500", FAKE_PAUSE_MS: "40", WORKER_CONCURRENCY: "1" };
    const [a, b] = [spawnWorker(slow), spawnWorker(slow)];
    await Promise.all([a.ready, b.ready]);
    const connectors = await Promise.all([fakeConnector(), fakeConnector(), fakeConnector()]);
    const { getBoss, SYNC_QUEUE } = await import("./queue");
    const boss = await getBoss();

    for (let round = 0; round < 2; round++) {
      const runs = await Promise.all(connectors.map((id) => sync.enqueueSync(id, "manual")));
      // Duplicate jobs for the same runs, as a re-sent or expired job would make.
      for (const { runId } of runs) for (let i = 0; i < 3; i++) await boss.send(SYNC_QUEUE, { runId });
      await waitFor("every run to succeed", async () => {
        const statuses = await Promise.all(runs.map((r) => runStatus(r.runId)));
        return statuses.every((s) => s === "SUCCEEDED");
      }, 60_000);
    }

    const { rows } = await ctx.pool.query<{ connector_id: string; pid: number; started_at: Date; ended_at: Date | null }>(
      `SELECT connector_id, pid, started_at, ended_at FROM fake_sync_calls WHERE connector_id = ANY($1) ORDER BY started_at`,
      [connectors],
    );
    expect(rows).toHaveLength(6); // 3 connectors × 2 rounds: each run executed exactly once
    for (const connectorId of connectors) {
      const calls = rows.filter((r) => r.connector_id === connectorId);
      for (let i = 1; i < calls.length; i++) expect(calls[i].started_at.getTime()).toBeGreaterThanOrEqual(calls[i - 1].ended_at!.getTime());
    }
    // Both processes took work: one slot each and syncs of about a second, so while one runs
    // a sync the other picks up the next job.
    expect(new Set(rows.map((r) => r.pid)).size).toBe(2);
  }, 120_000);

  it("survives SIGKILL mid-run: the old snapshot stays intact and the next worker completes the run", async () => {
    const connectorId = await fakeConnector("new");
    await sync.ingestRecords(connectorId, fakeRecords({ users: 300, groups: 4, membershipsPerUser: 1, label: "old" }), { trigger: "upload" });
    const before = await fingerprintSnapshot(ctx.pool, connectorId);

    const first = spawnWorker({ FAKE_USERS: "20000", FAKE_PAUSE_MS: "25", WORKER_CONCURRENCY: "1" });
    await first.ready;
    const { runId } = await sync.enqueueSync(connectorId, "manual");
    await waitFor("the run to be writing accounts", async () => ((await sync.getRunProgress(runId))?.counts.resources ?? 0) > 2_000, 60_000);
    await stopWorkerProcess(first, "SIGKILL");

    expect(await runStatus(runId)).toBe("RUNNING"); // nobody knows yet…
    expect(await fingerprintSnapshot(ctx.pool, connectorId)).toEqual(before); // …and readers see the old snapshot
    expect(await countSnapshotTables(ctx.pool, runId)).toBe(4); // half-written, never attached

    const second = spawnWorker({ FAKE_USERS: "3000", WORKER_CONCURRENCY: "1" });
    await second.ready;
    await waitFor("the interrupted run to complete", async () => (await runStatus(runId)) === "SUCCEEDED", 60_000);

    const after = await fingerprintSnapshot(ctx.pool, connectorId);
    expect(after).toMatchObject({ runId, resources: 3_020, grants: 9_000 });
    expect(await sync.getRunProgress(runId)).toMatchObject({ attempts: 2 });
    const logs = (await sync.listSyncLogs(runId)).map((l) => l.message);
    expect(logs.filter((m) => m.includes("The previous attempt stopped without finishing"))).toHaveLength(1);
    // The old snapshot's tables go right after the publish (after the run shows SUCCEEDED, so
    // wait for it); only the new run's four remain for this connector.
    await waitFor("the old snapshot's tables to be dropped", async () => (await countSnapshotTables(ctx.pool, before.runId!)) === 0, 15_000);
    expect(await countSnapshotTables(ctx.pool, runId)).toBe(4);
  }, 120_000);
});
