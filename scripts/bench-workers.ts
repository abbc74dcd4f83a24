// `npm run bench:workers [-- --connectors 20 --rounds 3 --users 2000 --members 500 --concurrency 2]`:
// syncs of 20 connectors (Temporal Cloud and Cloudflare in turn, against the simulators in a
// process of their own) by 1 and then by 2 worker processes (`npm run worker`) on one database,
// then by 1 process running as many syncs at once as the 2 together.
// Prints the syncs per second of each, their ratio, and that nothing ran twice: every run one
// attempt, started and finished once in the audit log, never beside another run of its
// connector, and the upstreams asked exactly as often as that many syncs ask. Figures, not a test.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { fmt, machine, numberArg, printTable, startBenchDatabase } from "./bench-common";
import { checkExactlyOnce, waitForRuns } from "./lib/cluster/checks";
import { clusterEnv, upstreamRequests, type ClusterUpstreamInfo } from "./lib/cluster/environment";
import { startUpstreamsProcess, startWorker, stopProcess } from "./lib/cluster/processes";

const connectorCount = numberArg("connectors", 20);
const rounds = numberArg("rounds", 3);
const users = numberArg("users", 2_000);
const members = numberArg("members", 500);
const concurrency = numberArg("concurrency", 2);

type Phase = { label: string; workers: number; syncs: number; seconds: number; perSecond: number; ranTwice: number; extraRequests: number };

type Setting = { workers: number; concurrency: number };

async function runPhase({ workers: workerCount, concurrency: slots }: Setting, env: NodeJS.ProcessEnv, pool: pg.Pool, upstreams: ClusterUpstreamInfo, ids: string[], perSync: { temporal: number; cloudflare: number }): Promise<Phase> {
  const { enqueueAll } = await import("./lib/cluster/connectors");
  const workers = Array.from({ length: workerCount }, (_, i) => startWorker(`worker-${i + 1}`, env, ["--concurrency", String(slots)]));
  await Promise.all(workers.map((w) => w.ready));
  try {
    const before = await upstreamRequests(upstreams);
    const runIds: string[] = [];
    const started = performance.now();
    for (let round = 0; round < rounds; round++) {
      const round_ = await enqueueAll(ids);
      await waitForRuns(pool, round_, 600_000);
      runIds.push(...round_);
    }
    const seconds = (performance.now() - started) / 1000;
    const report = await checkExactlyOnce(pool, runIds);
    const after = await upstreamRequests(upstreams);
    const temporalSyncs = runIds.length / 2;
    const expected = { temporal: before.temporal + temporalSyncs * perSync.temporal, cloudflare: before.cloudflare + (runIds.length - temporalSyncs) * perSync.cloudflare };
    const ranTwice = new Set([...report.notSucceeded, ...report.repeated].map((r) => r.id)).size + report.overlapping.length;
    return { label: `${workerCount} × ${slots}`, workers: workerCount, syncs: runIds.length, seconds, perSecond: runIds.length / seconds, ranTwice, extraRequests: after.temporal - expected.temporal + (after.cloudflare - expected.cloudflare) };
  } finally {
    await Promise.all(workers.map((w) => stopProcess(w)));
  }
}

async function main() {
  if (connectorCount % 2 !== 0) throw new Error("--connectors takes an even number (Temporal Cloud and Cloudflare in turn).");
  const database = await startBenchDatabase();
  const workDir = await mkdtemp(path.join(os.tmpdir(), "gk-bench-workers-"));
  const pool = new pg.Pool({ connectionString: database.url, max: 3 });
  const baseEnv = clusterEnv({ databaseUrl: database.url, dataDir: workDir, upstreams: {}, encryptionKey: process.env.ENCRYPTION_KEY });
  const simulators = await startUpstreamsProcess({ ...baseEnv, CLUSTER_SIM_TEMPORAL_USERS: String(users), CLUSTER_SIM_CLOUDFLARE_MEMBERS: String(members) });
  const upstreams = simulators.info;
  const env = clusterEnv({ databaseUrl: database.url, dataDir: workDir, upstreams: upstreams.env, encryptionKey: process.env.ENCRYPTION_KEY });
  Object.assign(process.env, upstreams.env);
  const cluster = await import("./lib/cluster/connectors");
  try {
    console.log(`bench:workers: ${connectorCount} connectors (Temporal Cloud ${fmt(users)} users, Cloudflare ${fmt(members)} members each), ${rounds} rounds, ${concurrency} syncs at once per worker`);
    const admin = await cluster.createAdmin();
    const ids = (await cluster.createHostedConnectors(admin, connectorCount, upstreams.settings)).map((c) => c.id);

    // Saving settings queues a first sync of each (as the settings form does); until then the
    // schedule would find them due. Then one sync of each kind alone: what a sync asks of each upstream.
    const solo = startWorker("solo", env, ["--concurrency", "2"]);
    await solo.ready;
    await waitForRuns(pool, await cluster.enqueueAll(ids, "settings"), 600_000);
    const atStart = await upstreamRequests(upstreams);
    await waitForRuns(pool, await cluster.enqueueAll([ids[0]]), 600_000);
    const afterTemporal = await upstreamRequests(upstreams);
    await waitForRuns(pool, await cluster.enqueueAll([ids[1]]), 600_000);
    const afterCloudflare = await upstreamRequests(upstreams);
    await stopProcess(solo);
    const perSync = { temporal: afterTemporal.temporal - atStart.temporal, cloudflare: afterCloudflare.cloudflare - afterTemporal.cloudflare };

    // The third: one process with as many syncs at once as the two, to tell processes from slots.
    const settings: Setting[] = [{ workers: 1, concurrency }, { workers: 2, concurrency }, { workers: 1, concurrency: 2 * concurrency }];
    const phases: Phase[] = [];
    for (const setting of settings) phases.push(await runPhase(setting, env, pool, upstreams, ids, perSync));
    console.log(`\nMachine: ${machine()}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
    printTable([
      ["worker processes × syncs at once", phases.map((p) => p.label).join(" | ")],
      ["syncs", phases.map((p) => fmt(p.syncs)).join(" | ")],
      ["wall time", phases.map((p) => `${fmt(p.seconds, 1)} s`).join(" | ")],
      ["syncs per second", phases.map((p) => fmt(p.perSecond, 2)).join(" | ")],
      ["runs not exactly once", phases.map((p) => String(p.ranTwice)).join(" | ")],
      ["upstream requests beyond one read per sync", phases.map((p) => String(p.extraRequests)).join(" | ")],
      ["throughput, 2 workers / 1 worker", `${fmt(phases[1].perSecond / phases[0].perSecond, 2)}×`],
      [`throughput, 2 workers / 1 worker of ${2 * concurrency}`, `${fmt(phases[1].perSecond / phases[2].perSecond, 2)}×`],
    ]);
    const failed = phases.some((p) => p.ranTwice > 0 || p.extraRequests !== 0);
    console.log(failed ? "\nSomething ran more than once: see above." : "\nNothing ran twice.");
    process.exitCode = failed ? 1 : 0;
  } finally {
    await cluster.closeConnections();
    await pool.end();
    await stopProcess(simulators.process);
    await database.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`[bench:workers] ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
