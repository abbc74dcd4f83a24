// What a published snapshot means for people, in the publish transaction (so a failed sync
// changes none of it, and readers never see a snapshot without its matches):
// - an identity provider's sync refreshes People and the apps it discovered, then re-matches
//   the accounts of every connector (people may have changed);
// - any other sync re-matches only its own accounts.
// Each step is one set-based statement over the run's own tables: no per-row round trips.
import type pg from "pg";
import { isIdentityProvider } from "@/lib/connectors/identity";
import { NOW_UTC } from "./pool";
import { snapshotTableName } from "./snapshot-tables";

export type MatchAttribute = "email" | "username" | "externalId";
export const MATCH_ATTRIBUTES: readonly MatchAttribute[] = ["email", "username", "externalId"];

// A connector's accounts sort and hash in memory (100,000 accounts need ~40 MB): at the
// default 4 MB they spill to disk and matching takes twice as long. Set for the transaction only.
const MATCH_WORK_MEM = "64MB";

export function toMatchAttribute(value: string | null | undefined): MatchAttribute {
  return MATCH_ATTRIBUTES.includes(value as MatchAttribute) ? (value as MatchAttribute) : "email";
}

/** People from the identity provider's user accounts; those it no longer lists are marked removed. */
export async function refreshPeople(client: pg.ClientBase, connectorId: string, runId: string) {
  const resources = snapshotTableName("resources", runId);
  // New people by a plain INSERT, changed ones by an UPDATE (ON CONFLICT's speculative
  // insertion costs half as much again at 100,000 people): only this connector's publish
  // writes its people, and its runs are serialised (lib/sync/locks.ts), so none appears meanwhile.
  const written = await client.query<{ n: number }>(
    `WITH src AS (
       SELECT 'p' || md5($1 || ':' || r.external_id) AS id, r.external_id, r.display_name, r.email, nullif(lower(btrim(r.email)), '') AS email_key,
              r.login, nullif(lower(btrim(r.login)), '') AS login_key,
              CASE r.user_status WHEN 'disabled' THEN 'suspended' WHEN 'deleted' THEN 'deactivated' ELSE 'active' END AS status,
              r.profile->>'oktaStatus' AS raw_status, nullif(r.profile->>'department', '') AS department, nullif(r.profile->>'title', '') AS title,
              nullif(r.profile->>'managerId', '') AS manager_external_id, nullif(r.profile->>'manager', '') AS manager_name
         FROM ${resources} r
        WHERE r.is_user
     ), ins AS (
       INSERT INTO people (id, identity_connector_id, external_id, display_name, email, email_key, login, login_key, status, raw_status,
                           department, title, manager_external_id, manager_name, updated_at, removed_at)
       SELECT s.id, $1, s.external_id, s.display_name, s.email, s.email_key, s.login, s.login_key, s.status, s.raw_status,
              s.department, s.title, s.manager_external_id, s.manager_name, ${NOW_UTC}, NULL
         FROM src s
        WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.identity_connector_id = $1 AND p.external_id = s.external_id)
       RETURNING 1
     ), upd AS (
       UPDATE people p
          SET display_name = s.display_name, email = s.email, email_key = s.email_key, login = s.login, login_key = s.login_key, status = s.status,
              raw_status = s.raw_status, department = s.department, title = s.title, manager_external_id = s.manager_external_id,
              manager_name = s.manager_name, updated_at = ${NOW_UTC}, removed_at = NULL
         FROM src s
        WHERE p.identity_connector_id = $1 AND p.external_id = s.external_id
          AND (p.display_name, p.email, p.login, p.status, p.raw_status, p.department, p.title, p.manager_external_id, p.manager_name, p.removed_at)
              IS DISTINCT FROM
              (s.display_name, s.email, s.login, s.status, s.raw_status, s.department, s.title, s.manager_external_id, s.manager_name, NULL::timestamp)
       RETURNING 1
     )
     SELECT ((SELECT count(*) FROM ins) + (SELECT count(*) FROM upd))::int AS n`,
    [connectorId],
  );
  const removed = await client.query(
    `UPDATE people p SET removed_at = ${NOW_UTC}, updated_at = ${NOW_UTC}
      WHERE p.identity_connector_id = $1 AND p.removed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM ${resources} r WHERE r.is_user AND r.external_id = p.external_id)`,
    [connectorId],
  );
  return { changed: written.rows[0]?.n ?? 0, removed: removed.rowCount ?? 0 };
}

