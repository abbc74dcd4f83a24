// `npm run bench:okta [-- --users 100000 --groups 5000 --memberships 1000000 --apps 500
//   --people 100000 --accounts 1000000 --iterations 200]`: the identity provider's figures.
// 1. An Okta sync of a generated org through the real adapter (requests = the minimum pages,
//    store write ≤ 2× a raw COPY of the same rows, peak RSS ≤ 512 MB).
// 2. Matching N people against the accounts of other connectors (≤ 2× a bare UPDATE … FROM of
//    the same join) and the People pages' p95 (target ≤ 50 ms).
// --only-sync / --only-match run one part; --hold keeps the database up afterwards (its URL is
// printed) to EXPLAIN a query against the same data, until Ctrl-C.
import { flagArg, fmt, machine, startBenchDatabase } from "./bench-common";
import { benchIdentity } from "./bench-identity";
import { benchOktaSync, oktaOrgSize, serveOktaSimulator, startOktaSimulatorProcess } from "./bench-okta-sync";

async function main() {
  console.log(`bench:okta — Machine: ${machine()}`);
  const size = oktaOrgSize();
  const sim = await startOktaSimulatorProcess(import.meta.filename);
  const database = await startBenchDatabase({ OKTA_API_URL: sim.url });
  try {
    const { getPool } = await import("@/lib/db/client");
    const { stopSyncQueue } = await import("@/lib/sync");
    const { closeSyncPool, getSyncPool } = await import("@/lib/sync/pool");
    const checks: [boolean, string][] = [];
    if (!flagArg("only-match")) {
      const sync = await benchOktaSync(getSyncPool(), sim, size);
      checks.push(
        [sync.requests === sync.minimum, `Okta requests ${fmt(sync.requests)} ${sync.requests === sync.minimum ? "=" : "≠"} minimum ${fmt(sync.minimum)}`],
        [sync.ratio <= 2, `Okta store / raw COPY ${fmt(sync.ratio, 2)} ${sync.ratio <= 2 ? "≤" : ">"} 2`],
        [sync.peakMb <= 512, `Okta sync peak RSS ${fmt(sync.peakMb)} MB ${sync.peakMb <= 512 ? "≤" : ">"} 512 MB`],
      );
    }
    sim.stop();
    if (!flagArg("only-sync")) {
      const { ratio, pages } = await benchIdentity(getPool());
      const worst = Math.max(...pages.map(([, v]) => Number(v.split("/")[1].replace(/[^\d.]/g, ""))));
      checks.push([ratio <= 2, `match ratio ${fmt(ratio, 2)} ${ratio <= 2 ? "≤" : ">"} 2`], [worst <= 50, `worst page p95 ${fmt(worst, 1)} ms ${worst <= 50 ? "≤" : ">"} 50 ms`]);
    }
    const ok = checks.every(([pass]) => pass);
    console.log(`\n${ok ? "PASS" : "FAIL"}: ${checks.map(([, text]) => text).join("; ")}`);
    if (flagArg("hold")) {
      console.log(`Holding the database at ${database.url} (Ctrl-C ends it)`);
      await new Promise((resolve) => process.once("SIGINT", resolve));
    }
    await stopSyncQueue();
    await closeSyncPool();
    await getPool().end();
    if (!ok && !flagArg("no-fail")) process.exitCode = 1;
  } finally {
    sim.stop();
    await database.stop();
  }
}

if (flagArg("simulator")) await serveOktaSimulator(oktaOrgSize());
else await main();
