// Proof, part 5: crashes leave nothing half-done. A worker SIGKILLed mid-sync leaves the old
// snapshot exactly as readers saw it (no partition of the killed run attached, none of its rows
// visible) and a restarted worker completes the run, which becomes current. A web process
// SIGKILLed mid-save (five times, at random moments) leaves settings that open cleanly and are
// exactly one version it wrote; a sync with them then completes against the simulator.
import { isDeepStrictEqual } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTemporalCloudSimulator, type TemporalCloudSimulator } from "@/e2e/upstreams/temporal-cloud/server";
import { fakeRecords } from "@/lib/sync/testing/fake-connector";
import { countSnapshotTables, createTestConnector, fingerprintSnapshot, startSyncTestDatabase, waitFor, type SyncTestContext } from "@/lib/sync/testing/fixtures";
import { startWorkerProcess, stopWorkerProcess, type WorkerProcess } from "@/lib/sync/testing/processes";
import { startChild, type KillableChild } from "./support/kill-child";
import { settingsVersion, versionOf } from "./support/settings-versions";

const SAVE_KILLS = 5;
let db: SyncTestContext;
let sim: TemporalCloudSimulator;
let sync: typeof import("@/lib/sync");
const workers: WorkerProcess[] = [];
const children: KillableChild[] = [];
const figures = { workerKills: 0, halfSnapshots: 0, saveKills: 0, halfSaves: 0, nextRuns: 0, savesBeforeKill: [] as number[] };

beforeAll(async () => {
  db = await startSyncTestDatabase();
  sim = await startTemporalCloudSimulator();
  process.env.TEMPORAL_CLOUD_API_URL = sim.url; // before lib/env's one parse
  sync = await import("@/lib/sync");
  // The worker child's fake adapter records each sync call here.
  await db.pool.query(`CREATE TABLE fake_sync_calls (id serial PRIMARY KEY, connector_id text NOT NULL, pid int NOT NULL, started_at timestamptz NOT NULL DEFAULT clock_timestamp(), ended_at timestamptz)`);
});

afterEach(async () => {
  await Promise.all([...workers.splice(0).map((w) => stopWorkerProcess(w, "SIGKILL")), ...children.splice(0).map((c) => c.kill())]);
});

afterAll(async () => {
  console.log(
    `Crash recovery: worker killed mid-sync ${figures.workerKills}×, web save killed ${figures.saveKills}×; ` +
      `${figures.halfSnapshots} half-written snapshots, ${figures.halfSaves} half-saved settings; ${figures.nextRuns} next runs completed ` +
      `(saves committed before each web kill: ${figures.savesBeforeKill.join(", ")})`,
  );
  await sync?.stopSyncQueue();
  await (await import("@/lib/sync/pool")).closeSyncPool();
  const client = await import("@/lib/db/client");
  await client.getDb().$disconnect();
  await client.getPool().end();
  await sim?.close();
  await db?.stop();
});

/** What readers can reach of a run: its rows in the public tables and its attached partitions. */
async function visibleParts(runId: string) {
  const { rows } = await db.pool.query<{ rows: string; partitions: string }>(
    `SELECT (SELECT count(*) FROM resource_types WHERE sync_run_id = $1) + (SELECT count(*) FROM resources WHERE sync_run_id = $1)
          + (SELECT count(*) FROM entitlements WHERE sync_run_id = $1) + (SELECT count(*) FROM grants WHERE sync_run_id = $1) AS rows,
            (SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = 'snapshots' AND c.relname LIKE '%\\_' || $1) AS partitions`,
    [runId],
  );
  return { rows: Number(rows[0].rows), partitions: Number(rows[0].partitions) };
}

