// `npm run bench:read [-- --accounts 100000 --iterations 200]`: an app with 100,000 accounts
// (written through the sync engine), then p50 / p95 of the Accounts tab for four views: the
// bare SQL statement, the lib/data query (statement + counts), and the whole page rendered
// by the production server. Ratios are against the bare SQL.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { SyncRecord } from "@/lib/connectors/types";
import { fmt, flagArg, machine, numberArg, percentile, printTable, startBenchDatabase } from "./bench-common";
import { startAppServer, timePage } from "./bench-read-http";

const accounts = numberArg("accounts", 100_000);
const iterations = numberArg("iterations", 200);
const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Ella", "Finn", "Gia", "Hugo", "Ines", "Jon", "Kai", "Lena", "Milo", "Nora", "Omar", "Pia"];
const LAST = ["Ng", "Smith", "Garcia", "Kim", "Müller", "Rossi", "Dubois", "Silva", "Khan", "Ito", "Novak", "Berg"];

async function* organisation(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "group", displayName: "Group", traits: ["group"] };
  for (let g = 0; g < 200; g++) {
    yield { type: "resource", resourceTypeId: "group", id: `g${g}`, displayName: `Team ${g}` };
    yield { type: "entitlement", id: `group:g${g}:member`, resource: { resourceTypeId: "group", id: `g${g}` }, displayName: `Team ${g} member`, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  }
  for (let i = 0; i < accounts; i++) {
    const first = FIRST[(i * 7) % FIRST.length];
    const last = LAST[(i * 13) % LAST.length];
    const id = `u${i}`;
    yield { type: "resource", resourceTypeId: "user", id, displayName: `${first} ${last} ${i}`, user: { email: `${first}.${last}.${i}@example.com`.toLowerCase(), status: i % 25 === 0 ? "disabled" : "enabled" } };
    for (let m = 0; m < 3; m++) yield { type: "grant", id: `${id}:${m}`, entitlementId: `group:g${(i + m * 31) % 200}:member`, principal: { resourceTypeId: "user", id } };
  }
}

type Sample = { sql: number[]; query: number[]; page: number[] };

