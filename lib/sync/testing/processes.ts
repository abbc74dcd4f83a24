// Starting and stopping worker-child.ts processes from a test.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type WorkerProcess = { child: ChildProcess; output: string[]; ready: Promise<void> };

export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const script = path.resolve(import.meta.dirname, "worker-child.ts");
  // `--import tsx` keeps it one process: the tsx CLI would fork a grandchild that survives
  // a SIGKILL sent to its parent.
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (data: Buffer) => {
      output.push(data.toString());
      if (data.toString().includes("worker ready")) resolve();
    });
    child.stderr?.on("data", (data: Buffer) => output.push(data.toString()));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output.join("")}`)));
  });
  return { child, output, ready };
}

export async function stopWorkerProcess(worker: WorkerProcess, signal: NodeJS.Signals = "SIGTERM") {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.child.once("exit", resolve));
  worker.child.kill(signal);
  await exited;
}
