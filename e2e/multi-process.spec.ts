// The console as several processes on one PostgreSQL (README, "Running on more than one
// machine"): 2 web processes (`next start`, RUN_WORKER=false) and 2 workers (`npm run worker`)
// on a database of their own, next to the e2e one, syncing from simulators of their own.
// Proves: migrations applied once by two processes starting together; 20 connectors synced
// again and again, each sync run exactly once; "Sync now" on both web processes at once makes
// one run; a worker killed mid-run (SIGKILL) is recovered by the other; the ingest API's rate
// limit holds across both web processes.
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import pg from "pg";
import { checkExactlyOnce, waitForRuns } from "@/scripts/lib/cluster/checks";
import { clusterEnv, controlTemporal, upstreamRequests, type ClusterUpstreamInfo } from "@/scripts/lib/cluster/environment";
import { runDriver, startUpstreamsProcess, startWeb, startWorker, stopProcess, type ClusterProcess } from "@/scripts/lib/cluster/processes";
import { freePort } from "@/tests/free-port";
import { expect, signIn, test } from "./fixtures";

type Setup = { admin: { email: string; password: string }; connectorIds: string[]; baton: { clientId: string; clientSecret: string }; firstRunIds: string[] };

let adminUrl: string;
let databaseName: string;
let pool: pg.Pool;
let upstreams: ClusterUpstreamInfo;
let simulators: ClusterProcess | undefined;
let env: NodeJS.ProcessEnv;
let workDir: string;
let setup: Setup;
const workers: ClusterProcess[] = [];
const webs: ClusterProcess[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  // A database of its own on the e2e server: the e2e app's worker must not take these jobs.
  const e2eUrl = new URL(process.env.DATABASE_URL ?? "");
  databaseName = `cluster_${randomBytes(6).toString("hex")}`;
  adminUrl = Object.assign(new URL(e2eUrl), { pathname: "/postgres" }).toString();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
  const databaseUrl = Object.assign(new URL(e2eUrl), { pathname: `/${databaseName}` }).toString();
  pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  pool.on("error", () => {});

  workDir = await mkdtemp(path.join(os.tmpdir(), "gk-cluster-"));
  const started = await startUpstreamsProcess(clusterEnv({ databaseUrl, dataDir: workDir, upstreams: {} }));
  [simulators, upstreams] = [started.process, started.info];
  env = clusterEnv({ databaseUrl, dataDir: path.join(workDir, "data"), upstreams: upstreams.env });

  // Both workers start at once on the empty database: the migration runner's advisory lock
  // lets one apply the migrations, the other waits and finds nothing left to do.
  workers.push(startWorker("worker-1", env, ["--sweep-every", "1"]), startWorker("worker-2", env, ["--sweep-every", "1"]));
  await Promise.all(workers.map((w) => w.ready));
  setup = await runDriver<Setup>({ ...env, CLUSTER_SETTINGS: JSON.stringify(upstreams.settings) }, ["setup", "20"]);

  // `localhost`, not the e2e origin: the leak scan's capture reads the e2e app's answers only.
  for (const name of ["web-1", "web-2"]) {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    webs.push(startWeb(name, { ...env, NEXTAUTH_URL: url, APP_URL: url }, port));
  }
  await Promise.all(webs.map((w) => w.ready));
});

test.afterAll(async () => {
  await Promise.allSettled([...workers, ...webs, ...(simulators ? [simulators] : [])].map((p) => stopProcess(p)));
  await pool?.end();
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    await admin.end();
  }
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const p of [...workers, ...webs]) console.log(`--- ${p.name} (pid ${p.child.pid})\n${p.output.join("").slice(-2000)}`);
});

const enqueue = async (ids: string[]) => (await runDriver<{ runIds: string[] }>(env, ["enqueue", ...ids])).runIds;
const webUrl = (i: number) => `http://localhost:${new URL(webs[i].url ?? "").port}`;

async function signedInPage(browser: Browser, web: number): Promise<Page> {
  const context = await browser.newContext({ baseURL: webUrl(web) });
  const page = await context.newPage();
  await signIn(page, setup.admin);
  return page;
}

