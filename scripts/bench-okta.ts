// `npm run bench:okta [-- --people 100000 --accounts 1000000 --iterations 200]`: the identity
// provider's figures. Matching N people against the accounts of other connectors (≤ 2× a bare
// UPDATE … FROM of the same join) and the People pages' p95 (target ≤ 50 ms).
import { flagArg, fmt, machine, startBenchDatabase } from "./bench-common";
import { benchIdentity } from "./bench-identity";

async function main() {
  console.log(`bench:okta — Machine: ${machine()}`);
  const database = await startBenchDatabase();
  try {
    const { getPool } = await import("@/lib/db/client");
    const { stopSyncQueue } = await import("@/lib/sync");
    const { closeSyncPool } = await import("@/lib/sync/pool");
    const { ratio, pages } = await benchIdentity(getPool());
    const worst = Math.max(...pages.map(([, v]) => Number(v.split("/")[1].replace(/[^\d.]/g, ""))));
    const ok = ratio <= 2 && worst <= 50;
    console.log(`\n${ok ? "PASS" : "FAIL"}: match ratio ${fmt(ratio, 2)} ${ratio <= 2 ? "≤" : ">"} 2, worst page p95 ${fmt(worst, 1)} ms ${worst <= 50 ? "≤" : ">"} 50 ms`);
    await stopSyncQueue();
    await closeSyncPool();
    await getPool().end();
    if (!ok && !flagArg("no-fail")) process.exitCode = 1;
  } finally {
    await database.stop();
  }
}

await main();
