// The world the proof suite calls the app in: a throw-away PostgreSQL with every migration, the
// upstream simulators, and the environment lib/env reads. lib/env caches on first read and
// lib/auth reads it at import time, so this runs before any app module is imported.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startUpstreams, type RunningUpstreams } from "@/e2e/upstreams/start-all";
import { startTestDatabase, type TestDatabase } from "@/tests/test-database";
import { installChangeLog } from "./change-log";

export type ProofEnvironment = {
  database: TestDatabase;
  pool: pg.Pool;
  upstreams: RunningUpstreams;
  stop(): Promise<void>;
};

export async function startProofEnvironment(): Promise<ProofEnvironment> {
  const [database, upstreams] = await Promise.all([startTestDatabase(), startUpstreams()]);
  Object.assign(process.env, upstreams.env, {
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    // http: next-auth then names its cookie "next-auth.session-token" (no __Secure- prefix).
    NEXTAUTH_URL: "http://localhost:3000",
    APP_URL: "http://localhost:3000",
    RUN_WORKER: "false",
    LOG_LEVEL: "error",
  });
  // No SMTP_URL: sendMail then only stores the message in the outbox (email_messages), which the
  // change log sees like any other row. Nothing here needs a message delivered.
  delete process.env.SMTP_URL;

  const pool = new pg.Pool({ connectionString: database.url, max: 3 });
  // Test databases stop under idle connections; that is expected here, not a crash.
  pool.on("error", () => {});
  await installChangeLog(pool);

  return {
    database,
    pool,
    upstreams,
    async stop() {
      const [{ stopSyncQueue }, { closeSyncPool }, { getDb, getPool }] = await Promise.all([import("@/lib/sync"), import("@/lib/sync/pool"), import("@/lib/db/client")]);
      await stopSyncQueue();
      await closeSyncPool();
      await getDb().$disconnect();
      await getPool().end();
      await pool.end();
      await upstreams.close();
      await database.stop();
    },
  };
}
