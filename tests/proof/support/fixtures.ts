// The data every proof call runs against, with fixed ids so registry entries can name them:
// one user per role, a connector owner, users to act on, a pending invitation, and one
// connector of each kind (Cloudflare and Temporal Cloud pointed at the simulators with working
// credentials, a Baton one with client credentials). The owner owns every connector.
import type pg from "pg";
import type { RunningUpstreams } from "@/e2e/upstreams/start-all";
import { CLOUDFLARE_DEMO_ACCOUNT_ID } from "@/e2e/upstreams";
import type { SyncRecord } from "@/lib/connectors/types";

export const USERS = {
  superAdmin: { id: "u-super", email: "super@proof.test", role: "SUPER_ADMIN" },
  connectorAdmin: { id: "u-cadmin", email: "cadmin@proof.test", role: "CONNECTOR_ADMIN" },
  user: { id: "u-user", email: "user@proof.test", role: "USER" },
  owner: { id: "u-owner", email: "owner@proof.test", role: "USER" },
  /** Someone to change the role of, disable, or make an owner. */
  target: { id: "u-target", email: "target@proof.test", role: "USER" },
  /** Added by an administrator, has not set a password yet: holds the set-password token. */
  invited: { id: "u-invited", email: "invited@proof.test", role: "USER" },
} as const;

export const APPS = { managed: "app-managed", unmanaged: "app-unmanaged", baton: "app-baton", temporal: "app-temporal" } as const;
export const CONNECTORS = { cloudflare: "con-cloudflare", temporal: "con-temporal", baton: "con-baton" } as const;
export const SET_PASSWORD_TOKEN = "proof-set-password-token-0123456789";

export type Fixtures = {
  users: typeof USERS;
  apps: typeof APPS;
  connectors: typeof CONNECTORS;
  setPasswordToken: string;
  /** The Baton connector's client credentials (new each seed, so rate limits never carry over). */
  baton: { clientId: string; clientSecret: string };
  /** Synced ids of the Cloudflare connector's snapshot, when seeded with one. */
  snapshot: { entitlementIds: string[]; principals: { resourceTypeId: string; id: string }[] } | null;
};

/** Empties every app table but the append-only audit log, and the change log. */
export async function resetDatabase(pool: pg.Pool) {
  const { rows } = await pool.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('_prisma_migrations', 'audit_events')`,
  );
  await pool.query(`TRUNCATE ${rows.map((r) => `public."${r.tablename}"`).join(", ")}, proof.row_changes CASCADE`);
}

export async function seedFixtures(pool: pg.Pool, upstreams: RunningUpstreams, options: { snapshot?: boolean; users?: boolean } = {}): Promise<Fixtures> {
  await resetDatabase(pool);
  const [{ sealJson, hashToken }, { generateClientCredentials }, { toPublicSettings }, { getConnector }] = await Promise.all([
    import("@/lib/crypto"),
    import("@/lib/self-hosted/credentials"),
    import("@/lib/data/connector-settings"),
    import("@/lib/connectors/registry"),
  ]);
  const baton = generateClientCredentials();
  const fixtures: Fixtures = {
    users: USERS,
    apps: APPS,
    connectors: CONNECTORS,
    setPasswordToken: SET_PASSWORD_TOKEN,
    baton: { clientId: baton.clientId, clientSecret: baton.clientSecret },
    snapshot: null,
  };
  if (options.users === false) return fixtures;

  for (const u of Object.values(USERS)) {
    await pool.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $3, $4, now())`, [u.id, u.email, u.email.split("@")[0], u.role]);
  }
  await pool.query(`INSERT INTO password_tokens (id, user_id, token_hash, expires_at) VALUES ('pt-invited', $1, $2, now() + interval '1 hour')`, [
    USERS.invited.id,
    hashToken(SET_PASSWORD_TOKEN),
  ]);
  await pool.query(
    `INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, 'Managed app', true, now()), ($2, 'Unmanaged app', false, now()), ($3, 'Baton app', true, now()), ($4, 'Temporal app', true, now())`,
    [APPS.managed, APPS.unmanaged, APPS.baton, APPS.temporal],
  );

  const hosted = [
    { id: CONNECTORS.cloudflare, catalogId: "cloudflare" as const, app: APPS.managed, config: { accountId: CLOUDFLARE_DEMO_ACCOUNT_ID, apiToken: upstreams.credentials.cloudflare.apiToken } },
    { id: CONNECTORS.temporal, catalogId: "temporal-cloud" as const, app: APPS.temporal, config: { apiKey: upstreams.credentials.temporalCloud.apiKey, defaultAccountRole: "read", apiVersion: "2024-10-01-00" } },
  ];
  for (const c of hosted) {
    await pool.query(
      `INSERT INTO connectors (id, catalog_id, display_name, application_id, status, settings_sealed, settings_public, provisioning_enabled, updated_at)
       VALUES ($1, $2, $3, $4, 'CONNECTED', $5, $6, true, now())`,
      [c.id, c.catalogId, `${c.catalogId} connector`, c.app, sealJson(c.config), JSON.stringify(toPublicSettings(getConnector(c.catalogId).settings, c.config))],
    );
  }
  await pool.query(
    `INSERT INTO connectors (id, catalog_id, display_name, application_id, status, settings_public, baton_provider, provisioning_enabled, client_id, client_secret_hash, client_rotated_at, updated_at)
     VALUES ($1, 'baton', 'Baton connector', $2, 'CONNECTED', $3, 'cloudflare', true, $4, $5, now(), now())`,
    [CONNECTORS.baton, APPS.baton, JSON.stringify({ values: { provider: "cloudflare" }, secrets: {} }), baton.clientId, baton.secretHash],
  );
  for (const connectorId of Object.values(CONNECTORS)) {
    await pool.query(`INSERT INTO connector_owners (connector_id, user_id) VALUES ($1, $2)`, [connectorId, USERS.owner.id]);
  }

  if (options.snapshot) fixtures.snapshot = await syncCloudflare();
  return fixtures;
}

/** A real sync of the Cloudflare simulator into the connector's store, so provisioning has real ids. */
async function syncCloudflare(): Promise<NonNullable<Fixtures["snapshot"]>> {
  const [{ ingestRecords }, { getConnector }, { createConnectorContext }, { openStoredConfig }] = await Promise.all([
    import("@/lib/sync"),
    import("@/lib/connectors/registry"),
    import("@/lib/connectors/runtime"),
    import("@/lib/data/connector-settings-store"),
  ]);
  const config = await openStoredConfig(CONNECTORS.cloudflare);
  const entitlementIds: string[] = [];
  const principals: { resourceTypeId: string; id: string }[] = [];
  async function* recorded(records: AsyncIterable<SyncRecord>) {
    for await (const record of records) {
      if (record.type === "entitlement") entitlementIds.push(record.id);
      if (record.type === "resource" && record.user) principals.push({ resourceTypeId: record.resourceTypeId, id: record.id });
      yield record;
    }
  }
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  await ingestRecords(CONNECTORS.cloudflare, recorded(getConnector("cloudflare").sync(config, createConnectorContext("cloudflare", { logger: silent }))), { trigger: "upload" });
  return { entitlementIds, principals };
}
