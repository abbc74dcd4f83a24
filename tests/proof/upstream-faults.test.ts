// Proof, part 4: every simulator fault, on check, sync and grant of both hosted adapters, driven
// through the app layer on a real database (the settings and provisioning server actions, the
// sync engine's executeRun), ends in a named status carrying the upstream's reason, leaves the
// last good snapshot (and stored settings) exactly as they were, and stays within its retry
// bounds, counted on the simulators. Only time is faked: retry sleeps are recorded, not waited,
// and request timeouts are 150 ms instead of 30 s.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth";
import { createTestConnector, fingerprintSnapshot, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";
import { EXPECTED, faultsFor, summarize, type CaseFigures } from "./support/fault-expectations";
import { FAULTS, startCloudflareUpstream, startTemporalUpstream, type FaultUpstream, type HostedId } from "./support/fault-upstreams";
import { runFaultCase, type CaseEnv } from "./support/fault-cases";
import type { ObservedError } from "./support/observed-connectors";

const probe = vi.hoisted(() => ({ errors: [] as ObservedError[], sleeps: [] as number[], actor: null as CurrentUser | null }));

// Server actions outside Next: no cache to revalidate, and the signed-in user is the proof's admin.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("@/lib/auth", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth")>()), getCurrentUser: async () => probe.actor }));
// The app's context, with a recording instant sleep (retries and Retry-After cost no time).
vi.mock("@/lib/connectors/runtime", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/connectors/runtime")>();
  return {
    ...original,
    createConnectorContext: (...args: Parameters<typeof original.createConnectorContext>) => ({
      ...original.createConnectorContext(...args),
      sleep: async (ms: number) => void probe.sleeps.push(ms),
    }),
  };
});
// The registry's adapters, with a short request timeout and their named errors recorded.
vi.mock("@/lib/connectors/registry", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/connectors/registry")>();
  const { createObservedConnectors } = await import("./support/observed-connectors");
  const observed = createObservedConnectors(probe.errors);
  return { ...original, getConnector: (id: Parameters<typeof original.getConnector>[0]) => (id === "baton" || id === "okta" ? original.getConnector(id) : observed[id]) };
});

let db: SyncTestContext;
let env: Omit<CaseEnv, "upstream" | "connectorId">;
const upstreams = new Map<HostedId, FaultUpstream>();
const connectors = new Map<HostedId, string>();
const figures: CaseFigures[] = [];

beforeAll(async () => {
  db = await startSyncTestDatabase();
  const [temporal, cloudflare] = await Promise.all([startTemporalUpstream(), startCloudflareUpstream()]);
  upstreams.set("temporal-cloud", temporal).set("cloudflare", cloudflare);
  // lib/env parses once, on first use: everything the app reads is set before any app import.
  process.env.TEMPORAL_CLOUD_API_URL = temporal.url;
  process.env.CLOUDFLARE_API_URL = cloudflare.url;
  process.env.CLOUDFLARE_PACING = "false";
  probe.actor = { id: "proofadmin", email: "proof-admin@example.com", name: "Proof Admin", role: "SUPER_ADMIN" };
  await db.pool.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $3, 'SUPER_ADMIN', now())`, [probe.actor.id, probe.actor.email, probe.actor.name]);
  env = {
    pool: db.pool,
    probe,
    sync: await import("@/lib/sync"),
    settingsActions: await import("@/app/(console)/admin/connectors/[id]/settings-actions"),
    provisioningActions: await import("@/app/(console)/applications/[appId]/provisioning-actions"),
  };
  for (const upstream of upstreams.values()) {
    const { connectorId } = await createTestConnector(db.pool, { catalogId: upstream.id, settings: upstream.config, name: `Proof ${upstream.id}` });
    await db.pool.query(`UPDATE connectors SET provisioning_enabled = true WHERE id = $1`, [connectorId]);
    connectors.set(upstream.id, connectorId);
  }
}, 120_000);

afterAll(async () => {
  if (figures.length) console.log(summarize(figures, upstreams.size, FAULTS.length).join("\n"));
  await env?.sync.stopSyncQueue();
  await (await import("@/lib/sync/pool")).closeSyncPool();
  const client = await import("@/lib/db/client");
  await client.getDb().$disconnect();
  await client.getPool().end();
  await Promise.all([...upstreams.values()].map((u) => u.close()));
  await db?.stop();
});

describe.each(["temporal-cloud", "cloudflare"] as const)("%s", (adapter) => {
  const caseEnv = (): CaseEnv => ({ ...env, upstream: upstreams.get(adapter)!, connectorId: connectors.get(adapter)! });

  it("first syncs a good snapshot", async () => {
    const { sync, pool } = caseEnv();
    const connectorId = connectors.get(adapter)!;
    const { runId } = await sync.enqueueSync(connectorId, "manual");
    await sync.executeRun(runId);
    expect(await sync.getRunProgress(runId)).toMatchObject({ status: "SUCCEEDED", errorKind: null });
    const snapshot = await fingerprintSnapshot(pool, connectorId);
    expect(snapshot).toMatchObject({ runId });
    expect(snapshot.grants).toBeGreaterThan(0);
  });

  for (const operation of ["check", "sync", "grant"] as const) {
    it.each(faultsFor(operation, FAULTS))(`${operation}: %s ends named, with the upstream's reason, snapshot intact, retries bounded`, async (fault) => {
      const result = await runFaultCase(caseEnv(), operation, fault, EXPECTED[fault]);
      figures.push({ adapter, operation, fault, ...result });
    });
  }
});
