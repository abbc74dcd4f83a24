// The Request access catalog: the requestable entitlements of every app (the connectors'
// current snapshots joined with the request settings), searchable and keyset-paged, with what
// the requester already holds and whether they have an account there to grant it to.
import { getPool } from "@/lib/db/client";
import { decodeCursor, encodeCursor } from "./request-cursor";
import { DEFAULT_POLICY, policyOf, type RequestPolicy } from "./request-settings";

export type MatchedAccount = { connectorId: string; resourceTypeId: string; externalId: string; name: string };

/**
 * The requester's account in each connector: the console email equal to the account's email,
 * else through the People directory (the account linked to the person with that email).
 */
export async function findMatchedAccounts(email: string, connectorIds?: string[]): Promise<Map<string, MatchedAccount>> {
  const key = email.trim().toLowerCase();
  const { rows } = await getPool().query<{ connector_id: string; resource_type_id: string; external_id: string; display_name: string }>(
    `SELECT * FROM (
       SELECT c.id AS connector_id, r.resource_type_id, r.external_id, r.display_name, 0 AS via
         FROM connectors c JOIN resources r ON r.sync_run_id = c.current_sync_run_id AND r.is_user AND lower(coalesce(r.email, '')) = $1
        WHERE ($2::text[] IS NULL OR c.id = ANY($2))
       UNION ALL
       SELECT al.connector_id, al.resource_type_id, al.account_external_id, al.account_name, 1
         FROM people p JOIN account_links al ON al.person_id = p.id AND al.account_present
        WHERE p.email_key = $1 AND p.removed_at IS NULL AND ($2::text[] IS NULL OR al.connector_id = ANY($2))
     ) m ORDER BY via, resource_type_id = 'user' DESC`,
    [key, connectorIds ?? null],
  );
  const accounts = new Map<string, MatchedAccount>();
  for (const row of rows) {
    if (!accounts.has(row.connector_id)) accounts.set(row.connector_id, { connectorId: row.connector_id, resourceTypeId: row.resource_type_id, externalId: row.external_id, name: row.display_name });
  }
  return accounts;
}

export type CatalogItem = {
  appId: string;
  appName: string;
  connectorId: string;
  connectorName: string;
  entitlementId: string;
  name: string;
  description: string | null;
  policy: RequestPolicy;
  account: MatchedAccount | null;
  held: boolean;
  openRequest: { id: string; state: string } | null;
};

export type CatalogPage = { rows: CatalogItem[]; next: string | null };

type SettingRow = Parameters<typeof policyOf>[0];
type ConnectorRow = { id: string; display_name: string; run_id: string; app_id: string; app_name: string; d: SettingRow | null; app_requestable: boolean };
type EntitlementRow = { sync_run_id: string; row_id: string; external_id: string; display_name: string; description: string | null; sort_name: string; o: SettingRow | null };
type CatalogRow = EntitlementRow & { connector: ConnectorRow };

/** The connectors whose entitlements may be requested: provisioning on, synced, something requestable. */
const CONNECTORS_SQL = `
  SELECT c.id, c.display_name, c.current_sync_run_id AS run_id, a.id AS app_id, a.name AS app_name, to_jsonb(d) AS d, coalesce(d.requestable, false) AS app_requestable
    FROM connectors c JOIN applications a ON a.id = c.application_id AND a.managed
    LEFT JOIN request_settings d ON d.application_id = a.id AND d.connector_id = '' AND d.entitlement_id = ''
   WHERE c.provisioning_enabled AND NOT c.disabled AND c.current_sync_run_id IS NOT NULL AND c.catalog_id IN ('temporal-cloud', 'cloudflare', 'baton')
     AND (coalesce(d.requestable, false) OR EXISTS (SELECT 1 FROM request_settings o WHERE o.application_id = a.id AND o.connector_id = c.id AND o.requestable))`;

// Walks the snapshots' (lower(display_name), id) index in order (a merge of the partitions), so a
// page reads about a page of rows however many entitlements there are.
const CATALOG_SQL = `
  SELECT e.sync_run_id, e.id::text AS row_id, e.external_id, e.display_name, e.description, lower(e.display_name) AS sort_name, to_jsonb(o) AS o
    FROM entitlements e
    LEFT JOIN request_settings o ON o.application_id = ($6::text[])[array_position($5::text[], e.sync_run_id::text)]
         AND o.connector_id = ($7::text[])[array_position($5::text[], e.sync_run_id::text)] AND o.entitlement_id = e.external_id
   WHERE e.sync_run_id = ANY($5::text[]) AND e.provisionable
     AND coalesce(o.requestable, ($8::boolean[])[array_position($5::text[], e.sync_run_id::text)])
     AND ($1::text IS NULL OR lower(e.display_name) LIKE $1 OR e.sync_run_id = ANY($9::text[]))
     AND ($2::text IS NULL OR (lower(e.display_name), e.id) > ($2::text COLLATE "C", $3::bigint))
   ORDER BY lower(e.display_name), e.id
   LIMIT $4`;

