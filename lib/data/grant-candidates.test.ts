// The Grant dialog offers only accounts that may hold the entitlement and do not yet: a Temporal
// service account carries the user trait but is sync only, so it is never offered for a
// user-only role (submitting it would be refused anyway).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
});

afterAll(async () => {
  const { closeSyncPool } = await import("@/lib/sync/pool");
  await closeSyncPool();
  await ctx?.stop();
});

async function* org(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "service-account", displayName: "Service account", traits: ["user"] };
  yield { type: "resourceType", id: "account-role", displayName: "Account role", traits: ["role"] };
  for (const id of ["ada", "bob", "cy"]) yield { type: "resource", resourceTypeId: "user", id, displayName: id, user: { email: `${id}@example.com`, status: "enabled" } };
  yield { type: "resource", resourceTypeId: "service-account", id: "ci", displayName: "ci-deployer", user: { status: "enabled" } };
  yield { type: "resource", resourceTypeId: "account-role", id: "admin", displayName: "Admin" };
  yield { type: "entitlement", id: "account-role:admin:member", resource: { resourceTypeId: "account-role", id: "admin" }, displayName: "Admin", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  yield { type: "grant", id: "g1", entitlementId: "account-role:admin:member", principal: { resourceTypeId: "user", id: "ada" } };
}

it("lists users without the entitlement, leaving out holders and account types it is not for", async () => {
  const { ingestRecords } = await import("@/lib/sync");
  const { listGrantCandidates } = await import("./provisioning");
  const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "temporal-cloud" });
  const { runId } = await ingestRecords(connectorId, org(), { trigger: "upload" });
  const names = async (q?: string) => (await listGrantCandidates(runId, "account-role:admin:member", q)).map((c) => c.name);
  expect(await names()).toEqual(["bob", "cy"]);
  expect(await names("CY@")).toEqual(["cy"]);
  expect(await names("ci-")).toEqual([]);
});
