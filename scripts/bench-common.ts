// Shared by the benchmarks: a fresh embedded database with the app's environment pointing at
// it, a simulator in its own process, one measured sync, argument parsing, a peak-RSS sampler
// and figure formatting. Benchmarks print figures;
// they are not tests.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { startTestDatabase, type TestDatabase } from "@/tests/test-database";

export function numberArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(String(process.argv[index + 1]).replace(/_/g, ""));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} takes a number.`);
  return value;
}

export function flagArg(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** Starts the database and sets the variables lib/env reads, before any app module loads. */
export async function startBenchDatabase(extraEnv: Record<string, string> = {}): Promise<TestDatabase> {
  const database = await startTestDatabase();
  Object.assign(process.env, { DATABASE_URL: database.url, ENCRYPTION_KEY: randomBytes(32).toString("base64"), ...extraEnv });
  return database;
}

/**
 * Peak resident memory of this process, sampled (and the kernel's own maximum, unless
 * `sampledOnly`: that one is the process's lifetime peak, which an earlier phase may hold).
 */
export function trackPeakRss(options: { sampledOnly?: boolean } = {}) {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  timer.unref();
  return {
    peakMb: () => (options.sampledOnly ? peak : Math.max(peak, process.resourceUsage().maxRSS * 1024)) / 2 ** 20,
    stop: () => clearInterval(timer),
  };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const fmt = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function machine() {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 2 ** 30, 0)} GB RAM, Node ${process.versions.node}, ${os.platform()} ${os.release()}`;
}

export function printTable(rows: [string, string][]) {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

/**
 * Runs `script --simulator` (with this run's arguments) in a child process, as a remote upstream
 * would be, and returns the JSON line it prints once listening, with a way to stop it.
 */
export async function startSimulatorProcess<T extends object>(script: string, name: string): Promise<T & { stop: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", script, "--simulator", ...process.argv.slice(2)], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (data: Buffer) => {
      buffer += data.toString();
      if (buffer.includes("\n")) resolve(buffer.split("\n")[0]);
    });
    child.once("exit", (code) => reject(new Error(`The ${name} simulator exited (${code}).`)));
  });
  return { ...(JSON.parse(line) as T), stop: () => child.kill("SIGTERM") };
}

/**
 * One sync of a connector through the real engine, timed, with this process's peak RSS; throws
 * unless it succeeded. `storeMs` is what the store path spent (COPY, index builds, publish);
 * `matchMs`, part of the publish, is matching the accounts to people (account_links rows).
 */
export async function measuredSync(connectorId: string) {
  const { enqueueSync, executeRun, getRunProgress } = await import("@/lib/sync");
  const { runId } = await enqueueSync(connectorId, "manual");
  const rss = trackPeakRss();
  const started = performance.now();
  await executeRun(runId);
  const wallMs = performance.now() - started;
  rss.stop();
  const run = await getRunProgress(runId);
  if (run?.status !== "SUCCEEDED") throw new Error(`The sync did not succeed: ${run?.status} ${run?.errorMessage ?? ""}`);
  const t = run.timings ?? {};
  const storeMs = (t.storeWriteMs ?? 0) + (t.indexMs ?? 0) + (t.publishMs ?? 0);
  const matchMs = t.matchMs ?? 0;
  const rows = run.counts.resourceTypes + run.counts.resources + run.counts.entitlements + run.counts.grants;
  return { runId, run, timings: t, wallMs, peakMb: rss.peakMb(), storeMs, matchMs, rows };
}

/**
 * A run's snapshot store time (COPY, indexes, publish without the people match) and its match
 * time: the match writes account_links rows, not the snapshot's, which a raw COPY does not cover.
 */
export function storeTimes(t: Record<string, number | undefined>) {
  const matchMs = t.matchMs ?? 0;
  return { storeMs: (t.storeWriteMs ?? 0) + (t.indexMs ?? 0) + (t.publishMs ?? 0) - matchMs, matchMs };
}
