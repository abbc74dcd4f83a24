// "Since the previous sync" on the Overview: each published run records the accounts and
// grants it added and removed against the snapshot it replaced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;
let sync: typeof import("@/lib/sync");
let connector = { connectorId: "", applicationId: "" };

async function* snapshot(accounts: string[], grants: [string, string][]): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "role", displayName: "Role", traits: ["role"] };
  for (const role of ["admin", "viewer"]) {
    yield { type: "resource", resourceTypeId: "role", id: role, displayName: role };
    yield { type: "entitlement", id: `role:${role}`, resource: { resourceTypeId: "role", id: role }, displayName: role, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  }
  for (const a of accounts) yield { type: "resource", resourceTypeId: "user", id: a, displayName: a, user: { email: `${a}@acme.test`, status: "enabled" } };
  for (const [a, role] of grants) yield { type: "grant", id: `${role}-${a}`, entitlementId: `role:${role}`, principal: { resourceTypeId: "user", id: a } };
}

async function currentChanges() {
  const { rows } = await ctx.pool.query(
    `SELECT r.accounts_added, r.accounts_removed, r.grants_added, r.grants_removed FROM connectors c JOIN sync_runs r ON r.id = c.current_sync_run_id WHERE c.id = $1`,
    [connector.connectorId],
  );
  return rows[0];
}

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  sync = await import("@/lib/sync");
  connector = await createTestConnector(ctx.pool, { catalogId: "temporal-cloud", name: "Temporal" });
});

afterAll(async () => {
  await (await import("@/lib/sync/pool")).closeSyncPool();
  await (await import("@/lib/db/client")).getPool().end();
  await ctx?.stop();
});

describe("what a sync changed", () => {
  it("the first sync adds everything; the next counts accounts and grants added and removed", async () => {
    await sync.ingestRecords(connector.connectorId, snapshot(["ada", "ben", "cy"], [["ada", "admin"], ["ben", "viewer"], ["cy", "viewer"]]), { trigger: "upload" });
    expect(await currentChanges()).toEqual({ accounts_added: 3, accounts_removed: 0, grants_added: 3, grants_removed: 0 });
    // ben leaves (and his grant with him), dee arrives; ada moves from admin to viewer.
    await sync.ingestRecords(connector.connectorId, snapshot(["ada", "cy", "dee"], [["ada", "viewer"], ["cy", "viewer"], ["dee", "admin"]]), { trigger: "upload" });
    expect(await currentChanges()).toEqual({ accounts_added: 1, accounts_removed: 1, grants_added: 2, grants_removed: 2 });
    await sync.ingestRecords(connector.connectorId, snapshot(["ada", "cy", "dee"], [["ada", "viewer"], ["cy", "viewer"], ["dee", "admin"]]), { trigger: "upload" });
    expect(await currentChanges()).toEqual({ accounts_added: 0, accounts_removed: 0, grants_added: 0, grants_removed: 0 });
  });
});
