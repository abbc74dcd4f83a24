// Keyset paging over the synced tables: walking every page forwards and backwards, in every
// sort and direction, with and without a search, visits each row exactly once and in the
// order a plain sort gives. Also: reads see only current snapshots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;
let data: {
  accounts: typeof import("./accounts");
  entitlements: typeof import("./entitlements");
  applications: typeof import("./applications");
  validation: typeof import("@/lib/validation/applications");
};
let appId = "";

// Duplicate names and emails on purpose: the row id must break ties.
const people = Array.from({ length: 137 }, (_, i) => ({ id: `p${i}`, name: ["Zoë", "ada", "Ada", "bob", "Émile"][i % 5] + ` ${i % 17}`, email: i % 9 === 0 ? undefined : `user${i % 23}@example.com` }));

async function* records(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "team", displayName: "Team", traits: ["group"] };
  for (let t = 0; t < 30; t++) {
    yield { type: "resource", resourceTypeId: "team", id: `t${t}`, displayName: `Team ${t % 7}` };
    yield { type: "entitlement", id: `t${t}`, resource: { resourceTypeId: "team", id: `t${t}` }, displayName: `Team ${t % 7} member`, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  }
  for (const [i, person] of people.entries()) {
    yield { type: "resource", resourceTypeId: "user", id: person.id, displayName: person.name, user: { email: person.email } };
    for (let k = 0; k <= i % 4; k++) yield { type: "grant", id: `${person.id}-${k}`, entitlementId: `t${(i + k * 11) % 30}`, principal: { resourceTypeId: "user", id: person.id } };
  }
}

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  const created = await createTestConnector(ctx.pool, { catalogId: "baton" });
  appId = created.applicationId;
  const sync = await import("@/lib/sync");
  await sync.ingestRecords(created.connectorId, records(), { trigger: "upload" });
  // A second connector of the same app whose only run failed: nothing of it may show.
  const other = await createTestConnector(ctx.pool, { catalogId: "baton" });
  await ctx.pool.query(`UPDATE connectors SET application_id = $1 WHERE id = $2`, [appId, other.connectorId]);
  data = { accounts: await import("./accounts"), entitlements: await import("./entitlements"), applications: await import("./applications"), validation: await import("@/lib/validation/applications") };
});

afterAll(async () => {
  await (await import("@/lib/sync/pool")).closeSyncPool();
  await (await import("@/lib/db/client")).getPool().end();
  await ctx?.stop();
});

async function walk<T>(fetchPage: (cursor: { after?: string; before?: string }) => Promise<{ rows: T[]; next: string | null; prev: string | null }>) {
  const forward: T[][] = [];
  let page = await fetchPage({});
  forward.push(page.rows);
  while (page.next) {
    page = await fetchPage({ after: page.next });
    forward.push(page.rows);
  }
  const backward: T[][] = [page.rows];
  while (page.prev) {
    page = await fetchPage({ before: page.prev });
    backward.unshift(page.rows);
  }
  return { forward, backward };
}

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

describe("keyset paging of accounts", () => {
  for (const sort of ["name", "email"] as const) {
    for (const dir of ["asc", "desc"] as const) {
      for (const q of [undefined, "ada", "USER1"]) {
        it(`visits every account once: sort ${sort} ${dir}${q ? `, search ${q}` : ""}`, async () => {
          const app = (await data.applications.getManagedApp(appId))!;
          const query = { sort, dir, q };
          const { forward, backward } = await walk((cursor) => data.accounts.listAccounts(app, { ...query, ...cursor }, 10));
          const keyOf = (row: { name: string; email: string | null }) => (sort === "name" ? row.name.toLowerCase() : (row.email ?? "").toLowerCase());
          const rows = forward.flat();
          const expected = people
            .filter((p) => !q || `${p.name.toLowerCase()} ${(p.email ?? "").toLowerCase()}`.includes(q.toLowerCase()))
            .map((p) => ({ name: p.name, email: p.email ?? null }));
          expect(rows).toHaveLength(expected.length);
          expect(new Set(rows.map((r) => r.externalId)).size).toBe(expected.length);
          const keys = rows.map(keyOf);
          const sorted = [...keys].sort((a, b) => (dir === "asc" ? compare(a, b) : compare(b, a)));
          expect(keys).toEqual(sorted);
          expect(backward.map((page) => page.map((r) => r.externalId))).toEqual(forward.map((page) => page.map((r) => r.externalId)));
        });
      }
    }
  }

  it("ignores cursors it did not write", async () => {
    const app = (await data.applications.getManagedApp(appId))!;
    const page = await data.accounts.listAccounts(app, { sort: "name", dir: "asc", after: "not-a-cursor" }, 10);
    expect(page.rows).toHaveLength(10);
    expect(page.prev).toBeNull();
  });
});

describe("entitlements and grants", () => {
  it("pages entitlements by grant count and agrees with the holders of each", async () => {
    const app = (await data.applications.getManagedApp(appId))!;
    const { forward } = await walk((cursor) => data.entitlements.listEntitlements(app, { sort: "grants", dir: "desc", ...cursor }, 7));
    const rows = forward.flat();
    expect(rows).toHaveLength(30);
    expect(rows.map((r) => r.grantCount)).toEqual([...rows.map((r) => r.grantCount)].sort((a, b) => b - a));
    const top = rows[0];
    const detail = (await data.entitlements.getEntitlement(app, top.connectorId, top.externalId))!;
    const holders = await walk((cursor) => data.accounts.listEntitlementHolders(detail.runId, top.externalId, { dir: "asc", ...cursor }, 5, top.grantCount));
    expect(holders.forward.flat()).toHaveLength(top.grantCount);
  });

  it("lists an account's grants, and finds entitlements by resource name", async () => {
    const app = (await data.applications.getManagedApp(appId))!;
    const connector = app.connectors.find((c) => c.currentSyncRunId)!;
    const grants = await data.entitlements.listAccountGrants(connector.currentSyncRunId!, { resourceTypeId: "user", externalId: "p3", connectorName: "x" }, { dir: "asc" }, 50);
    expect(grants.total).toBe(4);
    expect(grants.rows.map((r) => r.externalId).sort()).toEqual(["t14", "t25", "t3", "t6"].sort());
    const found = await data.entitlements.listEntitlements(app, { sort: "name", dir: "asc", q: "team 3" }, 50);
    expect(found.rows.every((r) => r.resourceName === "Team 3")).toBe(true);
    expect(found.total).toBe(found.rows.length);
  });

  it("addresses rows by stable keys that survive the URL", () => {
    const { accountPath, parseAccountKey, entitlementPath, parseEntitlementKey } = data.validation;
    const odd = "ns:ümlaut/with spaces?&#%";
    expect(parseAccountKey(accountPath("a", "c", "user", odd).split("/").pop()!)).toEqual({ resourceTypeId: "user", externalId: odd });
    expect(parseEntitlementKey(entitlementPath("a", "c", odd).split("/").pop()!)).toBe(odd);
    expect(parseEntitlementKey("%%%")).toBeNull();
  });
});
