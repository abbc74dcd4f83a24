// The one PrismaClient of the process, on the pg driver adapter (no engine binary).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import pg from "pg";
import { getEnv } from "@/lib/env";

const globalForDb = globalThis as unknown as { prisma?: PrismaClient; pool?: pg.Pool };

function connectionString() {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides the embedded database.");
  return url;
}

export function getDb(): PrismaClient {
  // One pool for Prisma and raw SQL, so both get the idle-error handler below.
  globalForDb.prisma ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return globalForDb.prisma;
}

/** Plain pg pool for what Prisma does not do well: COPY, keyset paging SQL, advisory locks. */
export function getPool(): pg.Pool {
  if (!globalForDb.pool) {
    const pool = new pg.Pool({ connectionString: connectionString(), max: 10 });
    // An idle connection the server closes (restart, failover, admin command) must not crash
    // the process: the pool drops it and the next query opens a new one.
    pool.on("error", (error) => console.error(`[db] idle database connection failed: ${error.message}`));
    globalForDb.pool = pool;
  }
  return globalForDb.pool;
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Runs `work` in one transaction on one pool connection: COMMIT when it resolves, ROLLBACK when it throws. */
export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>, pool: pg.Pool = getPool()): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
