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

/** A connection or the pool: matching is one statement, so it needs no dedicated client. */
export type Queryable = pg.ClientBase | pg.Pool;

export function toMatchAttribute(value: string | null | undefined): MatchAttribute {
  return MATCH_ATTRIBUTES.includes(value as MatchAttribute) ? (value as MatchAttribute) : "email";
}

/** People from the identity provider's user accounts; those it no longer lists are marked removed. */
export async function refreshPeople(client: pg.ClientBase, connectorId: string, runId: string) {
  const resources = snapshotTableName("resources", runId);
  const upserted = await client.query(
    `INSERT INTO people AS p (id, identity_connector_id, external_id, display_name, email, email_key, login, login_key, status, raw_status,
                              department, title, manager_external_id, manager_name, updated_at, removed_at)
     SELECT 'p' || md5($1 || ':' || r.external_id), $1, r.external_id, r.display_name, r.email, nullif(lower(btrim(r.email)), ''),
            r.login, nullif(lower(btrim(r.login)), ''),
            CASE r.user_status WHEN 'disabled' THEN 'suspended' WHEN 'deleted' THEN 'deactivated' ELSE 'active' END,
            r.profile->>'oktaStatus', nullif(r.profile->>'department', ''), nullif(r.profile->>'title', ''),
            nullif(r.profile->>'managerId', ''), nullif(r.profile->>'manager', ''), ${NOW_UTC}, NULL
       FROM ${resources} r
      WHERE r.is_user
     ON CONFLICT (identity_connector_id, external_id) DO UPDATE
        SET display_name = EXCLUDED.display_name, email = EXCLUDED.email, email_key = EXCLUDED.email_key, login = EXCLUDED.login,
            login_key = EXCLUDED.login_key, status = EXCLUDED.status, raw_status = EXCLUDED.raw_status, department = EXCLUDED.department,
            title = EXCLUDED.title, manager_external_id = EXCLUDED.manager_external_id, manager_name = EXCLUDED.manager_name,
            updated_at = EXCLUDED.updated_at, removed_at = NULL
      WHERE (p.display_name, p.email, p.login, p.status, p.raw_status, p.department, p.title, p.manager_external_id, p.manager_name, p.removed_at)
            IS DISTINCT FROM
            (EXCLUDED.display_name, EXCLUDED.email, EXCLUDED.login, EXCLUDED.status, EXCLUDED.raw_status, EXCLUDED.department, EXCLUDED.title,
             EXCLUDED.manager_external_id, EXCLUDED.manager_name, NULL::timestamp)`,
    [connectorId],
  );
  const removed = await client.query(
    `UPDATE people p SET removed_at = ${NOW_UTC}, updated_at = ${NOW_UTC}
      WHERE p.identity_connector_id = $1 AND p.removed_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM ${resources} r WHERE r.is_user AND r.external_id = p.external_id)`,
    [connectorId],
  );
  return { changed: upserted.rowCount ?? 0, removed: removed.rowCount ?? 0 };
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

const MATCH_KEY: Record<MatchAttribute, { account: string; person: string }> = {
  email: { account: "lower(btrim(r.email))", person: "email_key" },
  username: { account: "lower(btrim(r.login))", person: "login_key" },
  externalId: { account: "r.external_id", person: "external_id" },
};

/**
 * Links each account of the run to the person its attribute names (an account matching two
 * people takes the active one, then the oldest). Manual links and unlinks keep their person;
 * automatic links whose account no longer matches are removed. Every link gets the account's
 * name, email and activity, and the run records how many accounts nobody matches.
 */
export async function matchConnectorAccounts(client: Queryable, connectorId: string, runId: string, attribute: MatchAttribute) {
  const resources = snapshotTableName("resources", runId);
  const key = MATCH_KEY[attribute];
  const { rows } = await client.query<{ linked: number; unlinked: number; unmatched: number }>(
    `WITH acc AS MATERIALIZED (
       SELECT r.resource_type_id, r.external_id, r.display_name, r.email, ${key.account} AS k,
              (r.user_status IS NULL OR r.user_status IN ('enabled', 'unspecified')) AS active
         FROM ${resources} r WHERE r.is_user
     ), cand AS MATERIALIZED (
       SELECT DISTINCT ON (a.resource_type_id, a.external_id) a.*, p.id AS person_id
         FROM acc a JOIN people p ON p.${key.person} = a.k
        ORDER BY a.resource_type_id, a.external_id, (p.removed_at IS NOT NULL), (p.status <> 'active'), p.seq
     ), changed AS (
       -- Only links that differ are written: a re-sync with nothing new locks and dirties nothing.
       SELECT c.* FROM cand c
         LEFT JOIN account_links l ON l.connector_id = $1 AND l.resource_type_id = c.resource_type_id AND l.account_external_id = c.external_id
        WHERE l.connector_id IS NULL
           OR (CASE WHEN l.manual THEN l.person_id ELSE c.person_id END, CASE WHEN l.manual THEN l.method ELSE $2 END, c.display_name, c.email, c.active)
              IS DISTINCT FROM (l.person_id, l.method, l.account_name, l.account_email, l.account_active)
     ), up AS (
       INSERT INTO account_links AS l (connector_id, resource_type_id, account_external_id, person_id, method, manual, account_name, account_email, account_active, updated_at)
       SELECT $1, c.resource_type_id, c.external_id, c.person_id, $2, false, c.display_name, c.email, c.active, ${NOW_UTC} FROM changed c
       ON CONFLICT (connector_id, resource_type_id, account_external_id) DO UPDATE
          SET person_id = CASE WHEN l.manual THEN l.person_id ELSE EXCLUDED.person_id END,
              method = CASE WHEN l.manual THEN l.method ELSE EXCLUDED.method END,
              account_name = EXCLUDED.account_name, account_email = EXCLUDED.account_email, account_active = EXCLUDED.account_active,
              updated_at = EXCLUDED.updated_at
        WHERE (CASE WHEN l.manual THEN l.person_id ELSE EXCLUDED.person_id END, CASE WHEN l.manual THEN l.method ELSE EXCLUDED.method END,
               EXCLUDED.account_name, EXCLUDED.account_email, EXCLUDED.account_active)
              IS DISTINCT FROM (l.person_id, l.method, l.account_name, l.account_email, l.account_active)
       RETURNING 1
     ), manual AS (
       -- Manual links of accounts nobody matches: refresh what the account looks like now.
       UPDATE account_links l
          SET account_name = coalesce(a.display_name, l.account_name), account_email = CASE WHEN a.external_id IS NULL THEN l.account_email ELSE a.email END,
              account_active = coalesce(a.active, false), updated_at = ${NOW_UTC}
         FROM account_links m LEFT JOIN acc a ON a.resource_type_id = m.resource_type_id AND a.external_id = m.account_external_id
        WHERE m.connector_id = $1 AND m.manual AND l.connector_id = m.connector_id AND l.resource_type_id = m.resource_type_id AND l.account_external_id = m.account_external_id
          AND NOT EXISTS (SELECT 1 FROM cand c WHERE c.resource_type_id = m.resource_type_id AND c.external_id = m.account_external_id)
          AND (coalesce(a.display_name, l.account_name), coalesce(a.active, false)) IS DISTINCT FROM (l.account_name, l.account_active)
       RETURNING 1
     ), del AS (
       DELETE FROM account_links l
        WHERE l.connector_id = $1 AND NOT l.manual
          AND NOT EXISTS (SELECT 1 FROM cand c WHERE c.resource_type_id = l.resource_type_id AND c.external_id = l.account_external_id)
       RETURNING 1
     ), unmatched AS (
       SELECT count(*)::int AS n
         FROM acc a
         LEFT JOIN account_links m ON m.connector_id = $1 AND m.manual AND m.resource_type_id = a.resource_type_id AND m.account_external_id = a.external_id
         LEFT JOIN cand c ON c.resource_type_id = a.resource_type_id AND c.external_id = a.external_id
        WHERE CASE WHEN m.manual THEN m.person_id IS NULL ELSE c.person_id IS NULL END
     ), counted AS (
       -- Runs whether or not the SELECT reads it, like every data-modifying WITH.
       UPDATE sync_runs SET unmatched_accounts = (SELECT n FROM unmatched) WHERE id = $3 RETURNING 1
     )
     SELECT (SELECT count(*) FROM up)::int AS linked, (SELECT count(*) FROM del)::int AS unlinked, (SELECT n FROM unmatched) AS unmatched,
            (SELECT count(*) FROM manual)::int AS refreshed`,
    [connectorId, attribute, runId],
  );
  return rows[0];
}

/** Called by publishSnapshot inside its transaction, after the run became current. */
export async function applyIdentityAfterPublish(client: pg.ClientBase, connectorId: string, runId: string) {
  const { rows } = await client.query<{ catalog_id: string; baton_provider: string | null; match_attribute: string }>(
    `SELECT catalog_id, baton_provider, match_attribute FROM connectors WHERE id = $1`,
    [connectorId],
  );
  const connector = rows[0];
  if (!connector) return;
  const provider = isIdentityProvider(connector.catalog_id, connector.baton_provider);
  if (!provider) {
    await matchConnectorAccounts(client, connectorId, runId, toMatchAttribute(connector.match_attribute));
    return;
  }
  await refreshPeople(client, connectorId, runId);
  await refreshDiscoveredApps(client, connectorId, runId, provider.name);
  // FOR SHARE: a connector publishing at the same time finishes first (and matches its own new
  // run after we commit), so no stale snapshot's matches can overwrite a newer one's.
  const current = await client.query<{ id: string; current_sync_run_id: string; match_attribute: string }>(
    `SELECT id, current_sync_run_id, match_attribute FROM connectors WHERE current_sync_run_id IS NOT NULL ORDER BY id FOR SHARE`,
  );
  for (const c of current.rows) await matchConnectorAccounts(client, c.id, c.current_sync_run_id, toMatchAttribute(c.match_attribute));
}
