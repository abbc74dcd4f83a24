// A throw-away PostgreSQL database for integration tests, with every migration applied: in
// vitest, a copy of the template on the run's one server (tests/global-setup.ts); elsewhere an
// embedded server of its own, in a temp dir, on a free port.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { freePort } from "./free-port";

export { freePort };

export type TestDatabase = { url: string; stop: () => Promise<void> };

/** Set by tests/global-setup.ts: the run's one server and its migrated template database. */
export const SHARED_SERVER_ENV = "GK_TEST_PG_ADMIN_URL";
export const SHARED_TEMPLATE_ENV = "GK_TEST_PG_TEMPLATE";

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own on the run's shared server (a copy of the migrated template, in
 * milliseconds), or, outside vitest (e2e runner, benchmarks), a server of its own.
 * `empty` skips the migrations (tests of the migration runner itself).
 */
export async function startTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = process.env[SHARED_SERVER_ENV];
  if (adminUrl) {
    const name = `test_${randomBytes(8).toString("hex")}`;
    const template = options.empty ? "template0" : (process.env[SHARED_TEMPLATE_ENV] ?? "template0");
    await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "gk-test-db-"));
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "test" });
  if (!options.empty) await runMigrations(database.url, path.resolve(import.meta.dirname, "../prisma/migrations"));
  return {
    url: database.url,
    stop: async () => {
      await database.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Empties every app table (not _prisma_migrations), for test isolation within one database. */
export async function truncateAll(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'audit_events')`,
    );
    if (rows.length) await client.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} CASCADE`);
  } finally {
    await client.end();
  }
}
