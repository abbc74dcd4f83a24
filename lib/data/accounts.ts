// An app's Accounts (resources with the user trait) and an account's grants, read from the
// connectors' current snapshots with keyset paging. Rows are addressed by connector, resource
// type and external id: bigint row ids change with every sync.
import { getPool } from "@/lib/db/client";
import type { AccountSort, ListQuery, SortDirection } from "@/lib/validation/applications";
import { visibleRuns, type ManagedApp } from "./applications";
import { searchInOrder, type SearchHits } from "./search-in-order";
import { COUNT_CAP, encodeCursor, EXPORT_BATCH, finishPage, keysetBatches, likePattern, planKeyset, type KeysetPlan, type Page } from "./keyset";

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


/**
 * One page of the Accounts tab, without its total (an export reads many pages). A search walks
 * the sort order first and falls back to the trigram index for rare terms (searchInOrder);
 * `hits` is their number when that read counted them.
 */
async function readAccountsPage(app: ManagedApp, runs: string[], query: ListQuery<AccountSort>, size: number) {
  const names = new Map(app.connectors.map((c) => [c.id, c.displayName]));
  const keyExpr = SORT_KEYS[query.sort];
  const search = query.q ? likePattern(query.q) : null;
  const base: unknown[] = [runs, search];
  const plan = planKeyset({ keyExpr, idExpr: "r.id", dir: query.dir, after: query.after, before: query.before, first: base.length + 1, keyCast: "text" });
  const read = async (source: string) =>
    (
      await getPool().query<DbAccount & SearchHits>(
        `SELECT r.id, r.connector_id, r.resource_type_id, r.external_id, r.display_name, r.email, r.login, r.user_status, ${keyExpr} AS sort_key, r.search_hits
           FROM (${source}) r ORDER BY ${plan.orderBy}`,
        [...base, ...plan.params],
      )
    ).rows;
  const filter = `r.sync_run_id = ANY($1::text[]) AND r.is_user`;
  const limit = size + 1;
  const { rows, hits } = search
    ? await searchInOrder({ from: "resources r", filter, match: ACCOUNT_SEARCH, cursor: plan.where, orderBy: plan.orderBy, limit }, read)
    : { rows: await read(`SELECT *, NULL::bigint AS search_hits FROM resources r WHERE ${filter} AND $2::text IS NULL AND ${plan.where} ORDER BY ${plan.orderBy} LIMIT ${limit}`), hits: null };
  const page = finishPage(rows, plan, size, (row) => encodeCursor(row.sort_key, row.id));
  return {
    ...page,
    hits,
    rows: page.rows.map((row) => toAccountRow(row, names.get(row.connector_id) ?? row.connector_id)),
  };
}

