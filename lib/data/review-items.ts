// Review items: the reviewer's inbox (keyset pages on (reviewer, campaign, id)), the admin's
// view of a campaign, the owners' remediation tasks, and every item of a campaign streamed from
// a server-side cursor for the exports.
import { getPool } from "@/lib/db/client";
import { now } from "@/lib/clock";
import type { InboxQuery } from "@/lib/validation/reviews";

export type ReviewItem = {
  id: string;
  campaignId: string;
  reviewerId: string;
  reviewerEmail: string | null;
  connectorId: string;
  appName: string;
  accountName: string;
  accountEmail: string | null;
  personName: string | null;
  entitlementName: string;
  entitlementDescription: string | null;
  lastSyncAt: Date | null;
  orphaned: boolean;
  unmatched: boolean;
  privileged: boolean;
  decision: string | null;
  reason: string | null;
  decidedByEmail: string | null;
  decidedAt: Date | null;
  reassignNote: string | null;
  gone: boolean;
  remediation: string | null;
  remediationMessage: string | null;
  verification: string | null;
  verifiedAt: Date | null;
};

const ITEM_SELECT = `i.id::text, i.campaign_id AS "campaignId", i.reviewer_id AS "reviewerId", ru.email AS "reviewerEmail", i.connector_id AS "connectorId",
  i.app_name AS "appName", i.account_name AS "accountName", i.account_email AS "accountEmail", i.person_name AS "personName",
  i.entitlement_name AS "entitlementName", i.entitlement_description AS "entitlementDescription", i.last_sync_at AS "lastSyncAt",
  i.orphaned, i.unmatched, i.privileged, i.decision, i.reason, du.email AS "decidedByEmail", i.decided_at AS "decidedAt",
  i.reassign_note AS "reassignNote", i.gone_at IS NOT NULL AS gone, i.remediation, i.remediation_message AS "remediationMessage",
  i.verification, i.verified_at AS "verifiedAt"`;
const ITEM_JOINS = `LEFT JOIN users ru ON ru.id = i.reviewer_id LEFT JOIN users du ON du.id = i.decided_by_id`;

export const INBOX_PAGE = 50;