/**
 * Every app of the identity provider as an app here: new ones unmanaged, known ones refreshed
 * (a managed app keeps its name), missing ones marked gone, never deleted. The count is of
 * distinct people assigned directly or through an assigned group.
 */
export async function refreshDiscoveredApps(client: pg.ClientBase, connectorId: string, runId: string, providerName: string) {
  const resources = snapshotTableName("resources", runId);
  const grants = snapshotTableName("grants", runId);
  const upserted = await client.query(
    `WITH assigned AS (
       SELECT split_part(g.entitlement_id, ':', 2) AS app, g.principal_external_id AS person
         FROM ${grants} g WHERE g.entitlement_id LIKE 'app:%:assigned' AND g.principal_type_id = 'user'
       UNION
       SELECT split_part(ga.entitlement_id, ':', 2), gm.principal_external_id
         FROM ${grants} ga JOIN ${grants} gm ON gm.entitlement_id = 'group:' || ga.principal_external_id || ':member' AND gm.principal_type_id = 'user'
        WHERE ga.entitlement_id LIKE 'app:%:assigned' AND ga.principal_type_id = 'group'
     ), counts AS (SELECT app, count(*)::int AS people FROM assigned GROUP BY app)
     INSERT INTO applications AS a (id, name, description, managed, discovered_from, discovered_accounts, discovered_by_connector_id,
                                    discovered_external_id, discovered_label, logo_url, discovered_gone_at, created_at, updated_at)
     SELECT 'a' || md5($1 || ':' || r.external_id), r.display_name, coalesce(r.description, ''), false, $2, coalesce(c.people, 0), $1,
            r.external_id, r.display_name, nullif(r.profile->>'logoUrl', ''), NULL, ${NOW_UTC}, ${NOW_UTC}
       FROM ${resources} r LEFT JOIN counts c ON c.app = r.external_id
      WHERE r.resource_type_id = 'app'
     ON CONFLICT (discovered_by_connector_id, discovered_external_id) DO UPDATE
        SET name = CASE WHEN a.managed THEN a.name ELSE EXCLUDED.name END, discovered_label = EXCLUDED.discovered_label,
            discovered_accounts = EXCLUDED.discovered_accounts, logo_url = EXCLUDED.logo_url, discovered_from = EXCLUDED.discovered_from,
            discovered_gone_at = NULL, updated_at = EXCLUDED.updated_at
      WHERE (a.discovered_label, a.discovered_accounts, a.logo_url, a.discovered_gone_at, a.discovered_from)
            IS DISTINCT FROM (EXCLUDED.discovered_label, EXCLUDED.discovered_accounts, EXCLUDED.logo_url, NULL::timestamp, EXCLUDED.discovered_from)`,
    [connectorId, providerName],
  );
  const gone = await client.query(
    `UPDATE applications a SET discovered_gone_at = ${NOW_UTC}, updated_at = ${NOW_UTC}
      WHERE a.discovered_by_connector_id = $1 AND a.discovered_gone_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM ${resources} r WHERE r.resource_type_id = 'app' AND r.external_id = a.discovered_external_id)`,
    [connectorId],
  );
  return { changed: upserted.rowCount ?? 0, gone: gone.rowCount ?? 0 };
}

/**
 * Serialises the writers of one connector's link rows (a match, a manual link) until the
 * transaction ends, so the match can INSERT rows it found missing without a conflict check.
 */