describe("crash recovery", () => {
  it("a worker SIGKILLed mid-sync leaves the previous snapshot; a restarted worker completes the run and it becomes current", async () => {
    const env = { DATABASE_URL: db.url, ENCRYPTION_KEY: db.encryptionKey, WORKER_CONCURRENCY: "1" };
    const { connectorId } = await createTestConnector(db.pool, { settings: { apiKey: "k-123456", tag: "crash", label: "new" } });
    await sync.ingestRecords(connectorId, fakeRecords({ users: 300, groups: 4, membershipsPerUser: 1, label: "old" }), { trigger: "upload" });
    const before = await fingerprintSnapshot(db.pool, connectorId);

    const first = startWorkerProcess({ ...env, FAKE_USERS: "20000", FAKE_PAUSE_MS: "25" });
    workers.push(first);
    await first.ready;
    const { runId } = await sync.enqueueSync(connectorId, "manual");
    await waitFor("the run to be writing accounts", async () => ((await sync.getRunProgress(runId))?.counts.resources ?? 0) > 2_000, 60_000);
    await stopWorkerProcess(first, "SIGKILL");
    figures.workerKills++;

    const afterKill = { snapshot: await fingerprintSnapshot(db.pool, connectorId), killedRun: await visibleParts(runId) };
    if (!isDeepStrictEqual(afterKill, { snapshot: before, killedRun: { rows: 0, partitions: 0 } })) figures.halfSnapshots++;
    expect(afterKill.snapshot).toEqual(before); // the same current run, row counts and row digest
    expect(afterKill.killedRun).toEqual({ rows: 0, partitions: 0 });
    expect(await countSnapshotTables(db.pool, runId)).toBe(4); // written, but only in its own unattached tables

    const second = startWorkerProcess({ ...env, FAKE_USERS: "3000" });
    workers.push(second);
    await second.ready;
    await waitFor("the interrupted run to complete", async () => (await sync.getRunProgress(runId))?.status === "SUCCEEDED", 60_000);
    expect(await fingerprintSnapshot(db.pool, connectorId)).toMatchObject({ runId, resources: 3_020, grants: 9_000 });
    expect(await visibleParts(runId)).toMatchObject({ partitions: 4 });
    // The old snapshot is detached and dropped right after the publish, whole.
    await waitFor("the old snapshot to be removed", async () => isDeepStrictEqual(await visibleParts(before.runId!), { rows: 0, partitions: 0 }), 20_000);
    figures.nextRuns++;
  }, 120_000);

  it(`a web process SIGKILLed mid-save (${SAVE_KILLS}×) leaves exactly one complete version of the settings`, async () => {
    const { openJson } = await import("@/lib/crypto");
    const { toPublicSettings } = await import("@/lib/data/connector-settings");
    const spec = (await import("@/lib/connectors/registry")).getConnector("temporal-cloud").settings;
    const { connectorId } = await createTestConnector(db.pool, { catalogId: "temporal-cloud", settings: settingsVersion(0) });
    await db.pool.query(`UPDATE connectors SET settings_public = $2 WHERE id = $1`, [connectorId, toPublicSettings(spec, settingsVersion(0))]);

    for (let kill = 1; kill <= SAVE_KILLS; kill++) {
      const child = startChild("save-settings-child.ts", { DATABASE_URL: db.url, ENCRYPTION_KEY: db.encryptionKey, CONNECTOR_ID: connectorId, FIRST_VERSION: String(kill * 100_000) }, "child ready");
      children.push(child);
      await child.ready;
      await waitFor("a first save", async () => child.lines.some((line) => line.startsWith("saved ")), 20_000, 5);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 150)); // a random moment mid-loop
      await child.kill();
      figures.saveKills++;
      figures.savesBeforeKill.push(child.lines.filter((line) => line.startsWith("saved ")).length);

      const { rows } = await db.pool.query(`SELECT settings_sealed, settings_public, status, status_reason FROM connectors WHERE id = $1`, [connectorId]);
      const config = openJson<Record<string, unknown>>(rows[0].settings_sealed); // opens cleanly, or throws
      const version = versionOf(config);
      const last = (verb: string) => Math.max(...child.lines.filter((l) => l.startsWith(`${verb} `)).map((l) => Number(l.split(" ")[1])));
      const stored = { config, publicView: rows[0].settings_public, status: rows[0].status, reason: rows[0].status_reason, committed: [last("saved"), last("saving")].includes(version) };
      const expected = { config: settingsVersion(version), publicView: toPublicSettings(spec, settingsVersion(version)), status: "SYNCING", reason: null, committed: true };
      if (!isDeepStrictEqual(stored, expected)) figures.halfSaves++;
      expect(stored, `after kill ${kill}, ${child.lines.length} lines of output`).toEqual(expected);
    }

    // The saved settings work: a sync with them completes against the simulator and is current.
    const sealed = await db.pool.query(`SELECT settings_sealed FROM connectors WHERE id = $1`, [connectorId]);
    sim.control({ action: "set-api-keys", apiKeys: [String(openJson<Record<string, unknown>>(sealed.rows[0].settings_sealed).apiKey)] });
    const { runId } = await sync.enqueueSync(connectorId, "settings");
    await sync.executeRun(runId);
    expect(await sync.getRunProgress(runId)).toMatchObject({ status: "SUCCEEDED" });
    expect((await fingerprintSnapshot(db.pool, connectorId)).runId).toBe(runId);
    figures.nextRuns++;
  }, 120_000);
});
