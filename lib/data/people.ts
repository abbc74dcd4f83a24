// People: the identity provider's identities, and for one person every account matched to
// them in every app with the grants those accounts hold ("all access of this person").
import { cache } from "react";
import { getPool } from "@/lib/db/client";
import { COUNT_CAP, encodeCursor, finishPage, likePattern, planKeyset, type Page } from "./keyset";
import { searchInOrder, type SearchHits } from "./search-in-order";

export type PersonStatus = "active" | "suspended" | "deactivated";

export type PersonRow = {
  id: string;
  name: string;
  email: string | null;
  status: PersonStatus;
  rawStatus: string | null;
  department: string | null;
  title: string | null;
  managerName: string | null;
  managerId: string | null;
  removedAt: Date | null;
  accounts: number;
};

type DbPerson = SearchHits & {
  id: string;
  seq: string;
  display_name: string;
  email: string | null;
  status: PersonStatus;
  raw_status: string | null;
  department: string | null;
  title: string | null;
  manager_name: string | null;
  manager_id: string | null;
  removed_at: Date | null;
  accounts: number;
  sort_key: string;
};

const PERSON_COLUMNS = `p.id, p.seq, p.display_name, p.email, p.status, p.raw_status, p.department, p.title,
       coalesce(m.display_name, p.manager_name) AS manager_name, m.id AS manager_id, p.removed_at AT TIME ZONE 'UTC' AS removed_at,
       (SELECT count(*)::int FROM account_links l WHERE l.person_id = p.id) AS accounts`;
const MANAGER_JOIN = `LEFT JOIN people m ON m.identity_connector_id = p.identity_connector_id AND m.external_id = p.manager_external_id`;

function toPerson(row: DbPerson): PersonRow {
  return {
    id: row.id,
    name: row.display_name,
    email: row.email,
    status: row.status,
    rawStatus: row.raw_status,
    department: row.department,
    title: row.title,
    managerName: row.manager_name,
    managerId: row.manager_id,
    removedAt: row.removed_at,
    accounts: row.accounts,
  };
}

export type PeopleQuery = { q?: string; status?: PersonStatus; after?: string; before?: string };

