// Runs the Next server as a child until it exits or we are told to stop (Ctrl-C, SIGTERM),
// then cleans up (embedded PostgreSQL, simulators) and exits with the child's code.
import type { ChildProcess } from "node:child_process";

export async function superviseChild(child: ChildProcess, cleanUp: () => Promise<unknown>, log: (line: string) => void): Promise<never> {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 0)));
  await cleanUp();
  log("Stopped.");
  process.exit(stopping ? 0 : code);
}