test("two workers starting together apply each migration once", async () => {
  const files = (await readdir("prisma/migrations", { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const { rows } = await pool.query<{ migration_name: string; n: number }>(`SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY 1`);
  expect(rows.map((r) => r.migration_name).sort()).toEqual(files.sort());
  expect(rows.every((r) => r.n === 1)).toBe(true);
});

test("20 connectors synced four times over by two workers: every sync runs exactly once", async () => {
  test.setTimeout(300_000);
  const ids = setup.connectorIds;
  await waitForRuns(pool, setup.firstRunIds); // queued when their settings were saved
  // One sync of each kind alone: what a single sync asks of each upstream.
  const atStart = await upstreamRequests(upstreams);
  const solo = await enqueue([ids[0], ids[1]]);
  await waitForRuns(pool, solo);
  const afterSolo = await upstreamRequests(upstreams);
  const perSync = { temporal: afterSolo.temporal - atStart.temporal, cloudflare: afterSolo.cloudflare - atStart.cloudflare };
  expect(perSync.temporal).toBeGreaterThan(0);
  expect(perSync.cloudflare).toBeGreaterThan(0);
  expect(atStart).toEqual({ temporal: 10 * perSync.temporal, cloudflare: 10 * perSync.cloudflare }); // the first syncs, one each

  const runIds = [...setup.firstRunIds, ...solo];
  for (let round = 0; round < 3; round++) {
    const round_ = await enqueue(ids);
    expect(new Set(round_).size).toBe(20);
    await waitForRuns(pool, round_);
    runIds.push(...round_);
  }
  // Every run in the database is one of these (no schedule or duplicate made another) ...
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sync_runs WHERE connector_id = ANY($1::text[])`, [ids]);
  expect(rows[0].n).toBe(runIds.length);
  // ... each ran once, after one attempt, never beside another run of its connector ...
  const report = await checkExactlyOnce(pool, runIds);
  expect(report.notSucceeded.map((r) => `${r.id} ${r.status}`)).toEqual([]);
  expect(report.repeated.map((r) => `${r.id}: ${r.attempts} attempts, started ${r.started}×, finished ${r.finished}×`)).toEqual([]);
  expect(report.overlapping).toEqual([]);
  // ... and the upstreams saw 30 syncs each, not one request more: no sync read them twice.
  const atEnd = await upstreamRequests(upstreams);
  expect(atEnd).toEqual({ temporal: afterSolo.temporal + 30 * perSync.temporal, cloudflare: afterSolo.cloudflare + 30 * perSync.cloudflare });
  console.log(`[cluster] ${runIds.length} syncs of 20 connectors on 2 workers: each ran once; ${perSync.temporal} Temporal / ${perSync.cloudflare} Cloudflare requests per sync, as alone`);
});

test("Sync now on both web processes at once makes one run, and both show it", async ({ browser }) => {
  const connectorId = setup.connectorIds[2];
  const pages = await Promise.all([signedInPage(browser, 0), signedInPage(browser, 1)]);
  await Promise.all(pages.map((page) => page.goto(`/admin/connectors/${connectorId}`)));
  const count = async () => (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sync_runs WHERE connector_id = $1`, [connectorId])).rows[0].n;
  const before = await count();
  await Promise.all(pages.map((page) => page.getByRole("button", { name: "Sync now" }).click()));
  await expect.poll(count).toBe(before + 1);
  const { rows } = await pool.query<{ id: string }>(`SELECT id FROM sync_runs WHERE connector_id = $1 ORDER BY queued_at DESC LIMIT 1`, [connectorId]);
  await waitForRuns(pool, [rows[0].id]);
  expect(await count()).toBe(before + 1);
  const report = await checkExactlyOnce(pool, [rows[0].id]);
  expect(report.notSucceeded).toEqual([]);
  expect(report.repeated).toEqual([]);
  for (const page of pages) {
    await page.reload();
    await expect(page.getByTestId("connector-status")).toHaveAttribute("data-status", "CONNECTED");
  }
  await pages[1].screenshot({ path: "test-results/screens/multi-process-sync-now.png", fullPage: true });
  await Promise.all(pages.map((page) => page.context().close()));
});

test("the ingest API's rate limits hold across both web processes", async () => {
  const token = await fetch(`${webUrl(0)}/api/v1/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: setup.baton.clientId, client_secret: setup.baton.clientSecret }),
  });
  expect(token.status).toBe(200);
  const { access_token: accessToken } = (await token.json()) as { access_token: string };
  // 70 heartbeats, half to each process, at once: 60 a minute per connector in all, not per process.
  const beats = await Promise.all(
    Array.from({ length: 70 }, (_, i) =>
      fetch(`${webUrl(i % 2)}/api/v1/heartbeat`, {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ runnerVersion: "cluster/1" }),
      }).then((r) => ({ web: i % 2, status: r.status, retryAfter: r.headers.get("retry-after") })),
    ),
  );
  expect(beats.filter((b) => b.status === 200)).toHaveLength(60);
  const limited = beats.filter((b) => b.status === 429);
  expect(limited).toHaveLength(10);
  expect(limited.every((b) => Number(b.retryAfter) > 0)).toBe(true);
  // And the token limit (10 a minute per client ID), one already taken above.
  const tokens = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      fetch(`${webUrl(i % 2)}/api/v1/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ client_id: setup.baton.clientId, client_secret: setup.baton.clientSecret }) }).then((r) => r.status),
    ),
  );
  expect(tokens.filter((s) => s === 200)).toHaveLength(9);
  expect(tokens.filter((s) => s === 429)).toHaveLength(3);
});

test("a worker killed mid-run (SIGKILL) is recovered by the other, which completes the run", async () => {
  test.setTimeout(180_000);
  const connectorId = setup.connectorIds[0];
  // Only worker-1 takes the run: worker-2 stops first (gracefully) and comes back once it runs.
  await stopProcess(workers[1]);
  await controlTemporal(upstreams, { action: "add-fault", fault: { kind: "slow", delayMs: 1500 } });
  const seen = (await upstreamRequests(upstreams)).temporal;
  const [runId] = await enqueue([connectorId]);
  await expect
    .poll(async () => (await pool.query<{ status: string }>(`SELECT status FROM sync_runs WHERE id = $1`, [runId])).rows[0].status, { timeout: 30_000 })
    .toBe("RUNNING");
  await expect.poll(async () => (await upstreamRequests(upstreams)).temporal, { timeout: 30_000 }).toBeGreaterThan(seen);
  workers[1] = startWorker("worker-2 (again)", env, ["--sweep-every", "1"]);
  await workers[1].ready;

  await stopProcess(workers[0], "SIGKILL");
  await controlTemporal(upstreams, { action: "clear-faults" });
  await waitForRuns(pool, [runId], 120_000);
  const report = await checkExactlyOnce(pool, [runId], { [runId]: 2 });
  expect(report.notSucceeded.map((r) => `${r.status}`)).toEqual([]);
  expect(report.repeated.map((r) => `${r.attempts} attempts, started ${r.started}×, finished ${r.finished}×`)).toEqual([]);
  const { rows } = await pool.query<{ current: string; status: string }>(`SELECT current_sync_run_id AS current, status FROM connectors WHERE id = $1`, [connectorId]);
  expect(rows[0]).toEqual({ current: runId, status: "CONNECTED" });
});
