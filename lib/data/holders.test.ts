// An entitlement with many holders is read by walking the accounts' name index (and probing
// each account's grants) instead of reading all its grants and sorting: the pages, the search,
// its count and the CSV export must hold exactly the holders a plain sort of its grants gives,
// groups included, in the same order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;
let accounts: typeof import("./accounts");
let runId = "";
let appId = "";
const ACCOUNTS = 6_300;

// Names repeat (the row id breaks ties) and some accounts hold nothing.
const nameOf = (i: number) => `${["Ada", "ben", "Émile", "zoë", "Ada"][i % 5]} ${i % 97}`;
const holdsAll = (i: number) => i % 9 !== 4;

async function* records(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "team", displayName: "Team", traits: ["group"] };
  for (let t = 0; t < 40; t++) yield { type: "resource", resourceTypeId: "team", id: `t${t}`, displayName: `Ada team ${t}` };
  yield { type: "entitlement", id: "all", resource: { resourceTypeId: "team", id: "t0" }, displayName: "All", slug: "member", purpose: "assignment", grantableTo: ["user", "team"], provisionable: true };
  yield { type: "entitlement", id: "few", resource: { resourceTypeId: "team", id: "t1" }, displayName: "Few", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  // Teams that hold "all" (nested groups), and one that holds nothing.
  for (const t of [3, 17, 39]) yield { type: "grant", id: `t${t}-all`, entitlementId: "all", principal: { resourceTypeId: "team", id: `t${t}` } };
  for (let i = 0; i < ACCOUNTS; i++) {
    yield { type: "resource", resourceTypeId: "user", id: `u${i}`, displayName: nameOf(i), user: { email: `u${i}@example.com` } };
    if (holdsAll(i)) yield { type: "grant", id: `u${i}-all`, entitlementId: "all", principal: { resourceTypeId: "user", id: `u${i}` } };
    if (i % 500 === 0) yield { type: "grant", id: `u${i}-few`, entitlementId: "few", principal: { resourceTypeId: "user", id: `u${i}` } };
  }
}

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  const created = await createTestConnector(ctx.pool, { catalogId: "baton" });
  const sync = await import("@/lib/sync");
  ({ runId } = await sync.ingestRecords(created.connectorId, records(), { trigger: "upload" }));
  appId = created.applicationId;
  await ctx.pool.query("ANALYZE");
  accounts = await import("./accounts");
});

afterAll(async () => {
  await (await import("@/lib/sync/pool")).closeSyncPool();
  await (await import("@/lib/db/client")).getPool().end();
  await ctx?.stop();
});

/** The holders as a plain sort of the entitlement's grants gives them. */
async function expected(entitlementId: string, like?: string): Promise<string[]> {
  const { rows } = await ctx.pool.query<{ external_id: string }>(
    `SELECT r.external_id FROM grants g JOIN resources r ON r.sync_run_id = g.sync_run_id AND r.resource_type_id = g.principal_type_id AND r.external_id = g.principal_external_id
      WHERE g.sync_run_id = $1 AND g.entitlement_id = $2 AND ($3::text IS NULL OR (lower(r.display_name) || ' ' || lower(coalesce(r.email, ''))) LIKE $3)
      ORDER BY lower(r.display_name), r.id`,
    [runId, entitlementId, like ?? null],
  );
  return rows.map((r) => r.external_id);
}

async function walkPages(entitlementId: string, q: string | undefined, size: number) {
  const total = (await expected(entitlementId)).length;
  const seen: string[] = [];
  let page = await accounts.listEntitlementHolders(runId, entitlementId, { q, dir: "asc" }, size, total);
  const first = page;
  seen.push(...page.rows.map((r) => r.externalId));
  while (page.next) {
    page = await accounts.listEntitlementHolders(runId, entitlementId, { q, dir: "asc", after: page.next }, size, total);
    seen.push(...page.rows.map((r) => r.externalId));
  }
  const back: string[] = [...page.rows.map((r) => r.externalId)];
  while (page.prev) {
    page = await accounts.listEntitlementHolders(runId, entitlementId, { q, dir: "asc", before: page.prev }, size, total);
    back.unshift(...page.rows.map((r) => r.externalId));
  }
  return { seen, back, first };
}

describe("the Accounts tab search", () => {
  it("lists a sparse term's accounts in name order, with their number, whichever read finds them", async () => {
    const [{ getManagedApp }, { accountListQuery, appQuerySchema }] = await Promise.all([import("./applications"), import("@/lib/validation/applications")]);
    const app = (await getManagedApp(appId))!;
    for (const term of ["u12", "ada 1", "u6299@"]) {
      const { rows } = await ctx.pool.query<{ external_id: string }>(
        `SELECT external_id FROM resources WHERE sync_run_id = $1 AND is_user AND (lower(display_name) || ' ' || lower(coalesce(email, ''))) LIKE $2 ORDER BY lower(display_name), id`,
        [runId, `%${term}%`],
      );
      const seen: string[] = [];
      let page = await accounts.listAccounts(app, accountListQuery(appQuerySchema.parse({ tab: "accounts", q: term })), 50);
      expect(page.total).toBe(rows.length);
      seen.push(...page.rows.map((r) => r.externalId));
      while (page.next) {
        page = await accounts.listAccounts(app, accountListQuery(appQuerySchema.parse({ tab: "accounts", q: term, after: page.next })), 50);
        seen.push(...page.rows.map((r) => r.externalId));
      }
      expect(seen).toEqual(rows.map((r) => r.external_id));
    }
  });
});

describe("an entitlement held by thousands", () => {
  it("walks the name order, not the grants", async () => {
    expect(await accounts.holdersPlan(runId, "all")).toEqual({ walk: true, otherTypes: ["team"] });
    expect(await accounts.holdersPlan(runId, "few")).toEqual({ walk: false });
  });

  it("pages through every holder, groups included, forwards and backwards, in name order", async () => {
    const want = await expected("all");
    expect(want.length).toBeGreaterThan(accounts.HOLDERS_WALK_MIN);
    expect(want.filter((id) => id.startsWith("t"))).toHaveLength(3);
    const { seen, back } = await walkPages("all", undefined, 700);
    expect(seen).toEqual(want);
    expect(back).toEqual(want);
  });

  it("searches and counts the holders the same way", async () => {
    const want = await expected("all", "%ada 1%");
    const { seen, first } = await walkPages("all", "ada 1", 50);
    expect(seen).toEqual(want);
    expect(first.total).toBe(want.length);
    expect(first.rows[0].typeName).toBe(want[0].startsWith("t") ? "Team" : "User");
  });

  it("finds a term too sparse for the first window of names in a wider one", async () => {
    // "u12": about 2% of the accounts (u12, u120…, u1200…), spread over the name order: the
    // first 2,000 names hold fewer than a page of them.
    const want = await expected("all", "%u12%");
    const { seen, first } = await walkPages("all", "u12", 50);
    expect(want.length).toBeGreaterThan(50);
    expect(seen).toEqual(want);
    expect(first.total).toBe(want.length);
  });

  it("exports every holder in the order of the page", async () => {
    const exported: string[] = [];
    for await (const batch of accounts.streamEntitlementHolders(runId, "all", {}, 1_000)) exported.push(...batch.map((h) => h.externalId));
    expect(exported).toEqual(await expected("all"));
  });

  it("reads a small entitlement by its grants, with the same result", async () => {
    const { seen } = await walkPages("few", undefined, 5);
    expect(seen).toEqual(await expected("few"));
  });
});
