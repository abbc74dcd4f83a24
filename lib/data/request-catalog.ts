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

type CatalogRow = {
  app_id: string; app_name: string; connector_id: string; connector_name: string; external_id: string;
  display_name: string; description: string | null; sort_name: string; o: Parameters<typeof policyOf>[0] | null; d: Parameters<typeof policyOf>[0] | null;
};

const CATALOG_SQL = `
  WITH cons AS (
    SELECT c.id, c.display_name, c.current_sync_run_id AS run_id, a.id AS app_id, a.name AS app_name
      FROM connectors c JOIN applications a ON a.id = c.application_id
     WHERE c.provisioning_enabled AND NOT c.disabled AND c.current_sync_run_id IS NOT NULL
       AND c.catalog_id IN ('temporal-cloud', 'cloudflare', 'baton')
  )
  SELECT cons.app_id, cons.app_name, cons.id AS connector_id, cons.display_name AS connector_name, e.external_id, e.display_name,
         e.description, lower(e.display_name) AS sort_name, to_jsonb(o) AS o, to_jsonb(d) AS d
    FROM cons
    JOIN entitlements e ON e.sync_run_id = cons.run_id AND e.provisionable
    LEFT JOIN request_settings d ON d.application_id = cons.app_id AND d.connector_id = '' AND d.entitlement_id = ''
    LEFT JOIN request_settings o ON o.application_id = cons.app_id AND o.connector_id = cons.id AND o.entitlement_id = e.external_id
   WHERE coalesce(o.requestable, d.requestable, false)
     AND ($1::text IS NULL OR lower(e.display_name) LIKE $1 OR lower(cons.app_name) LIKE $1)
     AND ($2::text IS NULL OR (lower(e.display_name), cons.id, e.external_id) > ($2::text COLLATE "C", $3::text COLLATE "C", $4::text COLLATE "C"))
   ORDER BY lower(e.display_name), cons.id, e.external_id
   LIMIT $5`;

const likePattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listCatalog(user: { id: string; email: string }, query: { q?: string; after?: string }, pageSize = 25): Promise<CatalogPage> {
  const cursor = decodeCursor(query.after);
  const { rows } = await getPool().query<CatalogRow>(CATALOG_SQL, [query.q ? likePattern(query.q) : null, cursor?.[0] ?? null, cursor?.[1] ?? null, cursor?.[2] ?? null, pageSize + 1]);
  const page = rows.slice(0, pageSize);
  const connectorIds = [...new Set(page.map((r) => r.connector_id))];
  const [accounts, open] = await Promise.all([findMatchedAccounts(user.email, connectorIds), listOpenRequests(user.id, connectorIds)]);
  const held = await listHeld(page, accounts);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      appId: r.app_id,
      appName: r.app_name,
      connectorId: r.connector_id,
      connectorName: r.connector_name,
      entitlementId: r.external_id,
      name: r.display_name,
      description: r.description,
      policy: r.o ? policyOf(r.o) : r.d ? policyOf(r.d) : DEFAULT_POLICY,
      account: accounts.get(r.connector_id) ?? null,
      held: held.has(`${r.connector_id}\u0000${r.external_id}`),
      openRequest: open.get(`${r.connector_id}\u0000${r.external_id}`) ?? null,
    })),
    next: rows.length > pageSize && last ? encodeCursor([last.sort_name, last.connector_id, last.external_id]) : null,
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
  const pairs = page.filter((r) => accounts.has(r.connector_id));
  if (!pairs.length) return new Set();
  const { rows } = await getPool().query<{ connector_id: string; entitlement_id: string }>(
    `SELECT p.connector_id, p.entitlement_id
       FROM unnest($1::text[], $2::text[], $3::text[]) AS p(connector_id, entitlement_id, principal_id)
       JOIN connectors c ON c.id = p.connector_id
      WHERE EXISTS (SELECT 1 FROM grants g WHERE g.sync_run_id = c.current_sync_run_id AND hashtext(g.principal_external_id) = hashtext(p.principal_id)
                       AND g.principal_external_id = p.principal_id AND g.entitlement_id = p.entitlement_id)`,
    [pairs.map((r) => r.connector_id), pairs.map((r) => r.external_id), pairs.map((r) => accounts.get(r.connector_id)!.externalId)],
  );
  return new Set(rows.map((r) => `${r.connector_id}\u0000${r.entitlement_id}`));
}
