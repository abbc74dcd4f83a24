// Launch: in one transaction, take the draft (one UPDATE … WHERE status = 'DRAFT', so two
// clicks launch once), freeze its items with one INSERT … SELECT into a fresh table, attach it
// as the campaign's partition and count the reviewers. Then each reviewer gets one email.
import { ActionError } from "@/lib/action-error";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction } from "@/lib/db/client";
import { getAppUrl } from "@/lib/env";
import { now } from "@/lib/clock";
import { sendMail } from "@/lib/mail/send";
import { reviewLaunchEmail } from "@/lib/mail/review-templates";
import type { CampaignScope } from "@/lib/validation/reviews";
import { attachItemsTable, createItemsTable, itemsPartition } from "./items-table";
import { ITEM_COLUMNS, itemsSelect } from "./launch-sql";

type Actor = { id: string; email: string };
type Claimed = { id: string; name: string; scope: CampaignScope; reviewer_policy: string; named_reviewer_ids: string[]; fallback_reviewer_id: string; due_at: Date };

export async function launchCampaign(campaignId: string, actor: Actor) {
  const at = now();
  const launched = await inTransaction(async (client) => {
    const { rows } = await client.query<Claimed>(
      `UPDATE access_review_campaigns SET status = 'ACTIVE', launched_at = $2 WHERE id = $1 AND status = 'DRAFT'
       RETURNING id, name, scope, reviewer_policy, named_reviewer_ids, fallback_reviewer_id, due_at`,
      [campaignId, at],
    );
    const campaign = rows[0];
    if (!campaign) throw new ActionError("Only a draft campaign can be launched; this one was launched, closed or cancelled already.");
    // The partition's indexes are built once, at attach: give the sort room to stay in memory.
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await createItemsTable(client, campaignId);
    const select = itemsSelect({ campaignId, scope: campaign.scope, policy: campaign.reviewer_policy, namedReviewerIds: campaign.named_reviewer_ids, fallbackReviewerId: campaign.fallback_reviewer_id });
    const inserted = await client.query(`INSERT INTO ${itemsPartition(campaignId)} (${ITEM_COLUMNS}) ${select.text}`, select.values);
    await attachItemsTable(client, campaignId);
    // A fresh table has no statistics: without them the inbox's first pages are planned blind
    // (a whole-app campaign's first page read every item of its reviewer to sort them).
    await client.query(`ANALYZE ${itemsPartition(campaignId)}`);
    await client.query(`UPDATE access_review_campaigns SET item_count = $2 WHERE id = $1`, [campaignId, inserted.rowCount ?? 0]);
    const reviewers = await client.query<{ id: string; name: string; email: string; count: number }>(
      `WITH counted AS (
         INSERT INTO access_review_reviewers (campaign_id, user_id, assigned_count, notified_at)
         SELECT $1, reviewer_id, count(*), $2 FROM reviews.items WHERE campaign_id = $1 GROUP BY reviewer_id
         RETURNING user_id, assigned_count)
       SELECT u.id, u.name, u.email, c.assigned_count AS count FROM counted c JOIN users u ON u.id = c.user_id`,
      [campaignId, at],
    );
    return { campaign, count: inserted.rowCount ?? 0, reviewers: reviewers.rows };
  });
  const link = `${getAppUrl()}/reviews?campaign=${campaignId}`;
  for (const reviewer of launched.reviewers) {
    await sendMail({ kind: "review.launched", to: reviewer.email, ...reviewLaunchEmail({ name: reviewer.name, campaign: launched.campaign.name, count: reviewer.count, dueAt: launched.campaign.due_at, link }) });
  }
  await recordAudit({
    actor,
    kind: "review.launched",
    summary: `${actor.email} launched the access review ${launched.campaign.name}: ${launched.count} items for ${launched.reviewers.length} reviewers`,
    targetType: "access_review",
    targetId: campaignId,
    data: { items: launched.count, reviewers: launched.reviewers.map((r) => r.email) },
  });
  return { items: launched.count, reviewers: launched.reviewers.length };
}