function filters(query: InboxQuery, params: unknown[]) {
  const where: string[] = [];
  const add = (value: unknown) => `$${params.push(value)}`;
  if (query.app) where.push(`i.app_id = ${add(query.app)}`);
  if (query.flag === "undecided") where.push(`i.decision IS NULL AND i.gone_at IS NULL`);
  else if (query.flag) where.push(`i.${query.flag}`);
  if (query.q) {
    const like = add(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(i.account_name ILIKE ${like} OR i.account_email ILIKE ${like} OR i.person_name ILIKE ${like} OR i.entitlement_name ILIKE ${like})`);
  }
  return where.length ? ` AND ${where.join(" AND ")}` : "";
}

/** One page of my items in one campaign, after the cursor (an item id), in id order. */
export async function listInboxPage(userId: string, campaignId: string, query: InboxQuery): Promise<{ rows: ReviewItem[]; next: string | null }> {
  const params: unknown[] = [userId, campaignId];
  const extra = filters(query, params);
  const after = query.after ? ` AND i.id > $${params.push(query.after)}` : "";
  const { rows } = await getPool().query<ReviewItem>(
    `SELECT ${ITEM_SELECT} FROM reviews.items i ${ITEM_JOINS}
      WHERE i.reviewer_id = $1 AND i.campaign_id = $2${after}${extra} ORDER BY i.id LIMIT ${INBOX_PAGE + 1}`,
    params,
  );
  const more = rows.length > INBOX_PAGE;
  const page = rows.slice(0, INBOX_PAGE);
  return { rows: page, next: more ? page[page.length - 1].id : null };
}

/** One page of a campaign's items for its admin page (any reviewer). */
export async function listCampaignItemsPage(campaignId: string, query: InboxQuery): Promise<{ rows: ReviewItem[]; next: string | null }> {
  const params: unknown[] = [campaignId];
  const extra = filters(query, params);
  const after = query.after ? ` AND i.id > $${params.push(query.after)}` : "";
  const { rows } = await getPool().query<ReviewItem>(
    `SELECT ${ITEM_SELECT} FROM reviews.items i ${ITEM_JOINS} WHERE i.campaign_id = $1${after}${extra} ORDER BY i.id LIMIT ${INBOX_PAGE + 1}`,
    params,
  );
  const more = rows.length > INBOX_PAGE;
  const page = rows.slice(0, INBOX_PAGE);
  return { rows: page, next: more ? page[page.length - 1].id : null };
}

/**
 * The apps among my items in a campaign: the inbox's app filter. One look per app of the
 * campaign's scope (a handful) instead of a DISTINCT over all my items (millions in a whole-app campaign).
 */
export async function listInboxApps(userId: string, campaignId: string) {
  const { rows } = await getPool().query<{ id: string; name: string }>(
    `SELECT x.app_id AS id, x.app_name AS name
       FROM access_review_campaigns c
       CROSS JOIN LATERAL jsonb_array_elements_text(c.scope->'appIds') AS s(app_id)
       CROSS JOIN LATERAL (SELECT i.app_id, i.app_name FROM reviews.items i WHERE i.campaign_id = c.id AND i.reviewer_id = $1 AND i.app_id = s.app_id LIMIT 1) x
      WHERE c.id = $2 ORDER BY 2`,
    [userId, campaignId],
  );
  return rows;
}

/** Revokes the console could not make, for the owners of their connectors to do by hand. */
export async function listRemediationTasks(userId: string): Promise<ReviewItem[]> {
  const { rows } = await getPool().query<ReviewItem>(
    `SELECT ${ITEM_SELECT} FROM reviews.items i ${ITEM_JOINS}
      WHERE (i.remediation IN ('manual', 'failed') OR i.verification = 'still_present')
        AND i.connector_id IN (SELECT connector_id FROM connector_owners WHERE user_id = $1)
      ORDER BY i.campaign_id, i.id LIMIT 200`,
    [userId],
  );
  return rows;
}

/** An owner marks a by-hand revoke done: the next sync verifies it like any other. */
export async function markRemediatedByHand(campaignId: string, itemId: string, user: { id: string; email: string }, note: string) {
  const { rows } = await getPool().query<{ id: string; connector_id: string; entitlement_name: string; account_name: string; app_name: string }>(
    `UPDATE reviews.items i SET remediation = 'manual_done', verification = NULL, remediation_claimed_at = $4, remediated_at = $4,
            remediation_message = 'Revoked by hand by ' || $5 || coalesce(': ' || nullif($6, ''), '')
      WHERE i.campaign_id = $1 AND i.id = $2 AND (i.remediation IN ('manual', 'failed') OR i.verification = 'still_present')
        AND EXISTS (SELECT 1 FROM connector_owners co WHERE co.connector_id = i.connector_id AND co.user_id = $3)
      RETURNING i.id::text, i.connector_id, i.entitlement_name, i.account_name, i.app_name`,
    [campaignId, itemId, user.id, now(), user.email, note],
  );
  return rows[0] ?? null;
}

/** Every item of the campaign, `size` at a time, from a server-side cursor (flat memory). */
export async function* streamCampaignItems(campaignId: string, size = 5_000): AsyncGenerator<ReviewItem[]> {
  // Inlined, not a parameter: DECLARE takes none. Campaign ids are [a-z0-9] only (checked).
  if (!/^[a-z0-9]{1,40}$/.test(campaignId)) throw new Error("Invalid campaign id.");
  const client = await getPool().connect();
  try {
    await client.query("BEGIN READ ONLY");
    await client.query(`DECLARE review_items NO SCROLL CURSOR FOR SELECT ${ITEM_SELECT} FROM reviews.items i ${ITEM_JOINS} WHERE i.campaign_id = '${campaignId}' ORDER BY i.id`);
    for (;;) {
      const { rows } = await client.query<ReviewItem>(`FETCH ${size} FROM review_items`);
      if (rows.length) yield rows;
      if (rows.length < size) break;
    }
    await client.query("COMMIT");
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    client.release();
  }
}
