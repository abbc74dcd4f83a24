// The data a multi-process run needs, made through the app's own data layer (as the Add
// connector wizard, the settings form and Rotate do): a Super Administrator, hosted connectors
// against the simulators, a Baton connector with client credentials, and "Sync now" for many.
// Import after DATABASE_URL and ENCRYPTION_KEY are set: lib/env reads them once.
import { randomBytes, randomUUID } from "node:crypto";

export type ClusterSettings = { "temporal-cloud": Record<string, unknown>; cloudflare: Record<string, unknown> };
export type ClusterAdmin = { id: string; email: string; password: string };

export async function createAdmin(): Promise<ClusterAdmin> {
  const { getPool } = await import("@/lib/db/client");
  const { hashPassword } = await import("@/lib/password");
  const tag = randomBytes(4).toString("hex");
  const admin = { id: `cluster_${tag}`, email: `cluster-admin-${tag}@example.com`, password: `pw-${randomBytes(12).toString("hex")}` };
  await getPool().query(`INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, 'Cluster Admin', 'SUPER_ADMIN', $3, now())`, [admin.id, admin.email, await hashPassword(admin.password)]);
  return admin;
}

export type HostedConnector = { id: string; appId: string };

/** `count` connectors, Temporal Cloud and Cloudflare in turn, each on an app of its own. */
export async function createHostedConnectors(owner: Pick<ClusterAdmin, "id">, count: number, settings: ClusterSettings, label = "Cluster"): Promise<HostedConnector[]> {
  const { createConnector } = await import("@/lib/data/connectors");
  const { storeConnectorSettings } = await import("@/lib/data/connector-settings-store");
  const { toPublicSettings } = await import("@/lib/data/connector-settings");
  const { getConnector } = await import("@/lib/connectors/registry");
  const tag = randomUUID().slice(0, 6);
  const made: HostedConnector[] = [];
  for (let i = 0; i < count; i++) {
    const catalogId = i % 2 === 0 ? "temporal-cloud" : "cloudflare";
    const spec = getConnector(catalogId).settings;
    const config = spec.schema.parse(settings[catalogId]) as Record<string, unknown>;
    const { connector, application } = await createConnector({
      catalogId,
      displayName: `${label} ${catalogId} ${i + 1}`,
      app: { kind: "new", name: `${label} ${tag} ${i + 1}`, description: "Synced again and again." },
      ownerIds: [owner.id],
      createdById: owner.id,
    });
    await storeConnectorSettings(connector.id, config, toPublicSettings(spec, config));
    made.push({ id: connector.id, appId: application.id });
  }
  return made;
}

/** A Baton connector whose runner would call the ingest API, with fresh client credentials. */
export async function createBatonConnector(owner: ClusterAdmin) {
  const { createConnector } = await import("@/lib/data/connectors");
  const { rotateClientCredentials } = await import("@/lib/self-hosted/rotate");
  const { connector } = await createConnector({
    catalogId: "baton",
    displayName: "Cluster runner",
    app: { kind: "new", name: `Cluster runner ${randomUUID().slice(0, 6)}`, description: "Uploads through the ingest API." },
    ownerIds: [owner.id],
    createdById: owner.id,
  });
  const credentials = await rotateClientCredentials(connector.id, owner);
  return { connectorId: connector.id, clientId: credentials.clientId, clientSecret: credentials.clientSecret };
}

/** "Sync now" for each connector (lib/sync's enqueueSync, what the button calls); the run ids. */
export async function enqueueAll(connectorIds: string[], trigger: "manual" | "settings" = "manual"): Promise<string[]> {
  const { enqueueSync } = await import("@/lib/sync");
  const runs = await Promise.all(connectorIds.map((id) => enqueueSync(id, trigger)));
  return runs.map((r) => r.runId);
}

export async function closeConnections() {
  const { stopSyncQueue } = await import("@/lib/sync");
  const { closeSyncPool } = await import("@/lib/sync/pool");
  const { getPool } = await import("@/lib/db/client");
  await stopSyncQueue();
  await closeSyncPool();
  await getPool().end();
}
