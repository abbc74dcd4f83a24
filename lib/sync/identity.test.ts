// People, discovered apps and account matching through the real sync path (ingest → publish):
// what an admin sees after the identity provider and an app sync, what survives later syncs,
// and that a failed sync changes none of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;
let sync: typeof import("@/lib/sync");
let idp = { connectorId: "", applicationId: "" };
let app = { connectorId: "", applicationId: "" };
const actor = { id: "u-admin", email: "admin@example.com" };

type OktaUser = { id: string; name: string; email: string; status: "enabled" | "disabled" | "deleted"; okta: string; department?: string; managerId?: string };
type OktaApp = { id: string; label: string; users: string[]; groups: string[] };
const ALICE: OktaUser = { id: "00u1", name: "Alice Ng", email: "alice@acme.test", status: "enabled", okta: "ACTIVE", department: "Engineering" };
const BOB: OktaUser = { id: "00u2", name: "Bob Ruiz", email: "Bob@Acme.test", status: "disabled", okta: "SUSPENDED", department: "Sales", managerId: "00u1" };
const CAROL: OktaUser = { id: "00u3", name: "Carol Diaz", email: "carol@acme.test", status: "deleted", okta: "DEPROVISIONED" };

async function* oktaSync(options: { users: OktaUser[]; apps: OktaApp[]; groupMembers: string[]; failAfterUsers?: boolean }): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "group", displayName: "Group", traits: ["group"] };
  yield { type: "resourceType", id: "app", displayName: "App", traits: ["app"] };
  for (const u of options.users) {
    yield {
      type: "resource",
      resourceTypeId: "user",
      id: u.id,
      displayName: u.name,
      user: { email: u.email, login: u.email, status: u.status },
      profile: { oktaStatus: u.okta, department: u.department ?? null, managerId: u.managerId ?? null, manager: null },
    };
  }
  if (options.failAfterUsers) throw new Error("The page vanished mid-sync");
  yield { type: "resource", resourceTypeId: "group", id: "00g1", displayName: "Engineering" };
  yield { type: "entitlement", id: "group:00g1:member", resource: { resourceTypeId: "group", id: "00g1" }, displayName: "Engineering member", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  for (const m of options.groupMembers) yield { type: "grant", id: `g1-${m}`, entitlementId: "group:00g1:member", principal: { resourceTypeId: "user", id: m } };
  for (const a of options.apps) {
    yield { type: "resource", resourceTypeId: "app", id: a.id, displayName: a.label, profile: { logoUrl: `https://logos.example/${a.id}.png` } };
    yield { type: "entitlement", id: `app:${a.id}:assigned`, resource: { resourceTypeId: "app", id: a.id }, displayName: "Assigned", slug: "assigned", purpose: "assignment", grantableTo: ["user", "group"], provisionable: false };
    for (const u of a.users) yield { type: "grant", id: `${a.id}-${u}`, entitlementId: `app:${a.id}:assigned`, principal: { resourceTypeId: "user", id: u } };
    for (const g of a.groups) yield { type: "grant", id: `${a.id}-${g}`, entitlementId: `app:${a.id}:assigned`, principal: { resourceTypeId: "group", id: g } };
  }
}

type Account = { id: string; email: string; status?: "enabled" | "disabled" };
async function* appSync(accounts: Account[]): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "namespace", displayName: "Namespace", traits: [] };
  yield { type: "resource", resourceTypeId: "namespace", id: "prod", displayName: "prod" };
  yield { type: "entitlement", id: "namespace:prod:admin", resource: { resourceTypeId: "namespace", id: "prod" }, displayName: "Admin", slug: "admin", purpose: "permission", grantableTo: ["user"], provisionable: true };
  for (const a of accounts) {
    yield { type: "resource", resourceTypeId: "user", id: a.id, displayName: a.email, user: { email: a.email, status: a.status ?? "enabled" } };
    yield { type: "grant", id: `prod-${a.id}`, entitlementId: "namespace:prod:admin", principal: { resourceTypeId: "user", id: a.id } };
  }
}

