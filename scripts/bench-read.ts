// `npm run bench:read [-- --accounts 1000000 --grants 3400000 --audit 1000000 --people 1000000
// --iterations 100 --no-http --only "Accounts" --hold]`: every data page of the console at the scale of
// baton-sdk's profiling case (one app with 1,000,000 accounts and 3,400,000 grants, written
// through the sync engine; a million audit events and a million people), each measured three
// ways, p50 / p95:
//   bare SQL   the statements the page's lib/data calls send, captured once and replayed;
//   lib/data   the page's lib/data calls themselves (statements, Prisma where it remains, mapping);
//   page       the whole page from the production server (`next start`), signed in as an admin.
// The pages are listed in scripts/bench-read-pages.ts (add new ones there). Then the first-load
// JS of every route (scripts/bench-bundle.ts), when a production build exists.
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { fmt, flagArg, machine, numberArg, percentile, startBenchDatabase } from "./bench-common";
import { fixtureFor, fillAdminData, organisation } from "./bench-read-data";
import { PAGE_GROUPS, type PageCase } from "./bench-read-pages";
import { startAppServer, timePage } from "./bench-read-http";

const accounts = numberArg("accounts", 1_000_000);
const grants = numberArg("grants", 3_400_000);
const auditEvents = numberArg("audit", 1_000_000);
const people = numberArg("people", 1_000_000);
const iterations = numberArg("iterations", 100);
const WARMUP = 10;
const PAGE_BUDGET_MS = 50;
const SQL_RATIO_BUDGET = 3;
const only = (() => {
  const index = process.argv.indexOf("--only");
  // Comma-separated: a page is measured when its label or its group's name contains one of them.
  return index < 0 ? null : String(process.argv[index + 1]).toLowerCase().split(",").map((term) => term.trim()).filter(Boolean);
})();
const picked = (...names: string[]) => !only || only.some((term) => names.some((name) => name.toLowerCase().includes(term)));

type Statement = string | { text: string; values?: unknown[] };
type QueryFn = (statement: Statement, values?: unknown[]) => Promise<pg.QueryResult>;

/** The statements `work` sends through the pool (Prisma's adapter included), in order. */
async function captureStatements(pool: pg.Pool, work: () => Promise<unknown>): Promise<{ statement: Statement; values?: unknown[] }[]> {
  const captured: { statement: Statement; values?: unknown[] }[] = [];
  const target = pool as unknown as { query: QueryFn };
  const original = target.query;
  target.query = (statement, values) => {
    captured.push({ statement, values });
    return original.call(pool, statement, values);
  };
  try {
    await work();
  } finally {
    target.query = original;
  }
  return captured;
}

type Row = { label: string; statements: number; sql: number[]; data: number[]; page: number[] };

async function measure(pool: pg.Pool, c: PageCase, server: Awaited<ReturnType<typeof startAppServer>> | null): Promise<Row> {
  const statements = await captureStatements(pool, c.data);
  const query = pool.query.bind(pool) as unknown as QueryFn;
  const row: Row = { label: c.label, statements: statements.length, sql: [], data: [], page: [] };
  for (let i = 0; i < iterations + WARMUP; i++) {
    let started = performance.now();
    for (const s of statements) await query(s.statement, s.values);
    const sql = performance.now() - started;
    started = performance.now();
    await c.data();
    const data = performance.now() - started;
    const page = server ? await timePage(server, c.path, c.expect) : 0;
    if (i < WARMUP) continue;
    row.sql.push(sql);
    row.data.push(data);
    row.page.push(page);
  }
  return row;
}

const p = (values: number[]) => `${fmt(percentile(values, 50), 1)} / ${fmt(percentile(values, 95), 1)}`;

