// Accounts that belong to nobody: every account of a connector has a link row after each
// match, and an unmatched one has no person. The tab walks a partial index of those rows by
// name and stops at the page, whatever the size of the snapshots (3 s at a million accounts
// when it scanned the snapshots instead).
import { getPool } from "@/lib/db/client";
import type { GapAccount } from "./access-gaps";
import { appRuns } from "./app-runs";
import { encodeCursor, finishPage, likePattern, planKeyset, type Page } from "./keyset";
import { searchInOrder, type SearchHits } from "./search-in-order";

const SEARCH_COUNT_CAP = 1_000;

type DbUnmatched = SearchHits & { seq: string; sort_key: string; app_id: string; app_name: string; connector_id: string; resource_type_id: string; account_external_id: string; account_name: string; account_email: string | null; account_active: boolean };

/** Accounts matched to no person, per app or overall, by name, with search. */
export async function listUnmatchedAccounts(query: { appId?: string; q?: string; after?: string; before?: string }, size: number): Promise<Page<GapAccount>> {
  const runs = await appRuns(query.appId);
  if (!runs.length) return { rows: [], total: 0, totalCapped: false, next: null, prev: null };
  const search = query.q ? likePattern(query.q) : null;
  const base: unknown[] = [runs.map((r) => r.connector_id), search];
  const plan = planKeyset({ keyExpr: "lower(l.account_name)", idExpr: "l.seq", dir: "asc", after: query.after, before: query.before, first: base.length + 1, keyCast: "text" });
  // One app: its connector leads the index; every app: the name does.
  const connectors = runs.length === 1 ? "l.connector_id = ($1::text[])[1]" : "l.connector_id = ANY($1::text[])";
  const filter = `l.person_id IS NULL AND l.account_present AND ${connectors}`;
  // With $2 bound, `$2 IS NULL` folds away in the plan and the trigram index still serves.
  const match = `($2::text IS NULL OR (lower(l.account_name) || ' ' || lower(coalesce(l.account_email, ''))) LIKE $2)`;
  const read = async (source: string) =>
    (
      await getPool().query<DbUnmatched>(
        `SELECT l.seq::text AS seq, lower(l.account_name) AS sort_key, a.id AS app_id, a.name AS app_name, l.connector_id, l.resource_type_id, l.account_external_id,
                l.account_name, l.account_email, l.account_active, l.search_hits
           FROM (${source}) l
           JOIN connectors c ON c.id = l.connector_id JOIN applications a ON a.id = c.application_id
          ORDER BY ${plan.orderBy}`,
        [...base, ...plan.params],
      )
    ).rows;
  const limit = size + 1;
  const { rows, hits } = search
    ? await searchInOrder({ from: "account_links l", filter, match, cursor: plan.where, orderBy: plan.orderBy, limit }, read)
    : { rows: await read(`SELECT l.*, NULL::bigint AS search_hits FROM account_links l WHERE ${filter} AND ${match} AND ${plan.where} ORDER BY ${plan.orderBy} LIMIT ${limit}`), hits: null };
  const page = finishPage(rows, plan, size, (row) => encodeCursor(row.sort_key, row.seq));
  const accounts = page.rows.map(
    (r): GapAccount => ({
      rowId: `${r.connector_id}:${r.resource_type_id}:${r.account_external_id}`,
      appId: r.app_id,
      appName: r.app_name,
      connectorId: r.connector_id,
      resourceTypeId: r.resource_type_id,
      externalId: r.account_external_id,
      name: r.account_name,
      email: r.account_email,
      status: r.account_active ? "enabled" : "disabled",
    }),
  );
  // Without a search the matcher's own counts answer; a search counts, up to a cap.
  if (!search) return { ...page, rows: accounts, total: runs.reduce((n, r) => n + (r.unmatched ?? 0), 0), totalCapped: false };
  const n = hits ?? (await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM account_links l WHERE ${filter} AND ${match} LIMIT ${SEARCH_COUNT_CAP + 1}) m`, base)).rows[0]?.n ?? 0;
  return { ...page, rows: accounts, total: Math.min(n, SEARCH_COUNT_CAP), totalCapped: n > SEARCH_COUNT_CAP };
}