const TEMPORAL: OktaApp = { id: "0oa1", label: "Temporal Cloud", users: ["00u2"], groups: ["00g1"] };
const SLACK: OktaApp = { id: "0oa2", label: "Slack", users: ["00u1", "00u2", "00u3"], groups: [] };
const ACCOUNTS: Account[] = [
  { id: "tc-alice", email: "  ALICE@acme.test " },
  { id: "tc-bob", email: "bob@acme.test" },
  { id: "tc-zed", email: "zed@contractor.test" },
];

/** Matched accounts and manual decisions (an unmatched account's row has no person). */
async function links() {
  const { rows } = await ctx.pool.query<{ account: string; person: string | null; method: string; manual: boolean }>(
    `SELECT l.account_external_id AS account, p.display_name AS person, l.method, l.manual FROM account_links l LEFT JOIN people p ON p.id = l.person_id
      WHERE l.connector_id = $1 AND (l.person_id IS NOT NULL OR l.manual) ORDER BY 1`,
    [app.connectorId],
  );
  return rows;
}

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  sync = await import("@/lib/sync");
  idp = await createTestConnector(ctx.pool, { catalogId: "okta", name: "Okta" });
  app = await createTestConnector(ctx.pool, { catalogId: "temporal-cloud", name: "Temporal" });
  await sync.ingestRecords(idp.connectorId, oktaSync({ users: [ALICE, BOB, CAROL], apps: [TEMPORAL, SLACK], groupMembers: ["00u1", "00u2"] }), { trigger: "upload" });
  await sync.ingestRecords(app.connectorId, appSync(ACCOUNTS), { trigger: "upload" });
});

afterAll(async () => {
  await (await import("@/lib/sync/pool")).closeSyncPool();
  await (await import("@/lib/db/client")).getPool().end();
  await ctx?.stop();
});

describe("after the identity provider and an app sync", () => {
  it("lists every person with status, department and manager", async () => {
    const { listPeople } = await import("@/lib/data/people");
    const page = await listPeople({}, 50);
    expect(page.rows.map((p) => [p.name, p.status, p.rawStatus, p.department, p.managerName])).toEqual([
      ["Alice Ng", "active", "ACTIVE", "Engineering", null],
      ["Bob Ruiz", "suspended", "SUSPENDED", "Sales", "Alice Ng"],
      ["Carol Diaz", "deactivated", "DEPROVISIONED", null, null],
    ]);
    expect((await listPeople({ q: "RUIZ" }, 50)).rows.map((p) => p.name)).toEqual(["Bob Ruiz"]);
    expect((await listPeople({ status: "deactivated" }, 50)).rows.map((p) => p.name)).toEqual(["Carol Diaz"]);
  });

  it("discovers each Okta app as an unmanaged app with its number of assigned people", async () => {
    const { rows } = await ctx.pool.query(
      `SELECT name, managed, discovered_from, discovered_accounts, logo_url, discovered_gone_at FROM applications WHERE discovered_by_connector_id = $1 ORDER BY name`,
      [idp.connectorId],
    );
    expect(rows).toEqual([
      { name: "Slack", managed: false, discovered_from: "Okta", discovered_accounts: 3, logo_url: "https://logos.example/0oa2.png", discovered_gone_at: null },
      // Bob directly and through the Engineering group, Alice through the group: two people.
      { name: "Temporal Cloud", managed: false, discovered_from: "Okta", discovered_accounts: 2, logo_url: "https://logos.example/0oa1.png", discovered_gone_at: null },
    ]);
  });

  it("matches accounts to people by email, trimmed and case-insensitive, and leaves the rest unmatched", async () => {
    expect(await links()).toEqual([
      { account: "tc-alice", person: "Alice Ng", method: "email", manual: false },
      { account: "tc-bob", person: "Bob Ruiz", method: "email", manual: false },
    ]);
    // The unmatched account has its row too, with no person: that row is what the tab lists.
    const { rows: zed } = await ctx.pool.query(`SELECT person_id, account_present FROM account_links WHERE connector_id = $1 AND account_external_id = 'tc-zed'`, [app.connectorId]);
    expect(zed).toEqual([{ person_id: null, account_present: true }]);
    const { listUnmatchedAccounts } = await import("@/lib/data/unmatched-accounts");
    const unmatched = await listUnmatchedAccounts({}, 50);
    // The identity provider's own users are the people themselves: never "unmatched".
    expect(unmatched.rows.map((r) => r.externalId)).toEqual(["tc-zed"]);
    expect(unmatched.total).toBe(1);
  });

  it("shows the suspended person's still-active account, with its grants, as orphaned access", async () => {
    const gaps = await import("@/lib/data/access-gaps");
    const page = await gaps.listOrphanedAccess({}, 50);
    expect(page.rows.map((r) => [r.personName, r.personStatus, r.externalId, r.grants, r.entitlements])).toEqual([["Bob Ruiz", "suspended", "tc-bob", 1, ["Admin"]]]);
    expect(await gaps.countOrphanedAccess()).toBe(1);
    const streamed = [];
    for await (const batch of gaps.streamOrphanedGrants()) streamed.push(...batch);
    expect(streamed).toEqual([{ person: "Bob Ruiz", personEmail: "Bob@Acme.test", personStatus: "suspended", app: "Temporal", account: "bob@acme.test", accountEmail: "bob@acme.test", entitlement: "Admin" }]);
  });

  it("lists all access of a person across apps", async () => {
    const { listPersonAccess } = await import("@/lib/data/people");
    const { rows } = await ctx.pool.query<{ id: string }>(`SELECT id FROM people WHERE external_id = '00u1'`);
    const access = await listPersonAccess(rows[0].id);
    expect(access.map((a) => [a.appName, a.externalId, a.grants.map((g) => `${g.name} (${g.resourceName})`)])).toEqual([
      ["Okta", "00u1", ["Assigned (Slack)", "Engineering member (Engineering)"]],
      ["Temporal", "tc-alice", ["Admin (prod)"]],
    ]);
  });
});

