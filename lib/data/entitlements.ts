// An app's Entitlements (with the resource each belongs to and how many hold it), one
// entitlement by its stable address, and the entitlements an account holds.
import { getPool } from "@/lib/db/client";
import type { EntitlementSort, ListQuery, SortDirection } from "@/lib/validation/applications";
import { visibleRuns, type ManagedApp } from "./applications";
import { COUNT_CAP, encodeCursor, EXPORT_BATCH, finishPage, keysetBatches, likePattern, planKeyset, type Page } from "./keyset";

export type EntitlementRow = {
  rowId: string;
  connectorId: string;
  connectorName: string;
  externalId: string;
  name: string;
  description: string | null;
  slug: string;
  purpose: string;
  provisionable: boolean;
  grantCount: number;
  resourceTypeId: string;
  resourceTypeName: string;
  resourceId: string;
  resourceName: string;
};

type DbEntitlement = {
  id: string;
  connector_id: string;
  external_id: string;
  display_name: string;
  description: string | null;
  slug: string;
  purpose: string;
  provisionable: boolean;
  grant_count: number;
  resource_type_id: string;
  resource_external_id: string;
  type_name: string | null;
  resource_name: string | null;
  sort_key: string | number;
};

const COLUMNS = `e.id, e.connector_id, e.external_id, e.display_name, e.description, e.slug, e.purpose, e.provisionable, e.grant_count,
       e.resource_type_id, e.resource_external_id, rt.display_name AS type_name, res.display_name AS resource_name`;
// The resource and its type: looked up per row of a page, by unique index.
const JOINS = `LEFT JOIN resources res ON res.sync_run_id = e.sync_run_id AND res.resource_type_id = e.resource_type_id AND res.external_id = e.resource_external_id
       LEFT JOIN resource_types rt ON rt.sync_run_id = e.sync_run_id AND rt.external_id = e.resource_type_id`;

function toRow(row: DbEntitlement, connectorName: string): EntitlementRow {
  return {
    rowId: row.id,
    connectorId: row.connector_id,
    connectorName,
    externalId: row.external_id,
    name: row.display_name,
    description: row.description,
    slug: row.slug,
    purpose: row.purpose,
    provisionable: row.provisionable,
    grantCount: row.grant_count,
    resourceTypeId: row.resource_type_id,
    resourceTypeName: row.type_name ?? row.resource_type_id,
    resourceId: row.resource_external_id,
    resourceName: row.resource_name ?? row.resource_external_id,
  };
}

const SORT_KEYS: Record<EntitlementSort, { expr: string; cast: string }> = {
  name: { expr: "lower(e.display_name)", cast: "text" },
  grants: { expr: "e.grant_count", cast: "int" },
};

// Entitlements are thousands, not millions: searching the name and the resource name
// without an index is fast enough, and finds "payments" in every role of that namespace. The
// resource name is a correlated lookup by unique index, row by row: as EXISTS the planner hashes
// it instead, reading every resource of the run (a million accounts) for each search.
const SEARCH = `(lower(e.display_name) LIKE $2 OR lower(e.slug) LIKE $2 OR lower(coalesce((SELECT s.display_name FROM resources s WHERE s.sync_run_id = e.sync_run_id
       AND s.resource_type_id = e.resource_type_id AND s.external_id = e.resource_external_id LIMIT 1), '')) LIKE $2)`;

/**
 * One page of the Entitlements tab. With a search, the matches are found once (a scan of the
 * run's entitlements) and both the page and their number come from them: `hits`. Without one, `hits` is null (the tab shows the run's count).
 */
async function readEntitlementsPage(app: ManagedApp, runs: string[], query: ListQuery<EntitlementSort>, size: number) {
  const names = new Map(app.connectors.map((c) => [c.id, c.displayName]));
  const key = SORT_KEYS[query.sort];
  const base: unknown[] = [runs, query.q ? likePattern(query.q) : null];
  const plan = planKeyset({ keyExpr: key.expr, idExpr: "e.id", dir: query.dir, after: query.after, before: query.before, first: base.length + 1, keyCast: key.cast });
  const source = query.q
    ? `(WITH hits AS MATERIALIZED (SELECT e.* FROM entitlements e WHERE e.sync_run_id = ANY($1::text[]) AND ${SEARCH})
        SELECT *, (SELECT count(*) FROM hits)::int AS hits FROM hits)`
    : `(SELECT *, NULL::int AS hits FROM entitlements WHERE sync_run_id = ANY($1::text[]) AND $2::text IS NULL)`;
  const { rows } = await getPool().query<DbEntitlement & { hits: number | null }>(
    `SELECT ${COLUMNS}, e.hits, ${key.expr} AS sort_key
       FROM ${source} e ${JOINS}
      WHERE ${plan.where}
      ORDER BY ${plan.orderBy}
      LIMIT ${size + 1}`,
    [...base, ...plan.params],
  );
  const page = finishPage(rows, plan, size, (row) => encodeCursor(row.sort_key, row.id));
  return { ...page, hits: rows[0]?.hits ?? null, rows: page.rows.map((row) => toRow(row, names.get(row.connector_id) ?? row.connector_id)) };
}

