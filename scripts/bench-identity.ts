// Matching and People figures, the part of `npm run bench:okta` that needs no upstream:
// 100,000 people (an identity provider's sync) against 1,000,000 accounts of other connectors,
// matched with the engine's set-based statement and with a bare `UPDATE … FROM` of the same
// join in the same run; then p50 / p95 of the People page and a person page.
import type pg from "pg";
import type { SyncRecord } from "@/lib/connectors/types";
import { fmt, numberArg, percentile, printTable } from "./bench-common";

const FIRST = ["Ada", "Ben", "Chloe", "Dev", "Ella", "Finn", "Gia", "Hugo", "Ines", "Jon", "Kai", "Lena", "Milo", "Nora", "Omar", "Pia"];
const LAST = ["Ng", "Smith", "Garcia", "Kim", "Müller", "Rossi", "Dubois", "Silva", "Khan", "Ito", "Novak", "Berg"];
const email = (i: number) => `${FIRST[(i * 7) % FIRST.length]}.${LAST[(i * 13) % LAST.length]}.${i}@example.com`.toLowerCase();

export async function* identities(people: number): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  for (let i = 0; i < people; i++) {
    const status = i % 50 === 0 ? "deleted" : i % 31 === 0 ? "disabled" : "enabled";
    yield {
      type: "resource",
      resourceTypeId: "user",
      id: `00u${i}`,
      displayName: `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 13) % LAST.length]} ${i}`,
      user: { email: email(i), login: email(i), status },
      profile: { oktaStatus: status === "deleted" ? "DEPROVISIONED" : status === "disabled" ? "SUSPENDED" : "ACTIVE", department: `Dept ${i % 40}`, managerId: i > 0 ? `00u${Math.floor(i / 8)}` : null },
    };
  }
}

/** An app's accounts: 90% match a person (some in upper case), the rest are strangers. */
export async function* appAccounts(app: number, count: number, people: number): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resource", resourceTypeId: "user", id: "role-holder", displayName: "Role", user: {} };
  yield { type: "entitlement", id: "role:admin", resource: { resourceTypeId: "user", id: "role-holder" }, displayName: "Admin", slug: "admin", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  for (let i = 0; i < count; i++) {
    const person = (i * 7 + app * 1_009) % people;
    const address = i % 10 === 9 ? `stranger.${app}.${i}@elsewhere.test` : i % 4 === 0 ? email(person).toUpperCase() : email(person);
    yield { type: "resource", resourceTypeId: "user", id: `a${app}-${i}`, displayName: address, user: { email: address, status: "enabled" } };
    if (i % 5 === 0) yield { type: "grant", id: `g${app}-${i}`, entitlementId: "role:admin", principal: { resourceTypeId: "user", id: `a${app}-${i}` } };
  }
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await fn();
  return [performance.now() - started, value];
}

async function samples(iterations: number, fn: () => Promise<unknown>) {
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) out.push((await time(fn))[0]);
  return `${fmt(percentile(out, 50), 1)} / ${fmt(percentile(out, 95), 1)} ms`;
}

