// Everything that must be true before the web or worker process serves anything: a reachable
// database (embedded by default), applied migrations, and an ENCRYPTION_KEY that opens the
// secrets already stored. Each failure is one line that says what to fix.
import path from "node:path";
import pg from "pg";
import { open, parseKey, seal } from "@/lib/crypto";
import type { Env } from "@/lib/env";
import { startEmbeddedPostgres } from "./embedded";
import { EmbeddedUnreachableError } from "./embedded-reach";
import { readOrCreateSecret } from "./local-secrets";
import { runMigrations } from "./migrate";

export class StartupError extends Error {
  name = "StartupError";
}

export type PreparedRuntime = {
  databaseUrl: string;
  encryptionKey: string;
  nextAuthSecret: string;
  embedded: boolean;
  stop: () => Promise<void>;
};

const KEY_CHECK = "encryption_check";

async function assertReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    let where = "DATABASE_URL";
    try {
      const parsed = new URL(url);
      where = `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
    } catch {
      /* keep the generic name: never print the URL, it may hold a password */
    }
    throw new StartupError(`Cannot reach the database at ${where} (DATABASE_URL): ${(error as Error).message}. Check the URL and that the server is running.`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function assertKeyOpensData(url: string, rawKey: string) {
  const key = parseKey(rawKey);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ value: string }>(`SELECT value FROM system_settings WHERE key = $1`, [KEY_CHECK]);
    if (rows[0]) {
      try {
        open(rows[0].value, key);
      } catch {
        throw new StartupError("ENCRYPTION_KEY cannot open the secrets stored in this database. Start with the key the data was created with (see data/encryption.key on the embedded default).");
      }
    } else {
      await client.query(`INSERT INTO system_settings (key, value, updated_at) VALUES ($1, $2, now()) ON CONFLICT (key) DO NOTHING`, [
        KEY_CHECK,
        seal("ok", key),
      ]);
    }
  } finally {
    await client.end();
  }
}

export async function prepareRuntime(env: Env, log: (line: string) => void): Promise<PreparedRuntime> {
  const dataDir = path.resolve(env.DATA_DIR);
  const embedded = !env.DATABASE_URL;

  let encryptionKey = env.ENCRYPTION_KEY;
  if (!encryptionKey) {
    if (!embedded) throw new StartupError("ENCRYPTION_KEY is not set. With an external DATABASE_URL, give the app its key (32 bytes, base64): openssl rand -base64 32.");
    encryptionKey = (await readOrCreateSecret(dataDir, "encryption.key", log)).value;
    log(`Encryption key: ${path.join(dataDir, "encryption.key")}`);
  }
  try {
    parseKey(encryptionKey);
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  if (!embedded && !env.NEXTAUTH_SECRET) {
    // A secret generated per machine signs sessions and runner tokens the other web processes reject.
    log(`NEXTAUTH_SECRET is not set: using one generated in ${path.join(dataDir, "nextauth.secret")}. With more than one web process, set the same NEXTAUTH_SECRET on each.`);
  }
  const nextAuthSecret = env.NEXTAUTH_SECRET ?? (await readOrCreateSecret(dataDir, "nextauth.secret", log)).value;

  let databaseUrl = env.DATABASE_URL;
  let stop = async () => {};
  if (!databaseUrl) {
    log(`Starting the embedded PostgreSQL (data in ${path.join(dataDir, "postgres")}, port ${env.EMBEDDED_PG_PORT})`);
    const database = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT, log }).catch((error: Error) => {
      if (error instanceof EmbeddedUnreachableError) throw new StartupError(error.message);
      throw new StartupError(`The embedded PostgreSQL did not start: ${error.message}. Is port ${env.EMBEDDED_PG_PORT} free (EMBEDDED_PG_PORT)?`);
    });
    databaseUrl = database.url;
    stop = database.stop;
  } else {
    await assertReachable(databaseUrl);
  }

  try {
    await runMigrations(databaseUrl, path.resolve("prisma/migrations"), log);
    await assertKeyOpensData(databaseUrl, encryptionKey);
  } catch (error) {
    await stop();
    throw error instanceof StartupError ? error : new StartupError((error as Error).message);
  }
  return { databaseUrl, encryptionKey, nextAuthSecret, embedded, stop };
}
