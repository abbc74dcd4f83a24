// The sync engine's own connections, apart from the pool that serves pages: a run holds one
// connection for its whole length (its advisory lock lives there), so runs must not starve
// page reads of connections, nor the other way round.
import pg from "pg";
import { getEnv } from "@/lib/env";

const globalForSync = globalThis as unknown as { syncPool?: pg.Pool };

export function getSyncPool(): pg.Pool {
  if (!globalForSync.syncPool) {
    const connectionString = getEnv().DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: the sync engine needs the database.");
    const pool = new pg.Pool({ connectionString, max: 8, application_name: "gatekeeper-sync" });
    // An idle connection dropped by the server must not crash the process.
    pool.on("error", (error) => console.error(`[sync] idle database connection failed: ${error.message}`));
    globalForSync.syncPool = pool;
  }
  return globalForSync.syncPool;
}

export async function closeSyncPool() {
  const pool = globalForSync.syncPool;
  globalForSync.syncPool = undefined;
  await pool?.end();
}

/**
 * Prisma maps DateTime to `timestamp(3)` holding UTC. Raw SQL writes "now" the same way, so
 * the values agree whatever the server's TimeZone setting is.
 */
export const NOW_UTC = "(now() AT TIME ZONE 'UTC')";
