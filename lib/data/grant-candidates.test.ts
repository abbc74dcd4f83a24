// The Grant dialog's picker: every account that may hold the entitlement, found by part of its
// name or email in any case, in name order and page after page without gaps or repeats; holders
// come back marked (shown, not selectable), and a Temporal service account, which carries the
// user trait but is sync only, is never offered for a user-only role.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;
let runId: string;
let search: typeof import("./grant-candidates").searchGrantCandidates;

const ENTITLEMENT = "account-role:admin:member";
const BULK = 45;

async function* org(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "service-account", displayName: "Service account", traits: ["user"] };
  yield { type: "resourceType", id: "account-role", displayName: "Account role", traits: ["role"] };
  for (const id of ["ada", "bob", "cy"]) yield { type: "resource", resourceTypeId: "user", id, displayName: id, user: { email: `${id}@example.com`, status: "enabled" } };
  for (let i = 0; i < BULK; i++) {
    const n = String(i).padStart(2, "0");
    yield { type: "resource", resourceTypeId: "user", id: `bulk${n}`, displayName: `Zed Bulk ${n}`, user: { email: `zed.${n}@Bulk.Example`, status: "enabled" } };
  }
  yield { type: "resource", resourceTypeId: "service-account", id: "ci", displayName: "ci-deployer", user: { status: "enabled" } };
  yield { type: "resource", resourceTypeId: "account-role", id: "admin", displayName: "Admin" };
  yield { type: "entitlement", id: ENTITLEMENT, resource: { resourceTypeId: "account-role", id: "admin" }, displayName: "Admin", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  yield { type: "grant", id: "g1", entitlementId: ENTITLEMENT, principal: { resourceTypeId: "user", id: "ada" } };
}

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  const { ingestRecords } = await import("@/lib/sync");
  search = (await import("./grant-candidates")).searchGrantCandidates;
  const { connectorId } = await createTestConnector(ctx.pool, { catalogId: "temporal-cloud" });
  ({ runId } = await ingestRecords(connectorId, org(), { trigger: "upload" }));
});

afterAll(async () => {
  const { closeSyncPool } = await import("@/lib/sync/pool");
  await closeSyncPool();
  await ctx?.stop();
});

const names = async (q?: string) => (await search(runId, ENTITLEMENT, { q })).rows.map((c) => `${c.name}${c.holds ? " (holds)" : ""}`);

it("lists accounts by name with holders marked, leaving out account types the entitlement is not for", async () => {
  expect((await names()).slice(0, 4)).toEqual(["ada (holds)", "bob", "cy", "Zed Bulk 00"]);
  expect(await names("ci-")).toEqual([]);
});

it("matches part of a name or an email in any case", async () => {
  expect(await names("CY@")).toEqual(["cy"]);
  expect(await names("bulk 07")).toEqual(["Zed Bulk 07"]);
  expect(await names("zed.13@bulk.EXAMPLE")).toEqual(["Zed Bulk 13"]);
  expect(await names("ADA")).toEqual(["ada (holds)"]);
  // The person's own % and _ are literal characters, not wildcards.
  expect(await names("%")).toEqual([]);
});

it("pages through every match without gaps or repeats", async () => {
  const seen: string[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await search(runId, ENTITLEMENT, { q: "bulk", after });
    seen.push(...page.rows.map((r) => r.externalId));
    after = page.next ?? undefined;
    pages += 1;
  } while (after);
  expect(pages).toBe(3);
  expect(seen).toEqual(Array.from({ length: BULK }, (_, i) => `bulk${String(i).padStart(2, "0")}`));
});

it("offers nothing for an entitlement the snapshot does not have", async () => {
  expect(await search(runId, "account-role:nope:member", {})).toEqual({ rows: [], next: null });
});
