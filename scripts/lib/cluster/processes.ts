// Web and worker processes of one console on one database, as a deployment runs them (`next
// start` with RUN_WORKER=false behind a load balancer, `npm run worker` beside it), for the
// multi-process e2e spec and `npm run bench:workers`. No Docker: plain child processes. Each
// gets exactly the environment it is given (no inherited SMTP_URL or test database).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ClusterUpstreamInfo } from "./environment";

const ROOT = path.resolve(import.meta.dirname, "../../..");

export type ClusterProcess = { name: string; child: ChildProcess; output: string[]; ready: Promise<void>; url?: string };

function track(name: string, child: ChildProcess, readyWhen: (outputSoFar: string) => boolean): ClusterProcess {
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on("data", (data: Buffer) => {
        output.push(data.toString());
        if (readyWhen(output.join(""))) resolve();
      });
    }
    child.once("exit", (code, signal) => reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output.join("").slice(-3000)}`)));
  });
  ready.catch(() => {}); // awaited by the caller; an exit after readiness is not an error here
  return { name, child, output, ready };
}

/**
 * `npm run worker` as one process (`node --import tsx`: the tsx CLI would fork a grandchild
 * that outlives a SIGKILL sent to its parent). It applies pending migrations under the
 * advisory lock, like every process of the console, then takes jobs.
 */
export function startWorker(name: string, env: NodeJS.ProcessEnv, args: string[] = []): ClusterProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  return track(name, child, (all) => all.includes("Running up to"));
}

/** The production server (`next start`, needs `next build` first) without a worker in it. */
export function startWeb(name: string, env: NodeJS.ProcessEnv, port: number, host = "127.0.0.1"): ClusterProcess {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", host], {
    cwd: ROOT,
    env: { ...env, NODE_ENV: "production", RUN_WORKER: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const web = track(name, child, () => false);
  const url = `http://${host}:${port}`;
  return { ...web, url, ready: waitForHealth(url, child) };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The web process exited with code ${child.exitCode}.`);
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url}/api/health did not answer within ${timeoutMs} ms.`);
}

/** Runs the driver (./driver.ts) in a child process on the cluster's database; its JSON answer. */
export async function runDriver<T>(env: NodeJS.ProcessEnv, args: string[]): Promise<T> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/lib/cluster/driver.ts", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`driver ${args[0]} failed (${code}):\n${stderr.slice(-3000)}`);
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "null") as T;
}

/** The simulators in a child process (./upstreams-child.ts): the process and what it printed. */
export async function startUpstreamsProcess(env: NodeJS.ProcessEnv): Promise<{ process: ClusterProcess; info: ClusterUpstreamInfo }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/lib/cluster/upstreams-child.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const upstreams = track("upstreams", child, (all) => /temporalControl.*\n/.test(all));
  await upstreams.ready;
  const line = upstreams.output.join("").split("\n").find((l) => l.includes("temporalControl")) ?? "{}";
  return { process: upstreams, info: JSON.parse(line) as ClusterUpstreamInfo };
}

export async function stopProcess(process: ClusterProcess, signal: NodeJS.Signals = "SIGTERM", graceMs = 15_000) {
  const { child } = process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