export async function lockConnectorLinks(client: pg.ClientBase, connectorId: string) {
  await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('account_links:' || $1, 0))`, [connectorId]);
}

const MATCH_KEY: Record<MatchAttribute, { account: string; person: string }> = {
  email: { account: "lower(btrim(r.email))", person: "email_key" },
  username: { account: "lower(btrim(r.login))", person: "login_key" },
  externalId: { account: "r.external_id", person: "external_id" },
};

/**
 * Gives every account of the run its link row: the person its attribute names (an account
 * matching two people takes the active one, then the oldest), or none (an unmatched account,
 * so the Unmatched accounts tab reads one partial index instead of scanning snapshots). Manual
 * links and unlinks keep their person, and stay (marked not present) while their account is
 * missing; automatic rows of accounts that are gone are removed. Rows carry the account's name,
 * email and activity, and the run records how many accounts nobody matches and how many are
 * orphaned access (active, their person gone).
 *
 * One pass: the accounts, the best person per key and the connector's existing rows are joined
 * once (a FULL JOIN, so what is gone shows as well), and only rows that differ are written: a
 * re-sync with nothing new dirties nothing.
 */
export async function matchConnectorAccounts(client: pg.ClientBase, connectorId: string, runId: string, attribute: MatchAttribute) {
  const resources = snapshotTableName("resources", runId);
  const key = MATCH_KEY[attribute];
  // The caller holds a transaction (publish, a reset, a change of attribute): SET LOCAL and the lock end with it.
  await lockConnectorLinks(client, connectorId);
  await client.query(`SET LOCAL work_mem = '${MATCH_WORK_MEM}'`);
  const { rows } = await client.query<{ linked: number; unlinked: number; unmatched: number; kept: number }>(
    `WITH acc AS (
       SELECT r.resource_type_id, r.external_id, r.display_name, r.email, ${key.account} AS k,
              (r.user_status IS NULL OR r.user_status IN ('enabled', 'unspecified')) AS active
         FROM ${resources} r WHERE r.is_user
     ), best AS (
       -- Per key, the person an account goes to: active before not, present before removed,
       -- then the oldest. An anti-join, not DISTINCT ON: it hashes instead of sorting everyone.
       SELECT p.${key.person} AS k, p.id FROM people p
        WHERE p.${key.person} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM people q WHERE q.${key.person} = p.${key.person} AND q.id <> p.id
                AND ((q.removed_at IS NOT NULL), (q.status <> 'active'), q.seq) < ((p.removed_at IS NOT NULL), (p.status <> 'active'), p.seq))
     ), m AS MATERIALIZED (
       SELECT a.resource_type_id, a.external_id, a.display_name, a.email, a.active, b.id AS matched,
              l.resource_type_id AS l_type, l.account_external_id AS l_id, l.person_id AS l_person, l.method AS l_method, l.manual AS l_manual,
              l.account_name AS l_name, l.account_email AS l_email, l.account_active AS l_active, l.account_present AS l_present
         FROM acc a LEFT JOIN best b ON b.k = a.k
         FULL JOIN (SELECT * FROM account_links WHERE connector_id = $1) l ON l.resource_type_id = a.resource_type_id AND l.account_external_id = a.external_id
     ), ins AS (
       -- Accounts without a row yet (a new account, a first match): a plain INSERT, half the
       -- cost of ON CONFLICT's speculative insertion. Safe because every writer of a
       -- connector's rows holds its lock (lockConnectorLinks), so no row appears meanwhile.
       INSERT INTO account_links (connector_id, resource_type_id, account_external_id, person_id, method, manual, account_name, account_email, account_active, account_present, updated_at)
       SELECT $1, m.resource_type_id, m.external_id, m.matched, $2, false, m.display_name, m.email, m.active, true, ${NOW_UTC}
         FROM m WHERE m.external_id IS NOT NULL AND m.l_id IS NULL
       RETURNING (person_id IS NOT NULL) AS linked
     ), upd AS (
       -- Rows that differ from what the snapshot says; a manual row keeps its person.
       UPDATE account_links l
          SET person_id = CASE WHEN m.l_manual THEN m.l_person ELSE m.matched END, method = CASE WHEN m.l_manual THEN m.l_method ELSE $2 END,
              account_name = m.display_name, account_email = m.email, account_active = m.active, account_present = true, updated_at = ${NOW_UTC}
         FROM m
        WHERE m.external_id IS NOT NULL AND m.l_id IS NOT NULL
          AND l.connector_id = $1 AND l.resource_type_id = m.l_type AND l.account_external_id = m.l_id
          AND (CASE WHEN m.l_manual THEN m.l_person ELSE m.matched END, CASE WHEN m.l_manual THEN m.l_method ELSE $2 END, m.display_name, m.email, m.active, true)
              IS DISTINCT FROM (m.l_person, m.l_method, m.l_name, m.l_email, m.l_active, m.l_present)
       RETURNING (l.person_id IS NOT NULL) AS linked
     ), gone AS (
       -- Accounts the snapshot no longer has: automatic rows go, manual ones stay, marked.
       DELETE FROM account_links l USING m
        WHERE m.external_id IS NULL AND NOT m.l_manual
          AND l.connector_id = $1 AND l.resource_type_id = m.l_type AND l.account_external_id = m.l_id
       RETURNING 1
     ), kept AS (
       UPDATE account_links l SET account_present = false, account_active = false, updated_at = ${NOW_UTC}
         FROM m
        WHERE m.external_id IS NULL AND m.l_manual AND m.l_present
          AND l.connector_id = $1 AND l.resource_type_id = m.l_type AND l.account_external_id = m.l_id
       RETURNING 1
     ), tally AS (
       -- One pass for both figures: accounts nobody matches, and orphaned access (active
       -- accounts whose person has left: suspended or deactivated).
       SELECT count(*) FILTER (WHERE t.person IS NULL)::int AS unmatched, count(*) FILTER (WHERE t.active AND gone.id IS NOT NULL)::int AS orphaned
         FROM (SELECT CASE WHEN m.l_manual THEN m.l_person ELSE m.matched END AS person, m.active FROM m WHERE m.external_id IS NOT NULL) t
         LEFT JOIN people gone ON gone.id = t.person AND gone.status <> 'active'
     ), counted AS (
       -- Runs whether or not the SELECT reads it, like every data-modifying WITH.
       UPDATE sync_runs SET unmatched_accounts = tally.unmatched, orphaned_accounts = tally.orphaned FROM tally WHERE id = $3 RETURNING 1
     )
     SELECT ((SELECT count(*) FILTER (WHERE linked) FROM ins) + (SELECT count(*) FILTER (WHERE linked) FROM upd))::int AS linked, (SELECT count(*) FROM gone)::int AS unlinked,
            (SELECT unmatched FROM tally) AS unmatched, (SELECT count(*) FROM kept)::int AS kept`,
    [connectorId, attribute, runId],
  );
  return rows[0];
}

/** Called by publishSnapshot inside its transaction, after the run became current. */
export async function applyIdentityAfterPublish(client: pg.ClientBase, connectorId: string, runId: string, timings: Record<string, number> = {}) {
  const timed = async <T>(name: string, step: () => Promise<T>) => {
    const started = performance.now();
    try {
      return await step();
    } finally {
      timings[name] = (timings[name] ?? 0) + performance.now() - started;
    }
  };
  const { rows } = await client.query<{ catalog_id: string; baton_provider: string | null; match_attribute: string }>(
    `SELECT catalog_id, baton_provider, match_attribute FROM connectors WHERE id = $1`,
    [connectorId],
  );
  const connector = rows[0];
  if (!connector) return;
  const provider = isIdentityProvider(connector.catalog_id, connector.baton_provider);
  if (!provider) {
    await timed("matchMs", () => matchConnectorAccounts(client, connectorId, runId, toMatchAttribute(connector.match_attribute)));
    return;
  }
  await timed("peopleMs", () => refreshPeople(client, connectorId, runId));
  await timed("discoveredAppsMs", () => refreshDiscoveredApps(client, connectorId, runId, provider.name));
  // FOR SHARE: a connector publishing at the same time finishes first (and matches its own new
  // run after we commit), so no stale snapshot's matches can overwrite a newer one's.
  const current = await client.query<{ id: string; current_sync_run_id: string; match_attribute: string }>(
    `SELECT id, current_sync_run_id, match_attribute FROM connectors WHERE current_sync_run_id IS NOT NULL ORDER BY id FOR SHARE`,
  );
  for (const c of current.rows) await timed("matchMs", () => matchConnectorAccounts(client, c.id, c.current_sync_run_id, toMatchAttribute(c.match_attribute)));
}