export async function benchIdentity(pool: pg.Pool, options: { people?: number; accounts?: number; apps?: number; iterations?: number } = {}) {
  const people = options.people ?? numberArg("people", 100_000);
  const accounts = options.accounts ?? numberArg("accounts", 1_000_000);
  const apps = options.apps ?? 10;
  const iterations = options.iterations ?? numberArg("iterations", 200);
  const { ingestRecords } = await import("@/lib/sync");
  const { matchConnectorAccounts } = await import("@/lib/sync/identity");
  await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ('idpapp', 'Okta', true, now())`);
  await pool.query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ('idp', 'okta', 'Okta', 'idpapp', 'SYNCING', now())`);
  const [peopleMs] = await time(() => ingestRecords("idp", identities(people), { trigger: "upload" }));
  const per = Math.ceil(accounts / apps);
  let loadMs = 0;
  for (let a = 0; a < apps; a++) {
    await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, $2, true, now())`, [`app${a}`, `App ${a}`]);
    await pool.query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ($1, 'baton', $2, $3, 'SYNCING', now())`, [`con${a}`, `App ${a}`, `app${a}`]);
    loadMs += (await time(() => ingestRecords(`con${a}`, appAccounts(a, per, people), { trigger: "upload" })))[0];
  }
  await pool.query("VACUUM ANALYZE");
  const runs = (await pool.query<{ id: string; run: string }>(`SELECT id, current_sync_run_id AS run FROM connectors WHERE id LIKE 'con%' ORDER BY id`)).rows;

  // The engine's statement from an empty link table, then again with nothing to change.
  await pool.query(`DELETE FROM account_links WHERE NOT manual`);
  await pool.query("VACUUM ANALYZE account_links");
  await pool.query("CHECKPOINT");
  // Each in its own transaction, as publish runs it.
  const client = await pool.connect();
  const match = async (connectorId: string, run: string) => {
    await client.query("BEGIN");
    const result = await matchConnectorAccounts(client, connectorId, run, "email");
    await client.query("COMMIT");
    return result;
  };
  let matchMs = 0;
  let linked = 0;
  for (const r of runs) {
    const [ms, result] = await time(() => match(r.id, r.run));
    matchMs += ms;
    linked += result.linked;
  }
  let steadyMs = 0;
  for (const r of runs) steadyMs += (await time(() => match(r.id, r.run)))[0];
  client.release();

  // The yardstick: the same join as one bare UPDATE … FROM on a copy of the accounts.
  await pool.query(`DROP TABLE IF EXISTS bench_accounts; CREATE TABLE bench_accounts AS
    SELECT r.connector_id, r.resource_type_id, r.external_id, r.email, NULL::text AS person_id FROM resources r JOIN connectors c ON c.current_sync_run_id = r.sync_run_id WHERE c.id LIKE 'con%' AND r.is_user`);
  await pool.query("VACUUM ANALYZE bench_accounts");
  await pool.query("CHECKPOINT");
  // With the same memory the engine gets, so the ratio compares work, not settings.
  const [bareMs, bare] = await time(() =>
    pool.query(`BEGIN; SET LOCAL work_mem = '64MB'; UPDATE bench_accounts s SET person_id = p.id FROM people p WHERE p.email_key = lower(btrim(s.email)); COMMIT`),
  );
  await pool.query(`DROP TABLE bench_accounts`);

  // A second yardstick: the same join as one bare INSERT … SELECT into a copy of the link
  // table with its keys and indexes, empty: what the first match cannot do with less.
  await pool.query(`DROP TABLE IF EXISTS bench_links; CREATE TABLE bench_links (LIKE account_links INCLUDING ALL)`);
  await pool.query("CHECKPOINT");
  const [insertMs] = await time(() =>
    pool.query(`BEGIN; SET LOCAL work_mem = '64MB';
      INSERT INTO bench_links (connector_id, resource_type_id, account_external_id, person_id, method, account_name, account_email)
      SELECT r.connector_id, r.resource_type_id, r.external_id, p.id, 'email', r.display_name, r.email
        FROM resources r JOIN connectors c ON c.current_sync_run_id = r.sync_run_id LEFT JOIN people p ON p.email_key = lower(btrim(r.email))
       WHERE c.id LIKE 'con%' AND r.is_user; COMMIT`),
  );
  await pool.query(`DROP TABLE bench_links`);

  const { listPeople, getPerson, listPersonAccess } = await import("@/lib/data/people");
  const { listOrphanedAccess } = await import("@/lib/data/access-gaps");
  const { listUnmatchedAccounts } = await import("@/lib/data/unmatched-accounts");
  const middle = await listPeople({}, Math.floor(people / 2));
  const busy = (await pool.query<{ person_id: string }>(`SELECT person_id FROM account_links WHERE person_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).rows[0].person_id;
  const pages: [string, string][] = [
    ["People, first page", await samples(iterations, () => listPeople({}, 50))],
    ["People, middle page", await samples(iterations, () => listPeople({ after: middle.next ?? undefined }, 50))],
    ["People, search", await samples(iterations, () => listPeople({ q: "milo" }, 50))],
    ["Person page (person + all access)", await samples(iterations, () => Promise.all([getPerson(busy), listPersonAccess(busy)]))],
    ["Orphaned access, first page", await samples(Math.min(iterations, 50), () => listOrphanedAccess({}, 50))],
    ["Unmatched accounts, first page", await samples(iterations, () => listUnmatchedAccounts({}, 50))],
    ["Unmatched accounts, one app", await samples(iterations, () => listUnmatchedAccounts({ appId: "app3" }, 50))],
    ["Unmatched accounts, search", await samples(iterations, () => listUnmatchedAccounts({ q: "stranger.4" }, 50))],
  ];
  const ratio = matchMs / bareMs;
  console.log(`\nMatching: ${fmt(people)} people against ${fmt(runs.length * per)} accounts of ${runs.length} connectors`);
  printTable([
    ["people sync (ingest + publish)", `${fmt(peopleMs / 1000, 1)} s`],
    ["accounts load", `${fmt(loadMs / 1000, 1)} s`],
    ["match, from empty", `${fmt(matchMs)} ms, ${fmt(linked)} links`],
    ["match again, nothing changed", `${fmt(steadyMs)} ms`],
    ["bare UPDATE … FROM, same join", `${fmt(bareMs)} ms, ${fmt((bare as unknown as pg.QueryResult[])[2]?.rowCount ?? 0)} rows`],
    ["match / bare UPDATE", `${fmt(ratio, 2)} from empty, ${fmt(steadyMs / bareMs, 2)} nothing changed (target ≤ 2)`],
    ["bare INSERT into the indexed link table", `${fmt(insertMs)} ms; match from empty / bare INSERT ${fmt(matchMs / insertMs, 2)}`],
  ]);
  console.log(`\nPages, p50 / p95 server time (lib/data queries), ${iterations} iterations`);
  printTable(pages);
  return { ratio, pages };
}
