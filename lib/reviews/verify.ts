// After each published sync of a connector: every revoke sent before the sync started (claimed
// before it; a revoke recorded while a sync reads makes it read again) is checked once
// against the new snapshot (Revoked → Verified, or "Still present after revoke", which alerts
// the owners), and undecided items of active campaigns whose grant left the upstream are marked
// "gone before decision". Two UPDATEs over the new run's grants; the items stay frozen otherwise.
import type pg from "pg";
import { getAppUrl } from "@/lib/env";
import { now } from "@/lib/clock";
import { sendMail } from "@/lib/mail/send";
import { revokeStillPresentEmail } from "@/lib/mail/review-templates";
import type { AfterPublishHook } from "@/lib/sync/after-publish";

const HELD = `EXISTS (SELECT 1 FROM grants g WHERE g.sync_run_id = $2 AND g.entitlement_id = i.entitlement_id AND g.principal_type_id = i.account_type_id AND g.principal_external_id = i.account_id)`;

async function verifyRevokes(client: pg.ClientBase, runId: string, connectorId: string) {
  const { rows } = await client.query<{ campaign_id: string; name: string; app_name: string; still: number }>(
    `WITH checked AS (
       UPDATE reviews.items i SET verification = CASE WHEN ${HELD} THEN 'still_present' ELSE 'verified' END, verified_at = $3
         FROM sync_runs r
        WHERE r.id = $2 AND i.connector_id = $1 AND i.remediation IN ('sent', 'manual_done') AND i.verification IS NULL
          AND i.remediation_claimed_at <= coalesce(r.started_at, r.queued_at)
       RETURNING i.campaign_id, i.app_name, i.verification)
     SELECT c.campaign_id, a.name, c.app_name, count(*)::int AS still FROM checked c JOIN access_review_campaigns a ON a.id = c.campaign_id
      WHERE c.verification = 'still_present' GROUP BY c.campaign_id, a.name, c.app_name`,
    [connectorId, runId, now()],
  );
  return rows;
}

async function markGone(client: pg.ClientBase, runId: string, connectorId: string) {
  await client.query(
    `UPDATE reviews.items i SET gone_at = $3 FROM access_review_campaigns c
      WHERE c.id = i.campaign_id AND c.status = 'ACTIVE' AND i.connector_id = $1 AND i.decision IS NULL AND i.gone_at IS NULL AND NOT ${HELD}`,
    [connectorId, runId, now()],
  );
}

async function alertOwners(client: pg.ClientBase, connectorId: string, still: { campaign_id: string; name: string; app_name: string; still: number }[]) {
  if (!still.length) return;
  const { rows: owners } = await client.query<{ name: string; email: string }>(
    `SELECT u.name, u.email FROM connector_owners co JOIN users u ON u.id = co.user_id AND NOT u.disabled WHERE co.connector_id = $1`,
    [connectorId],
  );
  for (const group of still) {
    for (const owner of owners) {
      const link = `${getAppUrl()}/reviews?campaign=${group.campaign_id}`;
      await sendMail({ kind: "review.still_present", to: owner.email, ...revokeStillPresentEmail({ name: owner.name, campaign: group.name, app: group.app_name, count: group.still, link }) });
    }
  }
}

export const verifyReviewRevokes: AfterPublishHook = {
  name: "Access-review verification",
  run: async (client, { runId, connectorId }) => {
    const still = await verifyRevokes(client, runId, connectorId);
    await markGone(client, runId, connectorId);
    await alertOwners(client, connectorId, still);
  },
};
