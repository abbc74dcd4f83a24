// What the load test needs before it starts: five hosted connectors against the simulators,
// created and configured through the app's own data layer (as the Add connector wizard and
// the settings form do), and an app with enough accounts to page through.
import { randomUUID } from "node:crypto";
import type { SyncRecord } from "@/lib/connectors/types";
import { createHostedConnectors, type HostedConnector } from "@/scripts/lib/cluster/connectors";
import { testDb, type TestUser } from "./db";
import { upstreamSecrets } from "./secrets";

export type LoadConnector = HostedConnector;

const SETTINGS = {
  "temporal-cloud": { apiKey: upstreamSecrets.temporalApiKey },
  cloudflare: { authMethod: "api-token", accountId: "cf-demo-account", apiToken: upstreamSecrets.cloudflareToken },
};

export async function createLoadConnectors(owner: TestUser, count = 5): Promise<LoadConnector[]> {
  return createHostedConnectors(owner, count, SETTINGS, "Load");
}

async function* accounts(count: number): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "team", displayName: "Team", traits: ["group"] };
  for (const team of ["alpha", "beta", "gamma"]) {
    yield { type: "resource", resourceTypeId: "team", id: team, displayName: `Team ${team}` };
    yield { type: "entitlement", id: `team:${team}:member`, resource: { resourceTypeId: "team", id: team }, displayName: `${team} member`, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: false };
  }
  for (let i = 1; i <= count; i++) {
    yield { type: "resource", resourceTypeId: "user", id: `u${i}`, displayName: `Person ${String(i).padStart(4, "0")}`, user: { email: `person${i}@load.example.com`, status: "enabled" } };
    yield { type: "grant", id: `g${i}`, entitlementId: `team:${["alpha", "beta", "gamma"][i % 3]}:member`, principal: { resourceTypeId: "user", id: `u${i}` } };
  }
}

/** A managed app with `count` accounts, written through lib/sync's ingest (the upload path). */
export async function seedPagingApp(count = 300): Promise<string> {
  const appId = `appload${randomUUID().slice(0, 8)}`;
  await testDb().query(`INSERT INTO applications (id, name, description, managed, updated_at) VALUES ($1, $2, '', true, now())`, [appId, `Load paging ${appId}`]);
  await testDb().query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ($1, 'baton', 'Load directory', $2, 'PENDING_SETUP', now())`, [`con${appId}`, appId]);
  const { ingestRecords } = await import("@/lib/sync");
  await ingestRecords(`con${appId}`, accounts(count), { trigger: "upload" });
  return appId;
}
