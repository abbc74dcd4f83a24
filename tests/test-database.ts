// A throw-away PostgreSQL for integration tests: embedded, in a temp dir, on a free port,
// with every migration applied. Or TEST_DATABASE_URL's server, in a fresh database.
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type TestDatabase = { url: string; stop: () => Promise<void> };

export async function startTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "gk-test-db-"));
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "test" });
  await runMigrations(database.url, path.resolve(import.meta.dirname, "../prisma/migrations"));
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
