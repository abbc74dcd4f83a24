import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { c1z, IN_PROGRESS, PINGFED } from "./test-support";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts/c1z.ts");

type Run = { code: number; stdout: string; stderr: string };

/** Runs the CLI the way `npx tsx scripts/c1z.ts` does, as a child process. */
function runCli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", SCRIPT, ...args], { cwd: ROOT, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe("scripts/c1z.ts inspect", () => {
  it("prints the finished fixture's inspection as one JSON object", async () => {
    const run = await runCli("inspect", PINGFED);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(printed).toMatchObject({
      syncId: "2sYYAiUccvih6WNvyJWegRdqKlS",
      finished: true,
      resourceTypes: 2,
      resources: { role: 5, user: 4 },
      entitlements: 5,
      grants: 10,
    });
    expect(printed.syncs).toHaveLength(2);
  });

  it("refuses the unfinished fixture on stderr with a non-zero exit", async () => {
    const run = await runCli("inspect", IN_PROGRESS);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/refused \(unfinished\)/);
    expect(run.stderr).toContain("--allow-unfinished");
  });

  it("inspects the unfinished fixture with --allow-unfinished", async () => {
    const run = await runCli("inspect", IN_PROGRESS, "--allow-unfinished");
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { finished: boolean; resources: Record<string, number> };
    expect(printed.finished).toBe(false);
    expect(Object.values(printed.resources).reduce((a, b) => a + b, 0)).toBe(79);
  });

  it("refuses a v3 file with the --storage-engine sqlite hint, and bad usage", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "c1z-cli-"));
    try {
      const v3 = path.join(dir, "pebble.c1z");
      await writeFile(v3, c1z(new Uint8Array(16), "C1Z3\0"));
      const refused = await runCli("inspect", v3);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/unsupported_version.*--storage-engine sqlite/);

      const usage = await runCli("export", v3);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toMatch(/Usage: c1z inspect/);

      const missing = await runCli("inspect", path.join(dir, "nope.c1z"));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
