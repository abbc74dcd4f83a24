// The store after a grant or revoke through an adapter: the current snapshot changes at once
// (rows through the partitioned parent land in the current run's partition), counts follow,
// Temporal Cloud's one-role rule and downgrade are mirrored, and repeats change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "./testing/fixtures";

let ctx: SyncTestContext;
let sync: typeof import("./index");
let provisioned: typeof import("./provisioned");

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  sync = await import("./index");
  provisioned = await import("./provisioned");
});

afterAll(async () => {
  const { closeSyncPool } = await import("./pool");
  await closeSyncPool();
  await ctx?.stop();
});

const role = (slug: string, provisionable = true): SyncRecord => ({
  type: "entitlement",
  id: `account-role:${slug}:member`,
  resource: { resourceTypeId: "account-role", id: slug },
  displayName: slug,
  slug: "member",
  purpose: "assignment",
  grantableTo: ["user"],
  provisionable,
});

const grant = (slug: string, userId: string): SyncRecord => ({
  type: "grant",
  id: `account-role:${slug}:member:user:${userId}`,
  entitlementId: `account-role:${slug}:member`,
  principal: { resourceTypeId: "user", id: userId },
});

async function* temporalOrg(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "account-role", displayName: "Account role", traits: ["role"] };
  for (const id of ["ada", "bob"]) yield { type: "resource", resourceTypeId: "user", id, displayName: id, user: { email: `${id}@example.com`, status: "enabled" } };
  for (const slug of ["admin", "developer", "read"]) yield { type: "resource", resourceTypeId: "account-role", id: slug, displayName: slug };
  yield role("admin");
  yield role("developer");
  yield role("read");
  yield grant("admin", "ada");
  yield grant("read", "bob");
}

async function holdings(runId: string, userId: string) {
  const { rows } = await ctx.pool.query<{ entitlement_id: string; external_id: string; part: string }>(
    `SELECT entitlement_id, external_id, tableoid::regclass::text AS part FROM grants WHERE sync_run_id = $1 AND principal_external_id = $2 ORDER BY entitlement_id`,
    [runId, userId],
  );
  return rows;
}

async function grantCounts(runId: string) {
  const { rows } = await ctx.pool.query<{ external_id: string; grant_count: number }>(`SELECT external_id, grant_count FROM entitlements WHERE sync_run_id = $1 ORDER BY external_id`, [runId]);
  return Object.fromEntries(rows.map((r) => [r.external_id.split(":")[1], r.grant_count]));
}

describe("recordProvisionedChange", () => {
  it("revoking a Temporal Cloud account role shows the downgrade at once, in the current partition", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "temporal-cloud" });
    const { runId } = await sync.ingestRecords(connectorId, temporalOrg(), { trigger: "upload" });
    expect(await provisioned.recordProvisionedChange(connectorId, { kind: "revoke", entitlementId: "account-role:admin:member", principal: { resourceTypeId: "user", id: "ada" } })).toEqual({ runId });
    const rows = await holdings(runId, "ada");
    expect(rows.map((r) => r.entitlement_id)).toEqual(["account-role:developer:member"]);
    expect(rows[0]?.external_id).toBe("account-role:developer:member:user:ada");
    // Routed to the run's own table, not to some default partition.
    expect(rows[0]?.part).toContain(runId.toLowerCase());
    expect(await grantCounts(runId)).toEqual({ admin: 0, developer: 1, read: 1 });
  });

  it("granting a Temporal Cloud account role replaces the user's current one; repeating changes nothing", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "temporal-cloud" });
    const { runId } = await sync.ingestRecords(connectorId, temporalOrg(), { trigger: "upload" });
    const change = { kind: "grant" as const, entitlementId: "account-role:developer:member", principal: { resourceTypeId: "user", id: "bob" } };
    await provisioned.recordProvisionedChange(connectorId, change);
    await provisioned.recordProvisionedChange(connectorId, change);
    expect((await holdings(runId, "bob")).map((r) => r.entitlement_id)).toEqual(["account-role:developer:member"]);
    expect(await grantCounts(runId)).toEqual({ admin: 1, developer: 1, read: 0 });
    const run = await ctx.pool.query(`SELECT grants_count FROM sync_runs WHERE id = $1`, [runId]);
    expect(run.rows[0].grants_count).toBe(2);
  });

  it("other connectors add and remove exactly the one grant", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "cloudflare" });
    const { runId } = await sync.ingestRecords(connectorId, temporalOrg(), { trigger: "upload" });
    const ada = { resourceTypeId: "user", id: "ada" };
    await provisioned.recordProvisionedChange(connectorId, { kind: "grant", entitlementId: "account-role:read:member", principal: ada });
    expect((await holdings(runId, "ada")).map((r) => r.entitlement_id)).toEqual(["account-role:admin:member", "account-role:read:member"]);
    await provisioned.recordProvisionedChange(connectorId, { kind: "revoke", entitlementId: "account-role:admin:member", principal: ada });
    expect((await holdings(runId, "ada")).map((r) => r.entitlement_id)).toEqual(["account-role:read:member"]);
    expect(await grantCounts(runId)).toEqual({ admin: 0, developer: 0, read: 2 });
  });

  it("does nothing for a connector without a visible snapshot", async () => {
    const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "cloudflare" });
    expect(await provisioned.recordProvisionedChange(connectorId, { kind: "grant", entitlementId: "x", principal: { resourceTypeId: "user", id: "ada" } })).toBeNull();
  });
});

describe("temporalCloudEdits", () => {
  it("downgrades Developer to Read and only removes a namespace permission", async () => {
    const user = { resourceTypeId: "user", id: "ada" };
    expect(provisioned.temporalCloudEdits({ kind: "revoke", entitlementId: "account-role:developer:member", principal: user }, [])).toEqual([
      { op: "delete", entitlementId: "account-role:developer:member" },
      { op: "insert", entitlementId: "account-role:read:member" },
    ]);
    expect(provisioned.temporalCloudEdits({ kind: "grant", entitlementId: "namespace:prod.a1:write", principal: user }, ["namespace:prod.a1:read", "namespace:dev.b2:read"])).toEqual([
      { op: "delete", entitlementId: "namespace:prod.a1:read" },
      { op: "insert", entitlementId: "namespace:prod.a1:write" },
    ]);
    expect(provisioned.temporalCloudEdits({ kind: "revoke", entitlementId: "namespace:prod.a1:write", principal: user }, [])).toEqual([{ op: "delete", entitlementId: "namespace:prod.a1:write" }]);
  });
});