export async function listEntitlements(app: ManagedApp, query: ListQuery<EntitlementSort>, size: number): Promise<Page<EntitlementRow>> {
  const runs = visibleRuns(app);
  if (runs.length === 0) return { rows: [], total: 0, totalCapped: false, next: null, prev: null };
  const { hits, ...page } = await readEntitlementsPage(app, runs, query, size);
  if (!query.q) return { ...page, total: app.entitlements, totalCapped: false };
  // No row on this page (a cursor past the last match): count the matches on their own.
  let n = hits;
  if (n === null) {
    const { rows: count } = await getPool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM entitlements e WHERE e.sync_run_id = ANY($1::text[]) AND ${SEARCH} LIMIT ${COUNT_CAP + 1}) m`,
      [runs, likePattern(query.q)],
    );
    n = count[0]?.n ?? 0;
  }
  return { ...page, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

/** Every entitlement of the tab's search and sort, in batches: the CSV export. */
export async function* streamEntitlements(app: ManagedApp, query: Pick<ListQuery<EntitlementSort>, "q" | "sort" | "dir">, batch = EXPORT_BATCH): AsyncGenerator<EntitlementRow[]> {
  const runs = visibleRuns(app);
  if (runs.length === 0) return;
  yield* keysetBatches((after) => readEntitlementsPage(app, runs, { ...query, after }, batch));
}

export type EntitlementDetail = EntitlementRow & { runId: string; grantableTo: string[] };

export async function getEntitlement(app: ManagedApp, connectorId: string, externalId: string): Promise<EntitlementDetail | null> {
  const connector = app.connectors.find((c) => c.id === connectorId);
  if (!connector?.currentSyncRunId) return null;
  const { rows } = await getPool().query<DbEntitlement & { grantable_to: string[] | null }>(
    `SELECT ${COLUMNS}, e.grantable_to, 0 AS sort_key FROM entitlements e ${JOINS} WHERE e.sync_run_id = $1 AND e.external_id = $2`,
    [connector.currentSyncRunId, externalId],
  );
  const row = rows[0];
  return row ? { ...toRow(row, connector.displayName), runId: connector.currentSyncRunId, grantableTo: row.grantable_to ?? [] } : null;
}

/** The entitlements an account holds in its connector's snapshot, by name. */
export async function listAccountGrants(
  runId: string,
  principal: { resourceTypeId: string; externalId: string; connectorName: string },
  query: { q?: string; dir: SortDirection; after?: string; before?: string },
  size: number,
  /** The account's number of grants, when the caller has it (getAccount counts them): not counted again without a search. */
  grants?: number,
): Promise<Page<EntitlementRow>> {
  const search = query.q ? likePattern(query.q) : null;
  const base: unknown[] = [runId, search, principal.externalId, principal.resourceTypeId];
  const plan = planKeyset({ keyExpr: "lower(e.display_name)", idExpr: "e.id", dir: query.dir, after: query.after, before: query.before, first: base.length + 1, keyCast: "text" });
  const from = `FROM grants g JOIN entitlements e ON e.sync_run_id = g.sync_run_id AND e.external_id = g.entitlement_id`;
  const where = `WHERE g.sync_run_id = $1 AND hashtext(g.principal_external_id) = hashtext($3::text) AND g.principal_external_id = $3
        AND g.principal_type_id = $4 AND ($2::text IS NULL OR ${SEARCH})`;
  // The page's entitlements first, then their resources and types: an account holding 5,000
  // grants looks up 51 resources, not 5,000.
  const { rows } = await getPool().query<DbEntitlement>(
    `SELECT ${COLUMNS}, e.sort_key
       FROM (SELECT e.*, lower(e.display_name) AS sort_key ${from} ${where} AND ${plan.where} ORDER BY ${plan.orderBy} LIMIT ${size + 1}) e ${JOINS}
      ORDER BY ${plan.orderBy.replaceAll("lower(e.display_name)", "e.sort_key")}`,
    [...base, ...plan.params],
  );
  const page = finishPage(rows, plan, size, (row) => encodeCursor(row.sort_key, row.id));
  const total = grants !== undefined && !search ? grants : ((await getPool().query<{ n: number }>(`SELECT count(*)::int AS n ${from} ${where}`, base)).rows[0]?.n ?? 0);
  return { ...page, total, totalCapped: false, rows: page.rows.map((row) => toRow(row, principal.connectorName)) };
}
