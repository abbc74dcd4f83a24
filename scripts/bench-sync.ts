// `npm run bench:sync [-- --users 100000 --grants 1000000 --namespaces 1000]`: generates an
// organisation in the Temporal Cloud simulator (its own process, as a remote upstream would
// be), syncs it through the real adapter, HTTP and store path, then COPYs the same rows raw
// into scratch tables for comparison. Prints wall time, rows per second, peak RSS, upstream
// requests against the minimum, and the store-write / raw COPY ratio.
import { fmt, flagArg, machine, measuredSync, numberArg, printTable, startBenchDatabase, startSimulatorProcess } from "./bench-common";
import { rawCopyBaseline } from "./bench-raw-copy";

const users = numberArg("users", 100_000);
const grants = numberArg("grants", 1_000_000);
const namespaces = numberArg("namespaces", 1_000);
const PAGE = 1_000;

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
    const { runId, run, timings: t, wallMs, peakMb, storeMs, rows } = await measuredSync("benchconnector");
    const { stats } = await control(sim.url);

    const minimum = [users, namespaces, sim.serviceAccounts].reduce((sum, n) => sum + Math.max(1, Math.ceil(n / PAGE)), 0);
    const baseline = await rawCopyBaseline(pool, runId);
    const ratio = storeMs / baseline.copyMs;

    console.log("\nResult");
    printTable([
      ["rows written", `${fmt(rows)} (${fmt(run.counts.resources)} resources incl. ${fmt(run.counts.accounts)} accounts, ${fmt(run.counts.entitlements)} entitlements, ${fmt(run.counts.grants)} grants)`],
      ["wall time", `${fmt(wallMs / 1000, 1)} s`],
      ["rows per second", fmt(rows / (wallMs / 1000))],
      ["peak RSS", `${fmt(peakMb)} MB (target ≤ 512)`],
      ["upstream requests", `${fmt(stats.total)} (minimum ${fmt(minimum)} at ${PAGE} per page)`],
      ["store write", `${fmt(storeMs)} ms = encode+COPY ${fmt(t.storeWriteMs ?? 0)} + indexes ${fmt(t.indexMs ?? 0)} + publish ${fmt(t.publishMs ?? 0)}`],
      ["raw COPY, same rows", `${fmt(baseline.copyMs)} ms into scratch tables without indexes (${fmt(baseline.rows)} rows)`],
      ["store / raw COPY", `${fmt(ratio, 2)} (target ≤ 2)`],
    ]);
    const ok = ratio <= 2 && peakMb <= 512;
    console.log(`\n${ok ? "PASS" : "FAIL"}: ratio ${fmt(ratio, 2)} ${ratio <= 2 ? "≤" : ">"} 2, peak RSS ${fmt(peakMb)} MB ${peakMb <= 512 ? "≤" : ">"} 512 MB`);
    await stopSyncQueue();
    await closeSyncPool();
    if (!ok && !flagArg("no-fail")) process.exitCode = 1;
  } finally {
    sim.stop();
    await database.stop();
  }
}

if (flagArg("simulator")) await serveSimulator();
else await main();
