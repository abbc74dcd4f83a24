// The three CSV exports of Applications (an app's Accounts and Entitlements tabs, one
// entitlement's holders), called as Next calls a route handler, with a real next-auth session
// cookie: who may download them, how many rows arrive (more than one keyset batch), that the
// tab's search and sort carry over, and that a formula in a synced name arrives as text.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";
import { installNextRequestMocks, setRequestContext } from "@/tests/proof/support/next-request";
import { sessionCookieFor } from "@/tests/proof/support/principals";
import { csvRecords } from "./parse-csv";

installNextRequestMocks();

const ACCOUNTS = 2_345; // more than one export batch (EXPORT_BATCH = 2,000)
const FORMULA = '=HYPERLINK("http://x","y")';
const USERS = {
  user: { id: "u-user", email: "user@csv.test", role: "USER" },
  admin: { id: "u-admin", email: "admin@csv.test", role: "SUPER_ADMIN" },
  disabled: { id: "u-disabled", email: "disabled@csv.test", role: "SUPER_ADMIN" },
} as const;

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let ctx: SyncTestContext;
let appId = "";
let unmanagedAppId = "";
let connectorId = "";
let routes: { accounts: Route; entitlements: Route; holders: Route };
let paths: typeof import("@/lib/validation/applications");

// Every account is in "Everyone"; every third also in "Admins". Account 7 is named with a formula.
async function* snapshot(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "team", displayName: "Team", traits: ["group"] };
  for (const team of ["everyone", "admins"]) {
    yield { type: "resource", resourceTypeId: "team", id: team, displayName: team === "everyone" ? "Everyone" : "Admins" };
    yield { type: "entitlement", id: `team:${team}:member`, resource: { resourceTypeId: "team", id: team }, displayName: `${team === "everyone" ? "Everyone" : "Admins"} member`, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  }
  for (let i = 1; i <= ACCOUNTS; i++) {
    const name = i === 7 ? FORMULA : `Person ${String(i).padStart(4, "0")}`;
    yield { type: "resource", resourceTypeId: "user", id: `u${i}`, displayName: name, user: { email: `person${i}@example.com`, status: i % 10 === 0 ? "disabled" : "enabled" } };
    yield { type: "grant", id: `g${i}e`, entitlementId: "team:everyone:member", principal: { resourceTypeId: "user", id: `u${i}` } };
    if (i % 3 === 0) yield { type: "grant", id: `g${i}a`, entitlementId: "team:admins:member", principal: { resourceTypeId: "user", id: `u${i}` } };
  }
}

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  Object.assign(process.env, { NEXTAUTH_SECRET: randomBytes(32).toString("base64"), NEXTAUTH_URL: "http://localhost:3000", RUN_WORKER: "false", LOG_LEVEL: "error" });
  for (const u of Object.values(USERS)) {
    await ctx.pool.query(`INSERT INTO users (id, email, name, role, disabled, updated_at) VALUES ($1, $2, $3, $4, $5, now())`, [u.id, u.email, u.email, u.role, u === USERS.disabled]);
  }
  const created = await createTestConnector(ctx.pool, { catalogId: "baton", name: "Zoë's Ledger" });
  appId = created.applicationId;
  connectorId = created.connectorId;
  await (await import("@/lib/sync")).ingestRecords(connectorId, snapshot(), { trigger: "upload" });
  unmanagedAppId = "app-unmanaged";
  await ctx.pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, 'Discovered app', false, now())`, [unmanagedAppId]);
  const [accounts, entitlements, holders] = await Promise.all([
    import("@/app/api/applications/[appId]/export/accounts/route"),
    import("@/app/api/applications/[appId]/export/entitlements/route"),
    import("@/app/api/applications/[appId]/export/holders/[connectorId]/[entitlementKey]/route"),
  ]);
  routes = { accounts: accounts.GET as Route, entitlements: entitlements.GET as Route, holders: holders.GET as Route };
  paths = await import("@/lib/validation/applications");
}, 120_000);

afterAll(async () => {
  await (await import("@/lib/sync/pool")).closeSyncPool();
  await (await import("@/lib/db/client")).getPool().end();
  await ctx?.stop();
});

async function as(who: keyof typeof USERS | "anonymous") {
  setRequestContext(who === "anonymous" ? null : await sessionCookieFor(USERS[who]));
}

/** GET of an export path as the page links it, with the route's params taken from the path. */
async function download(path: string): Promise<Response> {
  const url = new URL(path, "http://localhost:3000");
  const [, , , app, , list, connector, key] = url.pathname.split("/");
  const route = list === "holders" ? routes.holders : list === "accounts" ? routes.accounts : routes.entitlements;
  const params = { appId: decodeURIComponent(app), ...(connector ? { connectorId: decodeURIComponent(connector), entitlementKey: key } : {}) };
  return route(new Request(url), { params: Promise.resolve(params) });
}

const everyonePath = (query: { q?: string } = {}) => paths.holdersExportPath(appId, connectorId, "team:everyone:member", query);

describe("who may download", () => {
  it("refuses anyone not signed in, and a session whose user was disabled", async () => {
    for (const who of ["anonymous", "disabled"] as const) {
      await as(who);
      for (const path of [paths.accountsExportPath(appId, { sort: "name", dir: "asc" }), paths.entitlementsExportPath(appId, { sort: "name", dir: "asc" }), everyonePath()]) {
        const response = await download(path);
        expect(response.status, `${who} ${path}`).toBe(401);
        expect(response.headers.get("content-type")).not.toContain("text/csv");
      }
    }
  });

  it("lets a USER download what the app's pages show them, as the pages do", async () => {
    await as("user");
    const response = await download(paths.accountsExportPath(appId, { sort: "name", dir: "asc" }));
    expect(response.status).toBe(200);
    expect(csvRecords(await response.text())).toHaveLength(ACCOUNTS);
  });

  it("refuses an app whose pages nobody can open (unmanaged, unknown) and an entitlement the snapshot lacks", async () => {
    await as("user");
    for (const path of [
      paths.accountsExportPath(unmanagedAppId, { sort: "name", dir: "asc" }),
      paths.entitlementsExportPath("no-such-app", { sort: "name", dir: "asc" }),
      paths.holdersExportPath(unmanagedAppId, connectorId, "team:everyone:member", {}),
      paths.holdersExportPath(appId, connectorId, "team:nobody:member", {}),
      paths.holdersExportPath(appId, "no-such-connector", "team:everyone:member", {}),
    ]) {
      const response = await download(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain("Person 0001");
    }
  });
});

describe("what arrives", () => {
  it("exports every account of the Accounts tab as a named attachment, the formula neutralised", async () => {
    await as("admin");
    const response = await download(paths.accountsExportPath(appId, { sort: "name", dir: "asc" }));
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="zoe-s-ledger-accounts-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    const text = await response.text();
    const rows = csvRecords(text);
    expect(rows).toHaveLength(ACCOUNTS);
    expect(Object.keys(rows[0])).toEqual(["name", "email", "login", "status", "connector", "account_type", "account_id"]);
    expect(new Set(rows.map((r) => r.account_id)).size).toBe(ACCOUNTS);
    // The spreadsheet reads the cell as text: a leading quote, never a leading "=".
    expect(rows.find((r) => r.account_id === "u7")?.name).toBe(`'${FORMULA}`);
    expect(text).not.toMatch(/(^|[,\n])=HYPERLINK/);
  });

  it("carries the tab's search and sort over, like the list on screen", async () => {
    await as("admin");
    const searched = csvRecords(await (await download(paths.accountsExportPath(appId, { q: "person1", sort: "email", dir: "desc" }))).text());
    const { listAccounts } = await import("@/lib/data/accounts");
    const app = (await (await import("@/lib/data/applications")).getManagedApp(appId))!;
    const onScreen = await listAccounts(app, { q: "person1", sort: "email", dir: "desc" }, 5_000);
    expect(searched.length).toBe(onScreen.total);
    expect(searched.map((r) => r.email)).toEqual(onScreen.rows.map((r) => r.email));
  });

  it("exports the Entitlements tab with each one's holder count", async () => {
    await as("user");
    const rows = csvRecords(await (await download(paths.entitlementsExportPath(appId, { sort: "grants", dir: "desc" }))).text());
    expect(rows.map((r) => [r.name, r.holders, r.resource])).toEqual([
      ["Everyone member", String(ACCOUNTS), "Everyone"],
      ["Admins member", String(Math.floor(ACCOUNTS / 3)), "Admins"],
    ]);
    expect(csvRecords(await (await download(paths.entitlementsExportPath(appId, { q: "admins", sort: "name", dir: "asc" }))).text())).toHaveLength(1);
  });

  it("exports an entitlement's holders, all of them or those the search finds", async () => {
    await as("user");
    const response = await download(everyonePath());
    expect(response.headers.get("content-disposition")).toMatch(/filename="zoe-s-ledger-everyone-member-holders-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = csvRecords(await response.text());
    expect(rows).toHaveLength(ACCOUNTS);
    expect(rows.find((r) => r.id === "u7")?.name).toBe(`'${FORMULA}`);
    expect(rows.find((r) => r.id === "u10")).toMatchObject({ type: "User", status: "disabled", email: "person10@example.com" });
    expect(csvRecords(await (await download(everyonePath({ q: "person12" }))).text()).map((r) => r.id).sort()).toEqual(
      ["u12", ...Array.from({ length: 10 }, (_, i) => `u12${i}`), ...Array.from({ length: 100 }, (_, i) => `u12${String(i).padStart(2, "0")}`)].sort(),
    );
  });

  it("reads holders in keyset batches, each holder once, in the order of the list on screen", async () => {
    const { listEntitlementHolders, streamEntitlementHolders } = await import("@/lib/data/accounts");
    const app = (await (await import("@/lib/data/applications")).getManagedApp(appId))!;
    const entitlement = (await (await import("@/lib/data/entitlements")).getEntitlement(app, connectorId, "team:admins:member"))!;
    const batches: number[] = [];
    const streamed: string[] = [];
    for await (const batch of streamEntitlementHolders(entitlement.runId, entitlement.externalId, {}, 100)) {
      batches.push(batch.length);
      streamed.push(...batch.map((h) => h.externalId));
    }
    expect(batches).toEqual([...Array(7).fill(100), 81]);
    const onScreen = await listEntitlementHolders(entitlement.runId, entitlement.externalId, { dir: "asc" }, 5_000, entitlement.grantCount);
    expect(streamed).toEqual(onScreen.rows.map((h) => h.externalId));
  });
});
