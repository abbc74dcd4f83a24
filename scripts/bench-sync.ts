// `npm run bench:sync [-- --users 100000 --grants 1000000 --namespaces 1000 | --preset baton-447]
// [--no-ingest]`: generates an organisation in the Temporal Cloud simulator (its own process, as
// a remote upstream would be), syncs it through the real adapter, HTTP and store path, then
// COPYs the same rows raw into scratch tables for comparison. Prints wall time, rows per
// second, peak RSS, upstream requests against the minimum, and the store-write / raw COPY
// ratio. Then the ingest path (scripts/bench-ingest.ts): the same rows uploaded to a
// self-hosted connector as NDJSON and as a .c1z, each against a raw COPY of what it stored.
//
// --preset baton-447: baton-sdk's own profiling case (ConductorOne/baton-sdk#447), 1,000,000
// users and 3,400,000 grants (an account role each, and 2,400,000 namespace grants).
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fmt, flagArg, machine, measuredSync, numberArg, printTable, startBenchDatabase, startSimulatorProcess, storeTimes } from "./bench-common";
import { runRecords, uploadRows, uploadTarget, writeNdjson } from "./bench-ingest";
import { rawCopyBaseline } from "./bench-raw-copy";

const PRESETS: Record<string, { users: number; grants: number; namespaces: number }> = {
  "baton-447": { users: 1_000_000, grants: 2_400_000, namespaces: 1_000 },
};
const presetName = process.argv.includes("--preset") ? String(process.argv[process.argv.indexOf("--preset") + 1]) : null;
if (presetName && !PRESETS[presetName]) throw new Error(`--preset takes one of: ${Object.keys(PRESETS).join(", ")}.`);
const preset = presetName ? PRESETS[presetName] : { users: 100_000, grants: 1_000_000, namespaces: 1_000 };
const users = numberArg("users", preset.users);
const grants = numberArg("grants", preset.grants);
const namespaces = numberArg("namespaces", preset.namespaces);
const PAGE = 1_000;
/** What a .c1z may decompress to (lib/c1z DEFAULT_LIMITS): its SQLite database is held in memory whole. */
const C1Z_BOUND = 512 * 2 ** 20;

async function serveSimulator() {
  const { generateTemporalOrg, startTemporalCloudSimulator } = await import("@/e2e/upstreams/temporal-cloud/server");
  const org = generateTemporalOrg({ users, namespaces, grants, seed: 7 });
  const sim = await startTemporalCloudSimulator({ org });
  console.log(JSON.stringify({ url: sim.url, serviceAccounts: org.counts.serviceAccounts }));
}

async function control(url: string, body?: object) {
  const response = await fetch(`${url}/__control`, body ? { method: "POST", body: JSON.stringify(body) } : undefined);
  return (await response.json()) as { stats: { total: number; byKind: Record<string, number> } };
}

async function main() {
  console.log(`bench:sync — ${fmt(users)} users, ${fmt(grants)} namespace grants, ${fmt(namespaces)} namespaces`);
  console.log(`Machine: ${machine()}`);
  const sim = await startSimulatorProcess<{ url: string; serviceAccounts: number }>(import.meta.filename, "Temporal Cloud");
  const database = await startBenchDatabase({ TEMPORAL_CLOUD_API_URL: sim.url, CLOUDFLARE_PACING: "false" });
  try {
    const { getSyncPool, closeSyncPool } = await import("@/lib/sync/pool");
    const { sealJson } = await import("@/lib/crypto");
    const { DEMO_API_KEY } = await import("@/e2e/upstreams/temporal-cloud/server");
    const { stopSyncQueue } = await import("@/lib/sync");
    const pool = getSyncPool();
    await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ('benchapp', 'Temporal Cloud', true, now())`);
    await pool.query(
      `INSERT INTO connectors (id, catalog_id, display_name, application_id, status, settings_sealed, updated_at)
       VALUES ('benchconnector', 'temporal-cloud', 'Temporal Cloud', 'benchapp', 'SYNCING', $1, now())`,
      [sealJson({ apiKey: DEMO_API_KEY })],
    );
    await control(sim.url, { action: "reset-stats" });
    const { runId, run, timings: t, wallMs, peakMb, rows } = await measuredSync("benchconnector");
    const { storeMs, matchMs } = storeTimes(t);
    const { stats } = await control(sim.url);

    // Every list in pages of 1,000, and the one API-key listing the credential-expiry check reads.
    const minimum = [users, namespaces, sim.serviceAccounts].reduce((sum, n) => sum + Math.max(1, Math.ceil(n / PAGE)), 0) + 1;
    const requests = stats.total; // the simulator leaves its own control calls out
    const baseline = await rawCopyBaseline(pool, runId);
    const ratio = storeMs / baseline.copyMs;

    console.log("\nResult");
    printTable([
      ["rows written", `${fmt(rows)} (${fmt(run.counts.resources)} resources incl. ${fmt(run.counts.accounts)} accounts, ${fmt(run.counts.entitlements)} entitlements, ${fmt(run.counts.grants)} grants)`],
      ["wall time", `${fmt(wallMs / 1000, 1)} s`],
      ["rows per second", fmt(rows / (wallMs / 1000))],
      ["peak RSS", `${fmt(peakMb)} MB (target ≤ 512)`],
      ["upstream requests", `${fmt(requests)} (minimum ${fmt(minimum)} at ${PAGE} per page; ${Object.entries(stats.byKind).map(([k, n]) => `${k} ${fmt(n)}`).join(", ")})`],
      ["store write", `${fmt(storeMs)} ms = encode+COPY ${fmt(t.storeWriteMs ?? 0)} + indexes ${fmt(t.indexMs ?? 0)} + publish ${fmt((t.publishMs ?? 0) - matchMs)}`],
      ["matching accounts to people", `${fmt(matchMs)} ms in the publish transaction (${fmt(run.counts.accounts)} account_links rows; not the snapshot's rows, so not in the ratio)`],
      ["raw COPY, same rows", `${fmt(baseline.copyMs)} ms into scratch tables without indexes (${fmt(baseline.rows)} rows)`],
      ["store / raw COPY", `${fmt(ratio, 2)} (target ≤ 2)`],
    ]);
    let ok = ratio <= 2 && peakMb <= 512 && requests === minimum;
    console.log(`\n${ok ? "PASS" : "FAIL"}: ratio ${fmt(ratio, 2)} ${ratio <= 2 ? "≤" : ">"} 2 (with the people match ${fmt((storeMs + matchMs) / baseline.copyMs, 2)}), peak RSS ${fmt(peakMb)} MB ${peakMb <= 512 ? "≤" : ">"} 512 MB, requests ${requests === minimum ? "=" : "≠"} minimum`);
    if (!flagArg("no-ingest")) ok = (await ingestPath(pool, runId)) && ok;
    await stopSyncQueue();
    await closeSyncPool();
    await (await import("@/lib/db/client")).getPool().end();
    if (!ok && !flagArg("no-fail")) process.exitCode = 1;
  } finally {
    sim.stop();
    await database.stop();
  }
}

