// Decisions and reassignments: one UPDATE each, guarded in its WHERE (campaign active, item
// mine, not yet being remediated), so a closed campaign, someone else's item or a lost race
// changes nothing. The UPDATE returns what it changed; what it did not change is explained
// from a second read, so the reviewer sees why. Each changed item gets its own audit row,
// written by the same statement (a CTE), so 10,000 decisions are one round trip.
import { getPool } from "@/lib/db/client";
import { now } from "@/lib/clock";

type Actor = { id: string; email: string };
export type DecideResult = { changed: number; refused: { id: string; why: string }[]; remediateNow: boolean };

async function explainMissed(campaignId: string, ids: string[], changed: Set<string>, userId: string) {
  const missed = ids.filter((id) => !changed.has(id));
  if (!missed.length) return [];
  const { rows } = await getPool().query<{ id: string; status: string; reviewer_id: string; reviewer: string | null; remediation: string | null; gone: boolean }>(
    `SELECT i.id::text, c.status, i.reviewer_id, u.email AS reviewer, i.remediation, i.gone_at IS NOT NULL AS gone
       FROM reviews.items i JOIN access_review_campaigns c ON c.id = i.campaign_id LEFT JOIN users u ON u.id = i.reviewer_id
      WHERE i.campaign_id = $1 AND i.id = ANY($2::bigint[]) LIMIT 20`,
    [campaignId, missed],
  );
  const found = new Map(rows.map((row) => [row.id, row]));
  return missed.slice(0, 20).map((id) => {
    const row = found.get(id);
    if (!row) return { id, why: "This item does not exist." };
    if (row.status !== "ACTIVE") return { id, why: "The campaign is no longer active: decisions are closed." };
    if (row.reviewer_id !== userId) return { id, why: `This item is no longer assigned to you (it is ${row.reviewer ?? "someone else"}'s now).` };
    if (row.gone) return { id, why: "The access was gone before a decision." };
    if (row.remediation) return { id, why: "Its revoke has already been sent." };
    return { id, why: "It could not be changed." };
  });
}

export async function decideItems(input: { campaignId: string; itemIds: string[]; decision: "certify" | "revoke"; reason: string }, actor: Actor): Promise<DecideResult> {
  const at = now();
  const { rows } = await getPool().query<{ id: string; remediate_now: boolean }>(
    `WITH changed AS (
       UPDATE reviews.items i SET decision = $3, reason = nullif($4, ''), decided_by_id = $5, decided_at = $7,
              remediation = CASE WHEN $3 = 'revoke' AND c.remediate_immediately THEN 'pending' END
         FROM access_review_campaigns c
        WHERE i.campaign_id = $1 AND i.id = ANY($2::bigint[]) AND c.id = i.campaign_id AND c.status = 'ACTIVE'
          AND i.reviewer_id = $5 AND i.remediation IS NULL AND i.gone_at IS NULL
       RETURNING i.id, i.connector_id, i.account_name, i.entitlement_name, i.app_name, c.remediate_immediately
     ), audited AS (
       INSERT INTO audit_events (actor_id, actor_email, kind, connector_id, target_type, target_id, summary, result, data)
       SELECT $5, $6, 'review.decided', connector_id, 'access_review_item', $1 || ':' || id,
              $6 || ' ' || CASE WHEN $3 = 'revoke' THEN 'revoked' ELSE 'certified' END || ' ' || entitlement_name || ' of ' || account_name || ' in ' || app_name,
              'ok', jsonb_build_object('decision', $3::text, 'reason', nullif($4, ''))
         FROM changed
     )
     SELECT id::text, remediate_immediately AS remediate_now FROM changed`,
    [input.campaignId, input.itemIds, input.decision, input.reason, actor.id, actor.email, at],
  );
  const changed = new Set(rows.map((row) => row.id));
  return {
    changed: changed.size,
    refused: await explainMissed(input.campaignId, input.itemIds, changed, actor.id),
    remediateNow: input.decision === "revoke" && rows.some((row) => row.remediate_now),
  };
}

export async function reassignItems(input: { campaignId: string; itemIds: string[]; toUserId: string; note: string }, actor: Actor): Promise<DecideResult & { to: string }> {
  const { rows: target } = await getPool().query<{ email: string }>(`SELECT email FROM users WHERE id = $1 AND NOT disabled`, [input.toUserId]);
  const to = target[0]?.email;
  if (!to) return { changed: 0, refused: [{ id: "", why: "Choose an active user to reassign to." }], remediateNow: false, to: "" };
  if (input.toUserId === actor.id) return { changed: 0, refused: [{ id: "", why: "These items are already yours." }], remediateNow: false, to };
  const { rows } = await getPool().query<{ id: string }>(
    `WITH changed AS (
       UPDATE reviews.items i SET reviewer_id = $3, reassigned_from_id = $4, reassign_note = nullif($6, ''), decision = NULL, reason = NULL, decided_by_id = NULL, decided_at = NULL
         FROM access_review_campaigns c
        WHERE i.campaign_id = $1 AND i.id = ANY($2::bigint[]) AND c.id = i.campaign_id AND c.status = 'ACTIVE'
          AND i.reviewer_id = $4 AND i.remediation IS NULL AND i.gone_at IS NULL
       RETURNING i.id, i.connector_id, i.account_name, i.entitlement_name
     ), audited AS (
       INSERT INTO audit_events (actor_id, actor_email, kind, connector_id, target_type, target_id, summary, result, data)
       SELECT $4, $5, 'review.reassigned', connector_id, 'access_review_item', $1 || ':' || id,
              $5 || ' reassigned the review of ' || entitlement_name || ' of ' || account_name || ' to ' || $7, 'ok', jsonb_build_object('to', $3::text, 'note', nullif($6, ''))
         FROM changed
     )
     SELECT id::text FROM changed`,
    [input.campaignId, input.itemIds, input.toUserId, actor.id, actor.email, input.note, to],
  );
  const changed = new Set(rows.map((row) => row.id));
  return { changed: changed.size, refused: await explainMissed(input.campaignId, input.itemIds, changed, actor.id), remediateNow: false, to };
}
