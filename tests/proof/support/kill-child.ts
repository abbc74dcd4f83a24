// A TypeScript child process the crash proof can kill with SIGKILL: `node --import tsx` keeps
// it one process (the tsx CLI would fork a grandchild that outlives the kill), its output lines
// are kept, and `killed()` resolves once the OS has reaped it.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type KillableChild = { child: ChildProcess; lines: string[]; ready: Promise<void>; kill(): Promise<void> };

export function startChild(script: string, env: Record<string, string>, readyLine: string): KillableChild {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(import.meta.dirname, script)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let partial = "";
  const errors: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (data: Buffer) => {
      const text = partial + data.toString();
      const parts = text.split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts);
      if (parts.includes(readyLine)) resolve();
    });
    child.stderr?.on("data", (data: Buffer) => errors.push(data.toString()));
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${errors.join("")}`)));
  });
  ready.catch(() => {}); // a child killed after it was ready is not an error
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    lines,
    ready,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