/** The same rows through the ingest API: NDJSON streamed from disk, then a .c1z that fits its bound. */
async function ingestPath(pool: import("pg").Pool, runId: string): Promise<boolean> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "gatekeeper-bench-ingest-"));
  try {
    console.log("\nIngest path: the same rows uploaded to a self-hosted connector");
    const ndjson = path.join(dir, "sync.ndjson.gz");
    const lines = await writeNdjson(runRecords(pool, runId), ndjson);
    const target = await uploadTarget(pool, C1Z_BOUND);
    const nd = await target.upload(`NDJSON upload, gzip (${fmt(lines)} records)`, ndjson, "uploadRecords", "application/x-ndjson", "gzip");
    // The .c1z: a 1% sample sizes the whole, then the largest share of the accounts that fits.
    const file = path.join(dir, "sync.c1z");
    const sample = await buildC1z(runId, 0.01, file);
    const whole = sample.databaseBytes / 0.01;
    const share = Math.min(1, Math.floor(((0.85 * C1Z_BOUND) / whole) * 100) / 100);
    const built = await buildC1z(runId, share, file);
    const c1z = await target.upload(`.c1z upload (${share === 1 ? "every" : `${fmt(share * 100)}% of the`} account${share === 1 ? "" : "s"}, ${fmt(built.records)} records)`, file, "uploadC1z", "application/octet-stream");
    printTable([
      ...uploadRows(nd),
      [".c1z of every row (estimated from a 1% sample)", `${fmt(whole / 2 ** 20)} MB of SQLite; the bound is ${fmt(C1Z_BOUND / 2 ** 20)} MB`],
      ...uploadRows(c1z),
    ]);
    const passes = (f: typeof nd) => !f.error && f.copyMs > 0 && f.storeMs / f.copyMs <= 2;
    const ok = passes(nd) && passes(c1z) && nd.peakMb <= 512;
    console.log(`\n${ok ? "PASS" : "FAIL"}: NDJSON ${fmt(nd.storeMs / nd.copyMs, 2)}, .c1z ${fmt(c1z.storeMs / c1z.copyMs, 2)} × raw COPY (≤ 2); NDJSON peak RSS ${fmt(nd.peakMb)} MB (≤ 512); .c1z peak ${fmt(c1z.peakMb)} MB (bounded by its size, see README)`);
    return ok;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Builds the .c1z in a child process (sql.js memory never shrinks), returning what it wrote. */
async function buildC1z(runId: string, share: number, file: string): Promise<{ databaseBytes: number; records: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--write-c1z", file, "--run", runId, "--share", String(share)], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", (exitCode) => resolve(exitCode)));
  if (code !== 0) throw new Error(`Building the .c1z failed (${code}).`);
  return JSON.parse(out.trim().split("\n").pop()!) as { databaseBytes: number; records: number };
}

async function writeC1zFile() {
  const { writeC1z } = await import("@/lib/c1z/writer");
  const { getSyncPool, closeSyncPool } = await import("@/lib/sync/pool");
  const at = (name: string) => String(process.argv[process.argv.indexOf(`--${name}`) + 1]);
  const { bytes, databaseBytes, counts } = await writeC1z(runRecords(getSyncPool(), at("run"), Number(at("share"))));
  await writeFile(at("write-c1z"), bytes);
  await closeSyncPool();
  console.log(JSON.stringify({ databaseBytes, records: Object.values(counts).reduce((a, b) => a + b, 0) }));
}

if (flagArg("simulator")) await serveSimulator();
else if (flagArg("write-c1z")) await writeC1zFile();
else await main();