describe("later syncs", () => {
  it("keep manual links and unlinks, and audit them", async () => {
    const { setManualLink } = await import("@/lib/data/account-links");
    const { rows } = await ctx.pool.query<{ id: string }>(`SELECT id FROM people WHERE external_id = '00u3'`);
    expect(await setManualLink({ connectorId: app.connectorId, resourceTypeId: "user", externalId: "tc-zed" }, rows[0].id, actor)).toEqual({ ok: true });
    expect(await setManualLink({ connectorId: app.connectorId, resourceTypeId: "user", externalId: "tc-bob" }, null, actor)).toEqual({ ok: true });
    expect(await setManualLink({ connectorId: app.connectorId, resourceTypeId: "user", externalId: "nobody-here" }, null, actor)).toEqual({ ok: false, reason: "no_account" });
    const { listUnmatchedAccounts } = await import("@/lib/data/unmatched-accounts");
    const { countOrphanedAccess } = await import("@/lib/data/access-gaps");
    // Zed now belongs to Carol; Bob's account to nobody: still one unmatched, and Bob's orphan is gone.
    expect((await listUnmatchedAccounts({}, 50)).rows.map((r) => r.externalId)).toEqual(["tc-bob"]);
    expect((await listUnmatchedAccounts({}, 50)).total).toBe(1);
    expect(await countOrphanedAccess()).toBe(1); // Carol (deactivated) holds tc-zed, active
    await sync.ingestRecords(app.connectorId, appSync(ACCOUNTS), { trigger: "upload" });
    await sync.ingestRecords(idp.connectorId, oktaSync({ users: [ALICE, BOB, CAROL], apps: [TEMPORAL, SLACK], groupMembers: ["00u1"] }), { trigger: "upload" });
    expect(await links()).toEqual([
      { account: "tc-alice", person: "Alice Ng", method: "email", manual: false },
      { account: "tc-bob", person: null, method: "manual", manual: true },
      { account: "tc-zed", person: "Carol Diaz", method: "manual", manual: true },
    ]);
    const audit = await ctx.pool.query(`SELECT kind FROM audit_events WHERE kind LIKE 'account.%' ORDER BY at`);
    expect(audit.rows.map((r) => r.kind)).toEqual(["account.linked", "account.unlinked"]);
    expect(await countOrphanedAccess()).toBe(1);
  });

  it("keep the orphaned-access count with the match: a person who leaves and comes back", async () => {
    const gaps = await import("@/lib/data/access-gaps");
    // What the page and the home page must agree with, counted the slow way.
    const live = async () =>
      (await ctx.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM account_links l JOIN people p ON p.id = l.person_id WHERE l.connector_id = $1 AND l.account_active AND p.status <> 'active'`, [app.connectorId])).rows[0].n;
    // The figure the matcher keeps with the run (read by the pages instead of counting).
    const kept = async () => (await ctx.pool.query<{ n: number | null }>(`SELECT r.orphaned_accounts AS n FROM connectors c JOIN sync_runs r ON r.id = c.current_sync_run_id WHERE c.id = $1`, [app.connectorId])).rows[0].n;
    expect(await kept()).toBe(await live());
    const suspended = { ...ALICE, status: "disabled" as const, okta: "SUSPENDED" };
    await sync.ingestRecords(idp.connectorId, oktaSync({ users: [suspended, BOB, CAROL], apps: [TEMPORAL, SLACK], groupMembers: ["00u1"] }), { trigger: "upload" });
    expect([await gaps.countOrphanedAccess(), await kept(), await live()]).toEqual([2, 2, 2]);
    expect((await gaps.listOrphanedAccess({}, 50)).rows.map((r) => [r.personName, r.externalId])).toEqual([["Alice Ng", "tc-alice"], ["Carol Diaz", "tc-zed"]]);
    await sync.ingestRecords(idp.connectorId, oktaSync({ users: [ALICE, BOB, CAROL], apps: [TEMPORAL, SLACK], groupMembers: ["00u1"] }), { trigger: "upload" });
    expect([await gaps.countOrphanedAccess(), await kept(), await live()]).toEqual([1, 1, 1]);
    expect((await gaps.listOrphanedAccess({}, 50)).total).toBe(1);
  });

  it("an account matched to two people is impossible by constraint", async () => {
    await expect(
      ctx.pool.query(`INSERT INTO account_links (connector_id, resource_type_id, account_external_id, person_id, method) SELECT $1, 'user', 'tc-alice', id, 'email' FROM people LIMIT 1`, [app.connectorId]),
    ).rejects.toThrow(/account_links_pkey/);
  });

  it("mark an app that left Okta and a person who left, never deleting them; a managed app keeps its name", async () => {
    await ctx.pool.query(`UPDATE applications SET managed = true, name = 'Temporal (prod)' WHERE discovered_external_id = $1`, [TEMPORAL.id]);
    await sync.ingestRecords(idp.connectorId, oktaSync({ users: [ALICE, BOB], apps: [TEMPORAL], groupMembers: ["00u1"] }), { trigger: "upload" });
    const apps = await ctx.pool.query(`SELECT name, managed, discovered_gone_at IS NOT NULL AS gone FROM applications WHERE discovered_by_connector_id = $1 ORDER BY name`, [idp.connectorId]);
    expect(apps.rows).toEqual([
      { name: "Slack", managed: false, gone: true },
      { name: "Temporal (prod)", managed: true, gone: false },
    ]);
    const people = await ctx.pool.query(`SELECT display_name, removed_at IS NOT NULL AS removed FROM people ORDER BY display_name`);
    expect(people.rows).toEqual([
      { display_name: "Alice Ng", removed: false },
      { display_name: "Bob Ruiz", removed: false },
      { display_name: "Carol Diaz", removed: true },
    ]);
  });

  it("a failed identity-provider sync changes no person, app or match", async () => {
    const before = await ctx.pool.query(`SELECT (SELECT json_agg(p ORDER BY id) FROM people p) AS people, (SELECT json_agg(a ORDER BY id) FROM applications a) AS apps, (SELECT json_agg(l ORDER BY account_external_id) FROM account_links l) AS links`);
    await expect(sync.ingestRecords(idp.connectorId, oktaSync({ users: [ALICE], apps: [], groupMembers: [], failAfterUsers: true }), { trigger: "upload" })).rejects.toThrow(/vanished/);
    const after = await ctx.pool.query(`SELECT (SELECT json_agg(p ORDER BY id) FROM people p) AS people, (SELECT json_agg(a ORDER BY id) FROM applications a) AS apps, (SELECT json_agg(l ORDER BY account_external_id) FROM account_links l) AS links`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it("re-matches on another attribute when the admin changes it", async () => {
    const { setMatchAttribute } = await import("@/lib/data/account-links");
    await setMatchAttribute(app.connectorId, "externalId", actor);
    expect((await links()).filter((l) => !l.manual)).toEqual([]);
    await setMatchAttribute(app.connectorId, "email", actor);
    expect((await links()).filter((l) => !l.manual)).toEqual([{ account: "tc-alice", person: "Alice Ng", method: "email", manual: false }]);
  });
});

describe("the Unmatched accounts tab", () => {
  it("pages by name with keyset cursors, per app and with search, and keeps a manual row of a vanished account out of it", async () => {
    const { listUnmatchedAccounts } = await import("@/lib/data/unmatched-accounts");
    const { setManualLink } = await import("@/lib/data/account-links");
    const other = await createTestConnector(ctx.pool, { catalogId: "cloudflare", name: "Cloudflare" });
    const strangers = ["Gus", "ana", "Eve", "dan", "Cy", "fay", "Bea"].map((name, i) => ({ id: `cf-${i}`, email: `${name}@elsewhere.test` }));
    await sync.ingestRecords(other.connectorId, appSync(strangers), { trigger: "upload" });
    const names = async (query: { appId?: string; q?: string }) => {
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await listUnmatchedAccounts({ ...query, after }, 3);
        seen.push(...page.rows.map((r) => r.name));
        if (!page.next) return { seen, total: page.total };
        after = page.next;
      }
    };
    const all = await names({});
    // Case-insensitive name order across both apps (tc-bob is unlinked by hand earlier, so nobody's).
    expect(all.seen).toEqual(["ana@elsewhere.test", "Bea@elsewhere.test", "bob@acme.test", "Cy@elsewhere.test", "dan@elsewhere.test", "Eve@elsewhere.test", "fay@elsewhere.test", "Gus@elsewhere.test"]);
    expect(all.total).toBe(8);
    expect((await names({ appId: other.applicationId })).seen).toHaveLength(7);
    expect((await names({ q: "EVE" })).seen).toEqual(["Eve@elsewhere.test"]);
    const back = await listUnmatchedAccounts({ before: (await listUnmatchedAccounts({}, 3)).next ?? undefined }, 3);
    expect(back.rows.map((r) => r.name)).toEqual(["ana@elsewhere.test", "Bea@elsewhere.test"]);

    // Ana is unlinked by hand, then vanishes upstream: her manual row stays, but not in the tab.
    await setManualLink({ connectorId: other.connectorId, resourceTypeId: "user", externalId: "cf-1" }, null, actor);
    await sync.ingestRecords(other.connectorId, appSync(strangers.filter((s) => s.id !== "cf-1")), { trigger: "upload" });
    const { rows } = await ctx.pool.query(`SELECT manual, account_present, account_active FROM account_links WHERE connector_id = $1 AND account_external_id = 'cf-1'`, [other.connectorId]);
    expect(rows).toEqual([{ manual: true, account_present: false, account_active: false }]);
    expect((await names({ appId: other.applicationId })).seen).not.toContain("ana@elsewhere.test");
    expect((await names({ appId: other.applicationId })).total).toBe(6);
  });
});
