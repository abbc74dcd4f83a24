// Shared by the benchmarks: a fresh embedded database with the app's environment pointing at
// it, argument parsing, a peak-RSS sampler and figure formatting. Benchmarks print figures;
// they are not tests.
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

/** Peak resident memory of this process, sampled (and the kernel's own maximum). */
export function trackPeakRss() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  timer.unref();
  return {
    peakMb: () => Math.max(peak, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
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