async function main() {
  console.log(`bench:read — ${fmt(accounts)} accounts, ${iterations} iterations per view`);
  console.log(`Machine: ${machine()}`);
  const database = await startBenchDatabase();
  try {
    const { getPool } = await import("@/lib/db/client");
    const { hashPassword } = await import("@/lib/password");
    const { ingestRecords, stopSyncQueue } = await import("@/lib/sync");
    const { getManagedApp } = await import("@/lib/data/applications");
    const { listAccounts } = await import("@/lib/data/accounts");
    const { accountListQuery, appQuerySchema, PAGE_SIZE } = await import("@/lib/validation/applications");
    const pool = getPool();
    const password = randomBytes(12).toString("base64url");
    await pool.query(`INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ('benchuser', 'reader@example.com', 'Reader', 'USER', $1, now())`, [await hashPassword(password)]);
    await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ('benchapp', 'Directory', true, now())`);
    await pool.query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ('benchconnector', 'baton', 'Directory', 'benchapp', 'SYNCING', now())`);
    const loadStarted = performance.now();
    const { counts } = await ingestRecords("benchconnector", organisation(), { trigger: "upload" });
    console.log(`Loaded ${fmt(counts.accounts)} accounts and ${fmt(counts.grants)} grants in ${fmt((performance.now() - loadStarted) / 1000, 1)} s`);
    await pool.query("VACUUM ANALYZE"); // the state a database settles in between syncs

    const app = (await getManagedApp("benchapp"))!;
    const middle = await listAccounts(app, accountListQuery(appQuerySchema.parse({ tab: "accounts" })), Math.floor(accounts / 2));
    const views: [string, Record<string, string>][] = [
      ["first page, by name", { tab: "accounts" }],
      ["middle page, by name", { tab: "accounts", after: middle.next ?? "" }],
      ["first page, by email", { tab: "accounts", sort: "email" }],
      ["search \"smith 4\"", { tab: "accounts", q: "smith 4" }],
    ];
    const server = flagArg("no-http") ? null : await startAppServer(process.env, { email: "reader@example.com", password });
    const rows: [string, string][] = [];
    let worstPageP95 = 0;
    try {
      if (server) {
        // For scale: the console shell alone (session check, layout, a one-line page).
        const shell: number[] = [];
        for (let i = 0; i < iterations + 10; i++) shell.push(await timePage(server, "/forbidden", "do not have access"));
        rows.push(["console shell alone (/forbidden)", `${fmt(percentile(shell.slice(10), 50), 1)} / ${fmt(percentile(shell.slice(10), 95), 1)} ms p50 / p95`]);
      }
      for (const [label, params] of views) {
        const query = accountListQuery(appQuerySchema.parse(params));
        // The exact statement lib/data sends, captured once, replayed bare.
        const captured: { text: string; values: unknown[] }[] = [];
        const original = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
        (pool as unknown as { query: typeof original }).query = (text, values) => (captured.push({ text, values: values ?? [] }), original(text, values));
        await listAccounts(app, query, PAGE_SIZE);
        (pool as unknown as { query: typeof original }).query = original;
        const statement = captured[0];
        const sample: Sample = { sql: [], query: [], page: [] };
        const path = `/applications/benchapp?${new URLSearchParams(params)}`;
        for (let i = 0; i < iterations + 10; i++) {
          let started = performance.now();
          await original(statement.text, statement.values);
          const sql = performance.now() - started;
          started = performance.now();
          await listAccounts((await getManagedApp("benchapp"))!, query, PAGE_SIZE);
          const data = performance.now() - started;
          const page = server ? await timePage(server, path, "account-row") : 0;
          if (i < 10) continue; // warm-up
          sample.sql.push(sql);
          sample.query.push(data);
          sample.page.push(page);
        }
        const p = (values: number[]) => `${fmt(percentile(values, 50), 1)} / ${fmt(percentile(values, 95), 1)} ms`;
        const ratio = (values: number[]) => fmt(percentile(values, 95) / percentile(sample.sql, 95), 1);
        worstPageP95 = Math.max(worstPageP95, percentile(server ? sample.page : sample.query, 95));
        rows.push([label, ""]);
        rows.push(["  bare SQL p50 / p95", p(sample.sql)]);
        rows.push(["  lib/data query p50 / p95", `${p(sample.query)}  (p95 ×${ratio(sample.query)} bare SQL)`]);
        if (server) rows.push(["  page render p50 / p95", `${p(sample.page)}  (p95 ×${ratio(sample.page)} bare SQL)`]);
      }
      // The Overview: every figure an admin's page reads (kept with the runs, never counted),
      // and the page as rendered for the bench's user.
      const { listConnectorStandings } = await import("@/lib/data/connector-states");
      const { countApps } = await import("@/lib/data/applications");
      const { grantTrends, syncedTotals } = await import("@/lib/data/overview");
      const { countPeople } = await import("@/lib/data/people");
      const { countOrphanedAccess } = await import("@/lib/data/access-gaps");
      const { listPendingSetups } = await import("@/lib/data/connectors");
      const overview = { query: [] as number[], page: [] as number[] };
      for (let i = 0; i < iterations + 10; i++) {
        const started = performance.now();
        await Promise.all([listPendingSetups("benchuser"), listConnectorStandings(), countApps(), syncedTotals(), grantTrends(), countPeople(), countOrphanedAccess()]);
        const data = performance.now() - started;
        const page = server ? await timePage(server, "/", "Welcome") : 0;
        if (i < 10) continue;
        overview.query.push(data);
        overview.page.push(page);
      }
      const q = (values: number[]) => `${fmt(percentile(values, 50), 1)} / ${fmt(percentile(values, 95), 1)} ms`;
      worstPageP95 = Math.max(worstPageP95, percentile(overview.query, 95), server ? percentile(overview.page, 95) : 0);
      rows.push(["Overview", ""]);
      rows.push(["  an admin's figures (lib/data) p50 / p95", q(overview.query)]);
      if (server) rows.push(["  page render (a user's) p50 / p95", q(overview.page)]);
    } finally {
      server?.stop();
    }
    console.log("\nResult (Accounts tab, 50 rows per page; the Overview)");
    printTable(rows);
    console.log(`\n${worstPageP95 <= 50 ? "PASS" : "FAIL"}: worst p95 ${fmt(worstPageP95, 1)} ms ${worstPageP95 <= 50 ? "≤" : ">"} 50 ms server time`);
    if (worstPageP95 > 50 && !flagArg("no-fail")) process.exitCode = 1;
    await stopSyncQueue();
    await pool.end();
    await (await import("@/lib/sync/pool")).closeSyncPool();
  } finally {
    await database.stop();
  }
}

await main();