/**
 * A search reads the matches and sorts them: walking the name index in order would read most of
 * it before finding a rare match. The same order, on an expression the index does not cover.
 */
const SEARCH_SQL = CATALOG_SQL.replace("ORDER BY lower(e.display_name), e.id", "ORDER BY lower(e.display_name) || '', e.id");

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listCatalog(user: { id: string; email: string }, query: { q?: string; after?: string }, pageSize = 25): Promise<CatalogPage> {
  const cursor = decodeCursor(query.after);
  const pool = getPool();
  const { rows: connectors } = await pool.query<ConnectorRow>(CONNECTORS_SQL);
  if (!connectors.length) return { rows: [], next: null };
  const byRun = new Map(connectors.map((c) => [c.run_id, c]));
  const pattern = query.q ? likePattern(query.q) : null;
  const { rows: found } = await pool.query<EntitlementRow>(pattern ? SEARCH_SQL : CATALOG_SQL, [
    pattern, cursor?.[0] ?? null, cursor?.[1] && /^\d{1,19}$/.test(cursor[1]) ? cursor[1] : cursor ? "0" : null, pageSize + 1,
    connectors.map((c) => c.run_id), connectors.map((c) => c.app_id), connectors.map((c) => c.id), connectors.map((c) => c.app_requestable), connectors.filter((c) => query.q && c.app_name.toLowerCase().includes(query.q.toLowerCase())).map((c) => c.run_id),
  ]);
  const rows: CatalogRow[] = found.map((r) => ({ ...r, connector: byRun.get(r.sync_run_id)! }));
  const page = rows.slice(0, pageSize);
  const connectorIds = [...new Set(page.map((r) => r.connector.id))];
  const [accounts, open] = await Promise.all([findMatchedAccounts(user.email, connectorIds), listOpenRequests(user.id, connectorIds)]);
  const held = await listHeld(page, accounts);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      appId: r.connector.app_id,
      appName: r.connector.app_name,
      connectorId: r.connector.id,
      connectorName: r.connector.display_name,
      entitlementId: r.external_id,
      name: r.display_name,
      description: r.description,
      policy: r.o ? policyOf(r.o) : r.connector.d ? policyOf(r.connector.d) : DEFAULT_POLICY,
      account: accounts.get(r.connector.id) ?? null,
      held: held.has(`${r.connector.id}\u0000${r.external_id}`),
      openRequest: open.get(`${r.connector.id}\u0000${r.external_id}`) ?? null,
    })),
    next: rows.length > pageSize && last ? encodeCursor([last.sort_name, last.row_id, ""]) : null,
  };
}

async function listOpenRequests(userId: string, connectorIds: string[]) {
  const { rows } = await getPool().query<{ id: string; connector_id: string; entitlement_id: string; state: string }>(
    `SELECT id, connector_id, entitlement_id, state FROM access_requests
      WHERE requester_id = $1 AND connector_id = ANY($2) AND extends_request_id IS NULL AND ended_at IS NULL
        AND state IN ('PENDING', 'APPROVED', 'PROVISIONING', 'ACTIVE', 'FAILED')`,
    [userId, connectorIds],
  );
  return new Map(rows.map((r) => [`${r.connector_id}\u0000${r.entitlement_id}`, { id: r.id, state: r.state }]));
}

/** Which of the page's entitlements the requester's accounts hold in the current snapshots. */
async function listHeld(page: CatalogRow[], accounts: Map<string, MatchedAccount>): Promise<Set<string>> {
  const pairs = page.filter((r) => accounts.has(r.connector.id));
  if (!pairs.length) return new Set();
  const { rows } = await getPool().query<{ connector_id: string; entitlement_id: string }>(
    `SELECT p.connector_id, p.entitlement_id
       FROM unnest($1::text[], $2::text[], $3::text[]) AS p(connector_id, entitlement_id, principal_id)
       JOIN connectors c ON c.id = p.connector_id
      WHERE EXISTS (SELECT 1 FROM grants g WHERE g.sync_run_id = c.current_sync_run_id AND hashtext(g.principal_external_id) = hashtext(p.principal_id)
                       AND g.principal_external_id = p.principal_id AND g.entitlement_id = p.entitlement_id)`,
    [pairs.map((r) => r.connector.id), pairs.map((r) => r.external_id), pairs.map((r) => accounts.get(r.connector.id)!.externalId)],
  );
  return new Set(rows.map((r) => `${r.connector_id}\u0000${r.entitlement_id}`));
}
