// An app's Accounts (resources with the user trait) and an account's grants, read from the
// connectors' current snapshots with keyset paging. Rows are addressed by connector, resource
// type and external id: bigint row ids change with every sync.
import { getPool } from "@/lib/db/client";
import type { AccountSort, ListQuery, SortDirection } from "@/lib/validation/applications";
import { visibleRuns, type ManagedApp } from "./applications";
import { COUNT_CAP, encodeCursor, EXPORT_BATCH, finishPage, keysetBatches, likePattern, planKeyset, type Page } from "./keyset";

export type AccountRow = {
  rowId: string;
  connectorId: string;
  connectorName: string;
  resourceTypeId: string;
  externalId: string;
  name: string;
  email: string | null;
  login: string | null;
  status: string | null;
};

type DbAccount = { id: string; connector_id: string; resource_type_id: string; external_id: string; display_name: string; email: string | null; login: string | null; user_status: string | null; sort_key: string };

const SORT_KEYS: Record<AccountSort, string> = {
  name: "lower(r.display_name)",
  email: "lower(coalesce(r.email, ''))",
};

/** Name or email contains $2: the expression of the trigram index resources_accounts_search_idx. */
export const ACCOUNT_SEARCH = `(lower(r.display_name) || ' ' || lower(coalesce(r.email, ''))) LIKE $2`;
const toAccountRow = (row: DbAccount, connectorName: string): AccountRow => ({
  rowId: row.id,
  connectorId: row.connector_id,
  connectorName,
  resourceTypeId: row.resource_type_id,
  externalId: row.external_id,
  name: row.display_name,
  email: row.email,
  login: row.login,
  status: row.user_status,
});


/** One page of the Accounts tab, without its total (an export reads many pages). */
async function readAccountsPage(app: ManagedApp, runs: string[], query: ListQuery<AccountSort>, size: number) {
  const names = new Map(app.connectors.map((c) => [c.id, c.displayName]));
  const keyExpr = SORT_KEYS[query.sort];
  const search = query.q ? likePattern(query.q) : null;
  const base: unknown[] = [runs, search];
  const plan = planKeyset({ keyExpr, idExpr: "r.id", dir: query.dir, after: query.after, before: query.before, first: base.length + 1, keyCast: "text" });
  const { rows } = await getPool().query<DbAccount>(
    `SELECT r.id, r.connector_id, r.resource_type_id, r.external_id, r.display_name, r.email, r.login, r.user_status, ${keyExpr} AS sort_key
       FROM resources r
      WHERE r.sync_run_id = ANY($1::text[]) AND r.is_user AND ($2::text IS NULL OR ${ACCOUNT_SEARCH}) AND ${plan.where}
      ORDER BY ${plan.orderBy}
      LIMIT ${size + 1}`,
    [...base, ...plan.params],
  );
  const page = finishPage(rows, plan, size, (row) => encodeCursor(row.sort_key, row.id));
  return {
    ...page,
    rows: page.rows.map((row) => toAccountRow(row, names.get(row.connector_id) ?? row.connector_id)),
  };
}

export async function listAccounts(app: ManagedApp, query: ListQuery<AccountSort>, size: number): Promise<Page<AccountRow>> {
  const runs = visibleRuns(app);
  if (runs.length === 0) return { rows: [], total: 0, totalCapped: false, next: null, prev: null };
  const page = await readAccountsPage(app, runs, query, size);
  const total = query.q ? await countMatches(runs, likePattern(query.q)) : { total: app.accounts, capped: false };
  return { ...page, total: total.total, totalCapped: total.capped };
}

/** Every account of the tab's search and sort, in batches: the CSV export. */
export async function* streamAccounts(app: ManagedApp, query: Pick<ListQuery<AccountSort>, "q" | "sort" | "dir">, batch = EXPORT_BATCH): AsyncGenerator<AccountRow[]> {
  const runs = visibleRuns(app);
  if (runs.length === 0) return;
  yield* keysetBatches((after) => readAccountsPage(app, runs, { ...query, after }, batch));
}