export async function listAccounts(app: ManagedApp, query: ListQuery<AccountSort>, size: number): Promise<Page<AccountRow>> {
  const runs = visibleRuns(app);
  if (runs.length === 0) return { rows: [], total: 0, totalCapped: false, next: null, prev: null };
  const { hits, ...page } = await readAccountsPage(app, runs, query, size);
  const total = !query.q
    ? { total: app.accounts, capped: false }
    : hits !== null
      ? { total: Math.min(hits, COUNT_CAP), capped: hits > COUNT_CAP }
      : await countMatches(runs, likePattern(query.q));
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
const HOLDER_SEARCH = `($3::text IS NULL OR (lower(r.display_name) || ' ' || lower(coalesce(r.email, ''))) LIKE $3)`;
const HOLDERS_FROM = `FROM grants g
      JOIN resources r ON r.sync_run_id = g.sync_run_id AND r.resource_type_id = g.principal_type_id AND r.external_id = g.principal_external_id
     WHERE g.sync_run_id = $1 AND hashtext(g.entitlement_id) = hashtext($2::text) AND g.entitlement_id = $2
       AND ${HOLDER_SEARCH}`;
// Does resource r hold the entitlement: its own grants, by the principal hash index (a handful).
const HOLDS = `EXISTS (SELECT 1 FROM grants g WHERE g.sync_run_id = $1 AND hashtext(g.principal_external_id) = hashtext(r.external_id)
       AND g.principal_external_id = r.external_id AND g.principal_type_id = r.resource_type_id AND g.entitlement_id = $2)`;

/**
 * How a page of holders is read. The grant indexes are hashes, not ordered: reading an
 * entitlement's grants and sorting their holders by name costs every grant, every page (a
 * second per page at a million holders). When the holders are many and dense among the accounts,
 * walking the accounts' name index and keeping those who hold it costs a page of holders
 * instead (1 / density accounts read per holder). `walk` also names the other resource types
 * (groups, roles) that may hold it: the entitlement's grantable-to types without the user trait,
 * or every such type when it declares none; their resources are few and probed one by one.
 */
type HolderPlan = { walk: false } | { walk: true; otherTypes: string[] };

/** A search among many holders probes each matching account's grants to count: up to this many. */
const HOLDER_SEARCH_COUNT_CAP = 1_000;

/** Walk the name order when the entitlement has this many holders and at least 1 in 50 accounts holds it. */
export const HOLDERS_WALK_MIN = 5_000;
const HOLDERS_WALK_DENSITY = 50;

export async function holdersPlan(runId: string, entitlementId: string): Promise<HolderPlan> {
  const { rows } = await getPool().query<{ grant_count: number; accounts: number; grantable_to: string[] | null; other_types: string[] }>(
    `SELECT e.grant_count, coalesce(s.accounts_count, 0) AS accounts, e.grantable_to,
            ARRAY(SELECT t.external_id FROM resource_types t WHERE t.sync_run_id = $1 AND NOT ('user' = ANY(t.traits))) AS other_types
       FROM entitlements e LEFT JOIN sync_runs s ON s.id = $1
      WHERE e.sync_run_id = $1 AND e.external_id = $2`,
    [runId, entitlementId],
  );
  const row = rows[0];
  if (!row || row.grant_count < HOLDERS_WALK_MIN || row.grant_count * HOLDERS_WALK_DENSITY < row.accounts) return { walk: false };
  const grantable = new Set(row.grantable_to ?? []);
  return { walk: true, otherTypes: grantable.size ? row.other_types.filter((t) => grantable.has(t)) : row.other_types };
}

const HOLDER_COLUMNS = `r.id, r.resource_type_id, r.external_id, r.display_name, r.email, r.user_status, r.is_user`;

type FoundHolder = Omit<DbHolder, "type_name">;

/** Byte order of the UTF-8 text, as the snapshot tables' COLLATE "C" columns sort, then the row id. */
function compareHolders(a: FoundHolder, b: FoundHolder): number {
  return Buffer.compare(Buffer.from(a.sort_key, "utf8"), Buffer.from(b.sort_key, "utf8")) || (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);
}

/** The page's rows (and its look-ahead row) in the plan's order, without their type names. */
async function holderRows(plan: HolderPlan, keyset: KeysetPlan, params: unknown[], size: number): Promise<FoundHolder[]> {
  const limit = size + 1;
  if (!plan.walk) {
    return (await getPool().query<FoundHolder>(`SELECT ${HOLDER_COLUMNS}, lower(r.display_name) AS sort_key ${HOLDERS_FROM} AND ${keyset.where} ORDER BY ${keyset.orderBy} LIMIT ${limit}`, params)).rows;
  }
  // Accounts in name order, each kept if it holds the entitlement; a search walks the order
  // first and takes the trigram index for rare terms (searchInOrder).
  const readAccounts = async (source: string) =>
    (await getPool().query<FoundHolder & SearchHits>(`SELECT ${HOLDER_COLUMNS}, lower(r.display_name) AS sort_key, r.search_hits FROM (${source}) r ORDER BY ${keyset.orderBy}`, params)).rows;
  const filter = `r.sync_run_id = $1 AND r.is_user`;
  const accounts = params[2]
    ? (await searchInOrder({ from: "resources r", filter, match: `${HOLDER_SEARCH} AND ${HOLDS}`, cursor: keyset.where, orderBy: keyset.orderBy, limit }, readAccounts)).rows
    : await readAccounts(`SELECT *, NULL::bigint AS search_hits FROM resources r WHERE ${filter} AND $3::text IS NULL AND ${keyset.where} AND ${HOLDS} ORDER BY ${keyset.orderBy} LIMIT ${limit}`);
  if (plan.otherTypes.length === 0) return accounts;
  // Groups and roles holding it: few resources, probed one by one, merged into the page.
  const { rows: others } = await getPool().query<FoundHolder>(
    `SELECT ${HOLDER_COLUMNS}, lower(r.display_name) AS sort_key FROM resources r
      WHERE r.sync_run_id = $1 AND r.resource_type_id = ANY($${params.length + 1}::text[]) AND NOT r.is_user AND ${HOLDER_SEARCH} AND ${keyset.where} AND ${HOLDS}
      ORDER BY ${keyset.orderBy} LIMIT ${limit}`,
    [...params, plan.otherTypes],
  );
  const descending = keyset.orderBy.includes("DESC");
  return [...accounts, ...others].sort((a, b) => (descending ? -1 : 1) * compareHolders(a, b)).slice(0, limit);
}

/** One page of an entitlement's holders, by name, without its total. */
async function readHoldersPage(runId: string, entitlementId: string, query: HolderQuery, size: number, plan: HolderPlan) {
  const base: unknown[] = [runId, entitlementId, query.q ? likePattern(query.q) : null];
  const keyset = planKeyset({ keyExpr: "lower(r.display_name)", idExpr: "r.id", dir: query.dir, after: query.after, before: query.before, first: base.length + 1, keyCast: "text" });
  const found = await holderRows(plan, keyset, [...base, ...keyset.params], size);
  const typeNames = await resourceTypeNames(runId, [...new Set(found.map((r) => r.resource_type_id))]);
  const rows = found.map((r) => ({ ...r, type_name: typeNames.get(r.resource_type_id) ?? null }));
  const page = finishPage(rows, keyset, size, (row) => encodeCursor(row.sort_key, row.id));
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

async function resourceTypeNames(runId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await getPool().query<{ external_id: string; display_name: string }>(
    `SELECT external_id, display_name FROM resource_types WHERE sync_run_id = $1 AND external_id = ANY($2::text[])`,
    [runId, ids],
  );
  return new Map(rows.map((r) => [r.external_id, r.display_name]));
}

/** Who holds an entitlement (accounts, or groups and roles when the upstream nests them). */
export async function listEntitlementHolders(runId: string, entitlementId: string, query: HolderQuery, size: number, total: number): Promise<Page<HolderRow>> {
  const plan = await holdersPlan(runId, entitlementId);
  const page = await readHoldersPage(runId, entitlementId, query, size, plan);
  if (!query.q) return { ...page, total, totalCapped: false };
  const base = [runId, entitlementId, likePattern(query.q)];
  const { rows: count } = await getPool().query<{ n: number }>(
    plan.walk
      ? `SELECT count(*)::int AS n FROM (SELECT 1 FROM resources r WHERE r.sync_run_id = $1 AND ${plan.otherTypes.length ? "(r.is_user OR r.resource_type_id = ANY($4::text[]))" : "r.is_user"}
            AND ${HOLDER_SEARCH} AND ${HOLDS} LIMIT ${HOLDER_SEARCH_COUNT_CAP + 1}) m`
      : `SELECT count(*)::int AS n FROM (SELECT 1 ${HOLDERS_FROM} LIMIT ${COUNT_CAP + 1}) m`,
    plan.walk && plan.otherTypes.length ? [...base, plan.otherTypes] : base,
  );
  const n = count[0]?.n ?? 0;
  const cap = plan.walk ? HOLDER_SEARCH_COUNT_CAP : COUNT_CAP;
  return { ...page, total: Math.min(n, cap), totalCapped: n > cap };
}

// A batch of holders walking the name order costs a page of them; reading them by the grants
// costs every grant of the entitlement, so that way reads larger batches (npm run bench:export).
const HOLDERS_EXPORT_BATCH = 5 * EXPORT_BATCH;

/** Every holder matching the page's search, by name, in batches: the CSV export. */
export async function* streamEntitlementHolders(runId: string, entitlementId: string, query: { q?: string }, batch = HOLDERS_EXPORT_BATCH): AsyncGenerator<HolderRow[]> {
  const plan = await holdersPlan(runId, entitlementId);
  yield* keysetBatches((after) => readHoldersPage(runId, entitlementId, { q: query.q, dir: "asc", after }, batch, plan));
}