function printRows(rows: Row[], http: boolean) {
  const header = ["page", "stmts", "bare SQL", "lib/data", "×SQL", ...(http ? ["page render"] : []), "verdict"];
  const table = rows.map((r) => {
    const ratio = percentile(r.data, 95) / Math.max(percentile(r.sql, 95), 0.05);
    const pageP95 = http ? percentile(r.page, 95) : percentile(r.data, 95);
    const ok = pageP95 <= PAGE_BUDGET_MS && ratio <= SQL_RATIO_BUDGET;
    return [r.label, String(r.statements), p(r.sql), p(r.data), fmt(ratio, 1), ...(http ? [p(r.page)] : []), ok ? "ok" : "MISS"];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")}`;
  console.log(line(header));
  for (const t of table) console.log(line(t));
  console.log("\n  Markdown (for the README):\n");
  console.log(`  | ${header.join(" | ")} |\n  |${header.map(() => "---").join("|")}|`);
  for (const t of table) console.log(`  | ${t.join(" | ")} |`);
}

async function main() {
  console.log(`bench:read — ${fmt(accounts)} accounts, ${fmt(grants)} grants, ${fmt(auditEvents)} audit events, ${fmt(people)} people; ${iterations} iterations per page after ${WARMUP} warm-up`);
  console.log(`Machine: ${machine()}`);
  const database = await startBenchDatabase();
  try {
    const { getPool } = await import("@/lib/db/client");
    const { hashPassword } = await import("@/lib/password");
    const { ingestRecords, stopSyncQueue } = await import("@/lib/sync");
    const pool = getPool();
    const fixture = fixtureFor({ accounts, grants, auditEvents, people });
    const password = randomBytes(12).toString("base64url");
    await pool.query(`INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ('benchuser', 'admin@example.com', 'Admin', 'SUPER_ADMIN', $1, now())`, [await hashPassword(password)]);
    await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, 'Directory', true, now())`, [fixture.appId]);
    await pool.query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ($1, 'baton', 'Directory', $2, 'SYNCING', now())`, [fixture.connectorId, fixture.appId]);
    let started = performance.now();
    const { counts } = await ingestRecords(fixture.connectorId, organisation(fixture), { trigger: "upload" });
    console.log(`Loaded ${fmt(counts.accounts)} accounts, ${fmt(counts.entitlements)} entitlements and ${fmt(counts.grants)} grants in ${fmt((performance.now() - started) / 1000, 1)} s`);
    started = performance.now();
    await fillAdminData(pool, fixture);
    await pool.query("VACUUM ANALYZE"); // the state a database settles in between syncs
    console.log(`Wrote the audit events, people and apps in ${fmt((performance.now() - started) / 1000, 1)} s`);

    if (flagArg("hold")) {
      console.log(`Holding the database for EXPLAIN (Ctrl-C to stop): psql '${database.url}'`);
      await new Promise(() => {});
    }
    const admin = { id: "benchuser", email: "admin@example.com", name: "Admin", role: "SUPER_ADMIN" as const };
    const server = flagArg("no-http") ? null : await startAppServer(process.env, { email: admin.email, password });
    const rows: Row[] = [];
    try {
      if (server) {
        // For scale: the console shell alone (session check, layout, a one-line page).
        rows.push(await measure(pool, { label: "console shell alone (/forbidden)", path: "/forbidden", expect: "do not have access", data: async () => {} }, server));
      }
      for (const group of PAGE_GROUPS) {
        for (const c of await group.cases({ fixture, admin })) {
          if (!picked(c.label, group.name)) continue;
          const row = await measure(pool, c, server);
          rows.push(row);
          console.log(`  measured ${row.label}: page p95 ${fmt(percentile(server ? row.page : row.data, 95), 1)} ms`);
        }
      }
    } finally {
      server?.stop();
    }
    console.log(`\nResult (ms, p50 / p95; ×SQL is lib/data p95 over bare SQL p95; budget: page p95 ≤ ${PAGE_BUDGET_MS} ms and ×SQL ≤ ${SQL_RATIO_BUDGET})`);
    printRows(rows, !!server);
    const misses = rows.filter((r) => percentile(server ? r.page : r.data, 95) > PAGE_BUDGET_MS || percentile(r.data, 95) / Math.max(percentile(r.sql, 95), 0.05) > SQL_RATIO_BUDGET);
    console.log(`\n${misses.length === 0 ? "PASS" : "FAIL"}: ${misses.length} of ${rows.length} pages over budget${misses.length ? `: ${misses.map((m) => m.label).join("; ")}` : ""}`);
    if (misses.length && !flagArg("no-fail")) process.exitCode = 1;
    await stopSyncQueue();
    await pool.end();
    await (await import("@/lib/sync/pool")).closeSyncPool();
  } finally {
    await database.stop();
  }
  if (!flagArg("no-bundle")) {
    const { existsSync } = await import("node:fs");
    if (existsSync(".next/BUILD_ID")) {
      const { measureRoutes, BUDGET_KB } = await import("./bench-bundle");
      const routes = measureRoutes().filter((r) => r.console).sort((a, b) => b.gzipKb - a.gzipKb);
      console.log(`\nFirst-load JS (gzip), worst three console routes of ${routes.length}: ${routes.slice(0, 3).map((r) => `${r.route} ${fmt(r.gzipKb, 1)} kB`).join(", ")} (budget ${BUDGET_KB} kB; all routes: npm run bench:bundle)`);
    }
  }
}

await main();