/** One page of people by name (keyset on name and seq), with search over name and email. */
export async function listPeople(query: PeopleQuery, size: number): Promise<Page<PersonRow>> {
  const search = query.q ? likePattern(query.q) : null;
  const base: unknown[] = [search, query.status ?? null];
  const plan = planKeyset({ keyExpr: "lower(p.display_name)", idExpr: "p.seq", dir: "asc", after: query.after, before: query.before, first: base.length + 1, keyCast: "text" });
  const filter = `($2::text IS NULL OR p.status = $2)`;
  // With $1 bound, `$1 IS NULL` folds away in the plan and the trigram index still serves.
  const match = `($1::text IS NULL OR (lower(p.display_name) || ' ' || lower(coalesce(p.email, ''))) LIKE $1)`;
  const read = async (source: string) =>
    (await getPool().query<DbPerson>(`SELECT ${PERSON_COLUMNS}, lower(p.display_name) AS sort_key, p.search_hits FROM (${source}) p ${MANAGER_JOIN} ORDER BY ${plan.orderBy}`, [...base, ...plan.params])).rows;
  const limit = size + 1;
  const { rows, hits } = search
    ? await searchInOrder({ from: "people p", filter, match, cursor: plan.where, orderBy: plan.orderBy, limit }, read)
    : { rows: await read(`SELECT *, NULL::bigint AS search_hits FROM people p WHERE ${filter} AND ${match} AND ${plan.where} ORDER BY ${plan.orderBy} LIMIT ${limit}`), hits: null };
  const where = `${filter} AND ${match}`;
  const page = finishPage(rows, plan, size, (row) => encodeCursor(row.sort_key, row.seq));
  // Everyone: the count the tab shows too, read once per request.
  const counted = async () =>
    (await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM people p WHERE ${where} LIMIT ${COUNT_CAP + 1}) m`, base)).rows[0]?.n ?? 0;
  const n = !search && !query.status ? await countPeople() : (hits ?? (await counted()));
  // A search or a filter counts up to a cap; everyone is counted exactly.
  const capped = Boolean(search || query.status) && n > COUNT_CAP;
  return { ...page, rows: page.rows.map(toPerson), total: capped ? COUNT_CAP : n, totalCapped: capped };
}

export async function getPerson(id: string): Promise<PersonRow | null> {
  const { rows } = await getPool().query<DbPerson>(`SELECT ${PERSON_COLUMNS}, '' AS sort_key FROM people p ${MANAGER_JOIN} WHERE p.id = $1`, [id]);
  return rows[0] ? toPerson(rows[0]) : null;
}

export type PersonAccount = {
  appId: string;
  appName: string;
  connectorId: string;
  connectorName: string;
  resourceTypeId: string;
  externalId: string;
  name: string;
  email: string | null;
  status: string | null;
  method: string;
  manual: boolean;
  grants: { entitlementId: string; name: string; resourceName: string }[];
  grantsTotal: number;
};

/** Grants listed per account on the person page; the account page pages through the rest. */
export const PERSON_GRANTS_SHOWN = 200;

type DbPersonAccount = {
  app_id: string; app_name: string; connector_id: string; connector_name: string; resource_type_id: string; external_id: string;
  display_name: string; email: string | null; user_status: string | null; method: string; manual: boolean;
  grants: { entitlementId: string; name: string; resourceName: string }[] | null; grants_total: number;
};

/** Every account matched to the person in the apps' current snapshots, with their grants: one statement. */
export async function listPersonAccess(personId: string): Promise<PersonAccount[]> {
  const { rows } = await getPool().query<DbPersonAccount>(
    `SELECT a.id AS app_id, a.name AS app_name, c.id AS connector_id, c.display_name AS connector_name, r.resource_type_id, r.external_id,
            r.display_name, r.email, r.user_status, l.method, l.manual, g.grants, coalesce(n.total, 0) AS grants_total
       FROM account_links l
       JOIN connectors c ON c.id = l.connector_id
       JOIN applications a ON a.id = c.application_id
       JOIN resources r ON r.sync_run_id = c.current_sync_run_id AND r.resource_type_id = l.resource_type_id AND r.external_id = l.account_external_id
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS total FROM grants gc
          WHERE gc.sync_run_id = r.sync_run_id AND hashtext(gc.principal_external_id) = hashtext(r.external_id)
            AND gc.principal_external_id = r.external_id AND gc.principal_type_id = r.resource_type_id
       ) n ON TRUE
       LEFT JOIN LATERAL (
         SELECT json_agg(json_build_object('entitlementId', x.entitlement_id, 'name', x.name, 'resourceName', x.resource_name) ORDER BY lower(x.name)) AS grants
           FROM (SELECT g.entitlement_id, coalesce(e.display_name, g.entitlement_id) AS name, coalesce(er.display_name, e.resource_external_id, '') AS resource_name
                   FROM grants g
                   LEFT JOIN entitlements e ON e.sync_run_id = g.sync_run_id AND e.external_id = g.entitlement_id
                   LEFT JOIN resources er ON er.sync_run_id = g.sync_run_id AND er.resource_type_id = e.resource_type_id AND er.external_id = e.resource_external_id
                  WHERE g.sync_run_id = r.sync_run_id AND hashtext(g.principal_external_id) = hashtext(r.external_id)
                    AND g.principal_external_id = r.external_id AND g.principal_type_id = r.resource_type_id
                  ORDER BY lower(coalesce(e.display_name, g.entitlement_id)) LIMIT ${PERSON_GRANTS_SHOWN}) x
       ) g ON TRUE
      WHERE l.person_id = $1
      ORDER BY lower(a.name), lower(r.display_name)
      LIMIT 500`,
    [personId],
  );
  return rows.map((row) => ({
    appId: row.app_id,
    appName: row.app_name,
    connectorId: row.connector_id,
    connectorName: row.connector_name,
    resourceTypeId: row.resource_type_id,
    externalId: row.external_id,
    name: row.display_name,
    email: row.email,
    status: row.user_status,
    method: row.method,
    manual: row.manual,
    grants: row.grants ?? [],
    grantsTotal: row.grants_total,
  }));
}

/** People to link an account to by hand: search by name or email, at most `limit`. */
export async function searchPeople(q: string, limit = 20): Promise<{ id: string; name: string; email: string | null; status: PersonStatus }[]> {
  const match = `(lower(p.display_name) || ' ' || lower(coalesce(p.email, ''))) LIKE $1`;
  const { rows } = await searchInOrder({ from: "people p", filter: "TRUE", match, cursor: "TRUE", orderBy: "lower(p.display_name), p.seq", limit }, async (source) =>
    (await getPool().query<SearchHits & { id: string; display_name: string; email: string | null; status: PersonStatus }>(`SELECT p.id, p.display_name, p.email, p.status, p.search_hits FROM (${source}) p ORDER BY lower(p.display_name), p.seq`, [likePattern(q)])).rows,
  );
  return rows.map((r) => ({ id: r.id, name: r.display_name, email: r.email, status: r.status }));
}

/**
 * Everyone the identity providers listed, removed people included; once per request (React
 * cache). Read from the counter the people table's triggers keep (the table_counts model).
 */
export const countPeople = cache(async (): Promise<number> => {
  const { rows } = await getPool().query<{ n: number }>(`SELECT coalesce((SELECT n::int FROM table_counts WHERE name = 'people'), 0) AS n`);
  return rows[0]?.n ?? 0;
});
