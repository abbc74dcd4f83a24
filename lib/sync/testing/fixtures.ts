// Database fixtures for the sync engine's integration tests: a fresh embedded PostgreSQL,
// the environment the app reads, and helpers to create connectors and fingerprint snapshots.
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { startTestDatabase, type TestDatabase } from "@/tests/test-database";

export type SyncTestContext = TestDatabase & { pool: pg.Pool; encryptionKey: string };

/** Starts the database and sets DATABASE_URL / ENCRYPTION_KEY before any app module reads them. */
export async function startSyncTestDatabase(): Promise<SyncTestContext> {
  const database = await startTestDatabase();
  const encryptionKey = randomBytes(32).toString("base64");
  process.env.DATABASE_URL = database.url;
  process.env.ENCRYPTION_KEY = encryptionKey;
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  // Test databases stop under idle connections; that is expected here, not a crash.
  pool.on("error", () => {});
  return {
    ...database,
    encryptionKey,
    pool,
    stop: async () => {
      await pool.end();
      await database.stop();
    },
  };
}

export async function createTestConnector(
  pool: pg.Pool,
  options: { catalogId?: string; settings?: Record<string, unknown> | null; disabled?: boolean; name?: string } = {},
): Promise<{ connectorId: string; applicationId: string }> {
  const { sealJson } = await import("@/lib/crypto");
  const applicationId = `app${randomUUID().replace(/-/g, "")}`;
  const connectorId = `con${randomUUID().replace(/-/g, "")}`;
  const name = options.name ?? "Test app";
  await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, $2, true, now())`, [applicationId, name]);
  const settings = options.settings === undefined ? { apiKey: "sk-test-very-secret-value" } : options.settings;
  await pool.query(
    `INSERT INTO connectors (id, catalog_id, display_name, application_id, status, settings_sealed, disabled, updated_at)
     VALUES ($1, $2, $3, $4, 'SYNCING', $5, $6, now())`,
    [connectorId, options.catalogId ?? "temporal-cloud", `${name} connector`, applicationId, settings ? sealJson(settings) : null, options.disabled ?? false],
  );
  return { connectorId, applicationId };
}

export type SnapshotFingerprint = { runId: string | null; resourceTypes: number; resources: number; entitlements: number; grants: number; digest: string };

/** What a reader sees for a connector: its current run, row counts and a digest of the rows. */
export async function fingerprintSnapshot(pool: pg.Pool, connectorId: string): Promise<SnapshotFingerprint> {
  const { rows } = await pool.query<{ run: string | null }>(`SELECT current_sync_run_id AS run FROM connectors WHERE id = $1`, [connectorId]);
  const runId = rows[0]?.run ?? null;
  const digest = async (table: string, columns: string) => {
    const result = await pool.query<{ n: string; digest: string | null }>(
      `SELECT count(*) AS n, md5(string_agg(${columns}, '|' ORDER BY ${columns})) AS digest FROM ${table} WHERE sync_run_id = $1`,
      [runId],
    );
    return { n: Number(result.rows[0].n), digest: result.rows[0].digest ?? "" };
  };
  const types = await digest("resource_types", "external_id || display_name");
  const resources = await digest("resources", "resource_type_id || external_id || display_name || coalesce(email, '')");
  const entitlements = await digest("entitlements", "external_id || display_name || grant_count");
  const grants = await digest("grants", "entitlement_id || principal_external_id");
  return {
    runId,
    resourceTypes: types.n,
    resources: resources.n,
    entitlements: entitlements.n,
    grants: grants.n,
    digest: [types.digest, resources.digest, entitlements.digest, grants.digest].join(":"),
  };
}

export async function countSnapshotTables(pool: pg.Pool, runId?: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'snapshots' AND ($1::text IS NULL OR tablename LIKE '%\\_' || $1)`,
    [runId ?? null],
  );
  return Number(rows[0].n);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
