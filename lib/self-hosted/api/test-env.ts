// Integration-test support for the ingest API: a throw-away database, the environment set
// before any lib module reads it (lib/env caches), a Baton connector with owners, and the
// state an API call must leave alone when it refuses.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startTestDatabase, type TestDatabase } from "@/tests/test-database";

export type IngestTestEnv = {
  database: TestDatabase;
  pool: pg.Pool;
  handlers: typeof import("./handlers");
  deps: typeof import("./deps");
  rotate: typeof import("../rotate");
  console: typeof import("../console-upload");
  stop(): Promise<void>;
};

export async function startIngestTestEnv(): Promise<IngestTestEnv> {
  const database = await startTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64");
  const [handlers, deps, rotate, consoleUpload] = await Promise.all([import("./handlers"), import("./deps"), import("../rotate"), import("../console-upload")]);
  const pool = new pg.Pool({ connectionString: database.url, max: 3 });
  // Test databases stop under idle connections; that is expected here, not a crash.
  pool.on("error", () => {});
  return {
    database,
    pool,
    handlers,
    deps,
    rotate,
    console: consoleUpload,
    async stop() {
      await pool.end();
      const [{ closeSyncPool }, { getDb }] = await Promise.all([import("@/lib/sync/pool"), import("@/lib/db/client")]);
      await closeSyncPool();
      await getDb().$disconnect();
      await database.stop();
    },
  };
}

let counter = 0;

export type SeededConnector = { connectorId: string; appId: string; owner: { id: string; email: string; role: "USER" }; stranger: { id: string; email: string; role: "USER" } };

/** An app, a Baton connector on it for `provider`, an owner (plain user) and a stranger. */
export async function seedBatonConnector(pool: pg.Pool, provider = "cloudflare"): Promise<SeededConnector> {
  counter += 1;
  const suffix = `${Date.now().toString(36)}${counter}`;
  const appId = `app${suffix}`;
  const connectorId = `con${suffix}`;
  const owner = { id: `own${suffix}`, email: `owner-${suffix}@example.com`, role: "USER" as const };
  const stranger = { id: `str${suffix}`, email: `stranger-${suffix}@example.com`, role: "USER" as const };
  await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, $2, true, now())`, [appId, `App ${suffix}`]);
  for (const user of [owner, stranger]) await pool.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $3, 'USER', now())`, [user.id, user.email, user.email]);
  await pool.query(
    `INSERT INTO connectors (id, catalog_id, display_name, application_id, settings_public, updated_at) VALUES ($1, 'baton', 'Baton', $2, $3, now())`,
    [connectorId, appId, JSON.stringify({ values: { provider }, secrets: {} })],
  );
  await pool.query(`INSERT INTO connector_owners (connector_id, user_id) VALUES ($1, $2)`, [connectorId, owner.id]);
  return { connectorId, appId, owner, stranger };
}

/** Everything a refused call must leave as it was. */
export async function connectorState(pool: pg.Pool, connectorId: string) {
  const { rows } = await pool.query(
    `SELECT c.status, c.current_sync_run_id, c.last_seen_at, c.runner_version, c.client_id, c.client_secret_hash,
            (SELECT count(*)::int FROM sync_runs r WHERE r.connector_id = c.id) AS runs,
            (SELECT count(*)::int FROM resources s WHERE s.connector_id = c.id AND s.sync_run_id = c.current_sync_run_id AND s.is_user) AS accounts
       FROM connectors c WHERE c.id = $1`,
    [connectorId],
  );
  return rows[0] as { status: string; current_sync_run_id: string | null; last_seen_at: Date | null; runner_version: string | null; client_id: string | null; client_secret_hash: string | null; runs: number; accounts: number };
}

/** The current snapshot's accounts, as the app's Accounts tab lists them. */
export async function listAccounts(pool: pg.Pool, connectorId: string) {
  const { rows } = await pool.query<{ external_id: string; email: string | null }>(
    `SELECT s.external_id, s.email FROM resources s JOIN connectors c ON c.id = s.connector_id AND s.sync_run_id = c.current_sync_run_id
      WHERE c.id = $1 AND s.is_user ORDER BY s.external_id`,
    [connectorId],
  );
  return rows;
}

export function post(path: string, init: { body?: BodyInit | Uint8Array; headers?: Record<string, string>; token?: string } = {}) {
  const headers = { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers };
  // Uint8Array<ArrayBufferLike> is a valid body at runtime; the DOM typings want ArrayBuffer only.
  return new Request(`http://gatekeeper.test${path}`, { method: "POST", body: init.body as BodyInit, headers, duplex: "half" } as RequestInit);
}

export function tokenRequest(clientId: string, clientSecret: string, address = "10.0.0.1") {
  return post("/api/v1/token", { body: JSON.stringify({ client_id: clientId, client_secret: clientSecret }), headers: { "content-type": "application/json", "x-forwarded-for": address } });
}

type Routes = { token: Handler; heartbeat: Handler; uploadRecords: Handler; uploadC1z: Handler; tasks: Handler; taskResult: (request: Request, taskId: string) => Promise<Response> };
type Handler = (request: Request) => Promise<Response>;

/** A fetch for the runner: Gatekeeper's routes go to the handlers in-process, the rest over HTTP. */
export function routedFetch(api: Routes, origin = "http://gatekeeper.test"): typeof fetch {
  const routes: Record<string, Handler> = {
    "/api/v1/token": api.token,
    "/api/v1/heartbeat": api.heartbeat,
    "/api/v1/uploads": api.uploadRecords,
    "/api/v1/uploads/c1z": api.uploadC1z,
    "/api/v1/tasks": api.tasks,
  };
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== origin) return fetch(request);
    const route = routes[url.pathname];
    const result = /^\/api\/v1\/tasks\/([^/]+)\/result$/.exec(url.pathname);
    if (result) return api.taskResult(request, decodeURIComponent(result[1]));
    return route ? route(request) : new Response("not found", { status: 404 });
  };
}