async function countMatches(runs: string[], search: string): Promise<{ total: number; capped: boolean }> {
  const { rows } = await getPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM resources r WHERE r.sync_run_id = ANY($1::text[]) AND r.is_user AND ${ACCOUNT_SEARCH} LIMIT ${COUNT_CAP + 1}) m`,
    [runs, search],
  );
  const n = rows[0]?.n ?? 0;
  return { total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

export type AccountDetail = AccountRow & { typeName: string; description: string | null; profile: Record<string, unknown> | null; grants: number; isUser: boolean };

/** One account of the app, by its stable address; null if the app has no such account now. */
export async function getAccount(app: ManagedApp, connectorId: string, resourceTypeId: string, externalId: string): Promise<AccountDetail | null> {
  const connector = app.connectors.find((c) => c.id === connectorId);
  if (!connector?.currentSyncRunId) return null;
  const { rows } = await getPool().query<DbAccount & { type_name: string | null; description: string | null; profile: Record<string, unknown> | null; grants: number; is_user: boolean }>(
    `SELECT r.id, r.connector_id, r.resource_type_id, r.external_id, r.display_name, r.email, r.login, r.user_status, r.description, r.profile, r.is_user,
            rt.display_name AS type_name,
            (SELECT count(*)::int FROM grants g WHERE g.sync_run_id = r.sync_run_id AND hashtext(g.principal_external_id) = hashtext(r.external_id)
                AND g.principal_external_id = r.external_id AND g.principal_type_id = r.resource_type_id) AS grants
       FROM resources r
       LEFT JOIN resource_types rt ON rt.sync_run_id = r.sync_run_id AND rt.external_id = r.resource_type_id
      WHERE r.sync_run_id = $1 AND r.resource_type_id = $2 AND r.external_id = $3`,
    [connector.currentSyncRunId, resourceTypeId, externalId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ...toAccountRow(row, connector.displayName),
    typeName: row.type_name ?? row.resource_type_id,
    description: row.description,
    profile: row.profile,
    grants: row.grants,
    isUser: row.is_user,
  };
}

export type HolderRow = { rowId: string; resourceTypeId: string; typeName: string; externalId: string; name: string; email: string | null; status: string | null; isUser: boolean };

type DbHolder = { id: string; resource_type_id: string; type_name: string | null; external_id: string; display_name: string; email: string | null; user_status: string | null; is_user: boolean; sort_key: string };

type HolderQuery = { q?: string; dir: SortDirection; after?: string; before?: string };

// $1 the run, $2 the entitlement, $3 the search pattern or null.
const HOLDERS_FROM = `FROM grants g
      JOIN resources r ON r.sync_run_id = g.sync_run_id AND r.resource_type_id = g.principal_type_id AND r.external_id = g.principal_external_id
     WHERE g.sync_run_id = $1 AND hashtext(g.entitlement_id) = hashtext($2::text) AND g.entitlement_id = $2
       AND ($3::text IS NULL OR (lower(r.display_name) || ' ' || lower(coalesce(r.email, ''))) LIKE $3)`;

/** One page of an entitlement's holders, by name, without its total. */
async function readHoldersPage(runId: string, entitlementId: string, query: HolderQuery, size: number) {
  const base: unknown[] = [runId, entitlementId, query.q ? likePattern(query.q) : null];
  const plan = planKeyset({ keyExpr: "lower(r.display_name)", idExpr: "r.id", dir: query.dir, after: query.after, before: query.before, first: base.length + 1, keyCast: "text" });
  const { rows } = await getPool().query<DbHolder>(
    `SELECT r.id, r.resource_type_id, rt.display_name AS type_name, r.external_id, r.display_name, r.email, r.user_status, r.is_user, lower(r.display_name) AS sort_key
       FROM (SELECT r.* ${HOLDERS_FROM} AND ${plan.where} ORDER BY ${plan.orderBy} LIMIT ${size + 1}) r
       LEFT JOIN resource_types rt ON rt.sync_run_id = $1 AND rt.external_id = r.resource_type_id
      ORDER BY ${plan.orderBy}`,
    [...base, ...plan.params],
  );
  const page = finishPage(rows, plan, size, (row) => encodeCursor(row.sort_key, row.id));
  return {
    ...page,
    rows: page.rows.map(
      (row): HolderRow => ({
        rowId: row.id,
        resourceTypeId: row.resource_type_id,
        typeName: row.type_name ?? row.resource_type_id,
        externalId: row.external_id,
        name: row.display_name,
        email: row.email,
        status: row.user_status,
        isUser: row.is_user,
      }),
    ),
  };
}

/** Who holds an entitlement (accounts, or groups and roles when the upstream nests them). */
export async function listEntitlementHolders(runId: string, entitlementId: string, query: HolderQuery, size: number, total: number): Promise<Page<HolderRow>> {
  const page = await readHoldersPage(runId, entitlementId, query, size);
  if (!query.q) return { ...page, total, totalCapped: false };
  const { rows: count } = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 ${HOLDERS_FROM} LIMIT ${COUNT_CAP + 1}) m`, [runId, entitlementId, likePattern(query.q)]);
  const n = count[0]?.n ?? 0;
  return { ...page, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

// Each page of holders reads all the entitlement's grants again (their index is a hash, not an
// order) before it sorts by name, so an export takes them in larger batches: a million holders in
// 100 reads of about a second each, a batch of rows in memory (npm run bench:export).
const HOLDERS_EXPORT_BATCH = 5 * EXPORT_BATCH;

/** Every holder matching the page's search, by name, in batches: the CSV export. */
export function streamEntitlementHolders(runId: string, entitlementId: string, query: { q?: string }, batch = HOLDERS_EXPORT_BATCH): AsyncGenerator<HolderRow[]> {
  return keysetBatches((after) => readHoldersPage(runId, entitlementId, { q: query.q, dir: "asc", after }, batch));
}
