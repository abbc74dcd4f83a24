// `npm run worker [-- --concurrency N] [--sweep-every S]`: a sync worker process on its own, for
// scale-out. --sweep-every: seconds between looks for runs whose worker died (default 60).
// Any number of workers and web processes share one PostgreSQL: pg-boss hands each job to
// one of them, and a connector's advisory lock keeps its syncs one at a time.
// With DATABASE_URL unset it joins the embedded database of a running `npm start`.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { prepareRuntime, StartupError } from "@/lib/db/prepare";
import { getEnv } from "@/lib/env";

const log = (line: string) => console.log(`[worker] ${line}`);

function wholeArg(flag: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(flag);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) throw new StartupError(`${flag} takes a whole number from 1 to ${max}.`);
  return value;
}

async function main() {
  const concurrency = wholeArg("--concurrency", 2, 32);
  const sweepEverySeconds = wholeArg("--sweep-every", 60, 3600);
  const env = getEnv();
  if (!env.DATABASE_URL) {
    // The embedded database belongs to `npm start`; a worker joins it, with the same key.
    const keyFile = path.resolve(env.DATA_DIR, "encryption.key");
    const key = await readFile(keyFile, "utf8").catch(() => undefined);
    if (!key) throw new StartupError(`No DATABASE_URL and no ${keyFile}: start the console first (npm start), or set DATABASE_URL and ENCRYPTION_KEY.`);
    env.DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/console`;
    env.ENCRYPTION_KEY ??= key.trim();
  }
  // Checks the database, applies migrations and checks the key, like the web process.
  const runtime = await prepareRuntime(env, log);
  // The rest of the process reads the env parsed once (lib/env); record what was prepared.
  Object.assign(env, { DATABASE_URL: runtime.databaseUrl, ENCRYPTION_KEY: runtime.encryptionKey });

  const { startSyncWorker, stopSyncQueue } = await import("@/lib/sync");
  const worker = await startSyncWorker({ concurrency, sweepEverySeconds });
  log(`Running up to ${concurrency} syncs at once. Stop with Ctrl+C: running syncs go back to the queue.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log("Stopping…");
    await worker.stop();
    await stopSyncQueue();
    await runtime.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(`[worker] Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
