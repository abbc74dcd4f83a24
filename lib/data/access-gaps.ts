// Orphaned access, a list a governance team works from (unmatched accounts are the other, in
// unmatched-accounts.ts): accounts still active in an app whose person is suspended or
// deactivated in the identity provider, with the grants they hold. An identity provider's own
// accounts are the people themselves and are left out.
import type pg from "pg";
import { getPool } from "@/lib/db/client";
import { appRuns, type CurrentRun } from "./app-runs";
import { encodeCursor, finishPage, planKeyset, type Page } from "./keyset";

export type GapAccount = {
  rowId: string;
  appId: string;
  appName: string;
  connectorId: string;
  resourceTypeId: string;
  externalId: string;
  name: string;
  email: string | null;
  status: string | null;
};

type DbGap = { id: string; app_id: string; app_name: string; connector_id: string; resource_type_id: string; external_id: string; display_name: string; email: string | null; user_status: string | null; sort_key: string };

const toGap = (r: DbGap): GapAccount => ({
  rowId: r.id,
  appId: r.app_id,
  appName: r.app_name,
  connectorId: r.connector_id,
  resourceTypeId: r.resource_type_id,
  externalId: r.external_id,
  name: r.display_name,
  email: r.email,
  status: r.user_status,
});

/** The direction a keyset plan reads in, for an outer query that re-sorts its page. */
const direction = (orderBy: string) => (orderBy.endsWith("DESC") ? "DESC" : "ASC");

export type OrphanedAccount = GapAccount & { personId: string; personName: string; personEmail: string | null; personStatus: string; grants: number; entitlements: string[] };

// The links carry the account's name and activity (copied at each match), so orphaned access
// never joins the snapshots except for the grants of the page's own rows.
const ORPHANED_FROM = `FROM people p
       JOIN account_links l ON l.person_id = p.id AND l.account_active
      WHERE p.status <> 'active' AND l.connector_id = ANY($1::text[])`;

/**
 * People who left and still have an active account, in name order: a walk of the partial
 * name index of people who left, each probed for one active link. A scalar subquery, not
 * EXISTS: EXISTS becomes a semi-join that hashes every link of every app (~200 ms at a million
 * accounts) before the first row; this stops at the page (~1 ms).
 */
const orphanedPeople = (where: string, orderBy: string, limit: number) =>
  `SELECT p.id, p.seq, lower(p.display_name) AS sort_key FROM people p
    WHERE p.status <> 'active' AND ${where}
      AND (SELECT true FROM account_links l WHERE l.person_id = p.id AND l.account_active AND l.connector_id = ANY($1::text[]) LIMIT 1)
    ORDER BY ${orderBy} LIMIT ${limit}`;

/** Orphaned access, by person, each account with its grant count and first entitlements. */
export async function listOrphanedAccess(query: { after?: string; before?: string }, size: number): Promise<Page<OrphanedAccount>> {
  const runs = await appRuns();
  if (!runs.length) return { rows: [], total: 0, totalCapped: false, next: null, prev: null };
  const base: unknown[] = [runs.map((r) => r.connector_id)];
  const plan = planKeyset({ keyExpr: "lower(p.display_name)", idExpr: "p.seq", dir: "asc", after: query.after, before: query.before, first: base.length + 1, keyCast: "text" });
  // Keyset by person; a person's accounts come together on their page (a person holds few).
  const { rows } = await getPool().query<DbGap & { seq: string; person_id: string; person_name: string; person_email: string | null; person_status: string; grants: number; entitlements: string[] | null }>(
    `WITH page AS (${orphanedPeople(plan.where, plan.orderBy, size + 1)})
     SELECT l.account_external_id AS external_id, l.resource_type_id, l.connector_id, l.account_name AS display_name, l.account_email AS email, 'enabled' AS user_status,
            pg.seq::text AS seq, pg.sort_key, p.id AS person_id, p.display_name AS person_name, p.email AS person_email, p.status AS person_status,
            a.id AS app_id, a.name AS app_name, c.current_sync_run_id || ':' || l.resource_type_id || ':' || l.account_external_id AS id, g.grants, g.entitlements
       FROM page pg JOIN people p ON p.id = pg.id
       JOIN account_links l ON l.person_id = p.id AND l.account_active AND l.connector_id = ANY($1::text[])
       JOIN connectors c ON c.id = l.connector_id JOIN applications a ON a.id = c.application_id
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS grants, (array_agg(coalesce(e.display_name, gr.entitlement_id) ORDER BY e.display_name))[1:5] AS entitlements
           FROM grants gr LEFT JOIN entitlements e ON e.sync_run_id = gr.sync_run_id AND e.external_id = gr.entitlement_id
          WHERE gr.sync_run_id = c.current_sync_run_id AND hashtext(gr.principal_external_id) = hashtext(l.account_external_id)
            AND gr.principal_external_id = l.account_external_id AND gr.principal_type_id = l.resource_type_id
       ) g ON TRUE
      ORDER BY pg.sort_key ${direction(plan.orderBy)}, pg.seq ${direction(plan.orderBy)}, lower(a.name), l.account_external_id`,
    [...base, ...plan.params],
  );
  const people = [...new Map(rows.map((r) => [r.person_id, r])).values()];
  const page = finishPage(people, plan, size, (row) => encodeCursor(row.sort_key, row.seq));
  const order = new Map(page.rows.map((r, i) => [r.person_id, i]));
  return {
    next: page.next,
    prev: page.prev,
    total: await countOrphanedAccess(runs),
    totalCapped: false,
    rows: rows
      .filter((r) => order.has(r.person_id))
      .sort((a, b) => (order.get(a.person_id) ?? 0) - (order.get(b.person_id) ?? 0))
      .map((r) => ({
        ...toGap(r),
        personId: r.person_id,
        personName: r.person_name,
        personEmail: r.person_email,
        personStatus: r.person_status,
        grants: r.grants ?? 0,
        entitlements: r.entitlements ?? [],
      })),
  };
}

