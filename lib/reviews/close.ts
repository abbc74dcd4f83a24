// Close and cancel. Closing is one transaction: the campaign leaves ACTIVE (one guarded UPDATE,
// so a second click or a racing decision sees it closed), undecided items get the campaign's
// default, every revoke becomes "pending", and the remediation job is sent on the same
// connection, so it exists exactly when the close committed. The job sends the revokes and then
// the owners' emails.
import { ActionError } from "@/lib/action-error";
import { recordAudit } from "@/lib/data/audit";
import { inTransaction } from "@/lib/db/client";
import { now } from "@/lib/clock";
import { getBoss } from "@/lib/sync/queue";
import type pg from "pg";
import { REVIEW_QUEUE, type ReviewJobData } from "./queue-name";

type Actor = { id: string; email: string };

export async function sendReviewJob(client: pg.ClientBase | null, data: ReviewJobData) {
  const boss = await getBoss();
  await boss.send(REVIEW_QUEUE, data, client ? { db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) } } : {});
}

export async function closeCampaign(campaignId: string, actor: Actor) {
  const at = now();
  const closed = await inTransaction(async (client) => {
    const { rows } = await client.query<{ name: string; default_decision: string }>(
      `UPDATE access_review_campaigns SET status = 'CLOSED', closed_at = $2 WHERE id = $1 AND status = 'ACTIVE' RETURNING name, default_decision`,
      [campaignId, at],
    );
    if (!rows[0]) throw new ActionError("Only an active campaign can be closed; this one is not active.");
    const { name, default_decision: fallback } = rows[0];
    const decision = fallback === "revoke" ? "revoke" : "certify";
    const defaulted = await client.query(
      `UPDATE reviews.items SET decision = $2, reason = $3, decided_at = $4 WHERE campaign_id = $1 AND decision IS NULL AND gone_at IS NULL`,
      [campaignId, decision, decision === "revoke" ? "Revoked by the campaign's default at close" : "Kept by the campaign's default at close", at],
    );
    const pending = await client.query(`UPDATE reviews.items SET remediation = 'pending' WHERE campaign_id = $1 AND decision = 'revoke' AND remediation IS NULL AND gone_at IS NULL`, [campaignId]);
    await sendReviewJob(client, { kind: "remediate", campaignId, notifyClose: true });
    return { name, defaulted: defaulted.rowCount ?? 0, revokes: pending.rowCount ?? 0, decision };
  });
  await recordAudit({
    actor,
    kind: "review.closed",
    summary: `${actor.email} closed the access review ${closed.name}: ${closed.revokes} revokes to send, ${closed.defaulted} undecided items ${closed.decision === "revoke" ? "revoked" : "kept"} by default`,
    targetType: "access_review",
    targetId: campaignId,
    data: { revokes: closed.revokes, defaulted: closed.defaulted },
  });
  return closed;
}

export async function cancelCampaign(campaignId: string, actor: Actor) {
  const { rows } = await inTransaction((client) =>
    client.query<{ name: string }>(`UPDATE access_review_campaigns SET status = 'CANCELLED', closed_at = $2 WHERE id = $1 AND status IN ('DRAFT', 'ACTIVE') RETURNING name`, [campaignId, now()]),
  );
  if (!rows[0]) throw new ActionError("Only a draft or active campaign can be cancelled.");
  await recordAudit({ actor, kind: "review.cancelled", summary: `${actor.email} cancelled the access review ${rows[0].name}`, targetType: "access_review", targetId: campaignId });
}
