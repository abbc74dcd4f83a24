// The Grant dialog's account picker: every account of the connector that may hold the
// entitlement, searched on the server as the person types and paged by keyset, so it costs the
// same among 1,000,000 accounts as among 10. The statement walks the same partial indexes as the
// Accounts tab (name order, trigram search on name and email); accounts that already hold the
// entitlement come back marked, to be shown as such, not left out.
import { getPool } from "@/lib/db/client";
import { ACCOUNT_SEARCH } from "./accounts";
import { encodeCursor, finishPage, likePattern, planKeyset } from "./keyset";

export type GrantCandidate = { resourceTypeId: string; externalId: string; name: string; email: string | null; holds: boolean };
export type GrantCandidatePage = { rows: GrantCandidate[]; next: string | null };

/** One request's worth: enough to fill the list box, small enough to answer within a keystroke. */
export const CANDIDATE_PAGE_SIZE = 20;

type DbCandidate = { id: string; resource_type_id: string; external_id: string; display_name: string; email: string | null; sort_key: string; holds: boolean };

export async function searchGrantCandidates(runId: string, entitlementId: string, query: { q?: string; after?: string }, size = CANDIDATE_PAGE_SIZE): Promise<GrantCandidatePage> {
  const pool = getPool();
  const { rows: found } = await pool.query<{ grantable_to: string[] | null }>(`SELECT grantable_to FROM entitlements WHERE sync_run_id = $1 AND external_id = $2`, [runId, entitlementId]);
  if (!found[0]) return { rows: [], next: null };
  // Only the account types the entitlement may go to (Temporal service accounts carry the user
  // trait but are sync only): the same rule provisioningRefusal applies on submit.
  const grantableTo = found[0].grantable_to?.length ? found[0].grantable_to : null;
  const search = query.q ? likePattern(query.q) : null;
  const base: unknown[] = [runId, search, entitlementId, grantableTo];
  const plan = planKeyset({ keyExpr: "lower(r.display_name)", idExpr: "r.id", dir: "asc", after: query.after, first: base.length + 1, keyCast: "text" });
  const { rows } = await pool.query<DbCandidate>(
    `SELECT r.id, r.resource_type_id, r.external_id, r.display_name, r.email, lower(r.display_name) AS sort_key,
            EXISTS (SELECT 1 FROM grants g WHERE g.sync_run_id = r.sync_run_id AND hashtext(g.entitlement_id) = hashtext($3::text) AND g.entitlement_id = $3
                 AND hashtext(g.principal_external_id) = hashtext(r.external_id) AND g.principal_external_id = r.external_id
                 AND g.principal_type_id = r.resource_type_id) AS holds
       FROM resources r
      WHERE r.sync_run_id = $1 AND r.is_user AND ($4::text[] IS NULL OR r.resource_type_id = ANY($4::text[]))
        AND ($2::text IS NULL OR ${ACCOUNT_SEARCH}) AND ${plan.where}
      ORDER BY ${plan.orderBy}
      LIMIT ${size + 1}`,
    [...base, ...plan.params],
  );
  const page = finishPage(rows, plan, size, (row) => encodeCursor(row.sort_key, row.id));
  return {
    next: page.next,
    rows: page.rows.map((r) => ({ resourceTypeId: r.resource_type_id, externalId: r.external_id, name: r.display_name, email: r.email, holds: r.holds })),
  };
}