/** Orphaned accounts: the console home page's figure, kept by the matcher with each run. */
export async function countOrphanedAccess(runs?: CurrentRun[]): Promise<number> {
  const current = runs ?? (await appRuns());
  if (!current.length) return 0;
  if (current.every((r) => r.orphaned !== null)) return current.reduce((n, r) => n + (r.orphaned ?? 0), 0);
  // A run matched before the count was kept: count it the slow way once more.
  const { rows } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n ${ORPHANED_FROM}`, [current.map((r) => r.connector_id)]);
  return rows[0]?.n ?? 0;
}

export type OrphanedGrantRow = { person: string; personEmail: string | null; personStatus: string; app: string; account: string; accountEmail: string | null; entitlement: string | null };

type OrphanedGrantDbRow = { sort_key: string; seq: string; person_name: string; person_email: string | null; person_status: string; app_name: string; display_name: string; email: string | null; entitlement: string | null };

/** Every orphaned grant (one row per grant; an account without grants gets one row), streamed by person. */
export async function* streamOrphanedGrants(batch = 500): AsyncGenerator<OrphanedGrantRow[]> {
  const runs = await appRuns();
  if (!runs.length) return;
  let after: [string, string] | null = null;
  for (;;) {
    const result: pg.QueryResult<OrphanedGrantDbRow> = await getPool().query<OrphanedGrantDbRow>(
      `WITH page AS (${orphanedPeople("($2::text IS NULL OR (lower(p.display_name), p.seq) > ($2::text, $3::bigint))", "lower(p.display_name), p.seq", batch)})
       SELECT pg.sort_key, pg.seq::text AS seq, p.display_name AS person_name, p.email AS person_email, p.status AS person_status, a.name AS app_name,
              l.account_name AS display_name, l.account_email AS email, coalesce(e.display_name, gr.entitlement_id) AS entitlement
         FROM page pg JOIN people p ON p.id = pg.id
         JOIN account_links l ON l.person_id = p.id AND l.account_active AND l.connector_id = ANY($1::text[])
         JOIN connectors c ON c.id = l.connector_id JOIN applications a ON a.id = c.application_id
         LEFT JOIN grants gr ON gr.sync_run_id = c.current_sync_run_id AND hashtext(gr.principal_external_id) = hashtext(l.account_external_id)
              AND gr.principal_external_id = l.account_external_id AND gr.principal_type_id = l.resource_type_id
         LEFT JOIN entitlements e ON e.sync_run_id = gr.sync_run_id AND e.external_id = gr.entitlement_id
        ORDER BY pg.sort_key, pg.seq, lower(a.name), l.account_external_id, entitlement`,
      [runs.map((r) => r.connector_id), after?.[0] ?? null, after?.[1] ?? null],
    );
    const rows = result.rows;
    if (!rows.length) return;
    yield rows.map((r) => ({ person: r.person_name, personEmail: r.person_email, personStatus: r.person_status, app: r.app_name, account: r.display_name, accountEmail: r.email, entitlement: r.entitlement }));
    const last = rows[rows.length - 1];
    after = [last.sort_key, last.seq];
    if (new Set(rows.map((r) => r.seq)).size < batch) return;
  }
}
