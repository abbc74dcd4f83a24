// The emails that depend on time or on the close: owners at close, reminders before the due
// date, overdue items handed to the fallback reviewer. Each campaign-level send is claimed by
// one UPDATE of its timestamp first, so two workers (or a retried job) never send it twice.
import { getPool } from "@/lib/db/client";
import { getAppUrl } from "@/lib/env";
import { now } from "@/lib/clock";
import { sendMail } from "@/lib/mail/send";
import { reviewClosedEmail, reviewOverdueEmail, reviewReminderEmail } from "@/lib/mail/review-templates";
import { recordAudit } from "@/lib/data/audit";

const DAY_MS = 86_400_000;

/** The owners of every connector with items in the campaign (each once). */
export async function notifyOwnersOfClose(campaignId: string) {
  const pool = getPool();
  const { rows: figures } = await pool.query<{ name: string; certified: number; revoked: number; manual: number }>(
    `SELECT c.name, count(*) FILTER (WHERE i.decision = 'certify')::int AS certified, count(*) FILTER (WHERE i.decision = 'revoke')::int AS revoked,
            count(*) FILTER (WHERE i.remediation = 'manual')::int AS manual
       FROM access_review_campaigns c LEFT JOIN reviews.items i ON i.campaign_id = c.id WHERE c.id = $1 GROUP BY c.name`,
    [campaignId],
  );
  const { rows: owners } = await pool.query<{ name: string; email: string }>(
    `SELECT DISTINCT u.name, u.email FROM connector_owners co JOIN users u ON u.id = co.user_id AND NOT u.disabled
      WHERE co.connector_id IN (SELECT DISTINCT connector_id FROM reviews.items WHERE campaign_id = $1)`,
    [campaignId],
  );
  const link = `${getAppUrl()}/reviews?campaign=${campaignId}`;
  for (const owner of owners) {
    await sendMail({ kind: "review.closed", to: owner.email, ...reviewClosedEmail({ ...figures[0], name: owner.name, campaign: figures[0].name, link }) });
  }
}

/** Reminders: once a day per campaign while inside the reminder window, to reviewers with open items. */
export async function sendDueReminders() {
  const at = now();
  const pool = getPool();
  const { rows: campaigns } = await pool.query<{ id: string; name: string; due_at: Date }>(
    `UPDATE access_review_campaigns SET reminded_at = $1
      WHERE status = 'ACTIVE' AND reminder_days > 0 AND due_at > $1 AND due_at - make_interval(days => reminder_days) <= $1
        AND (reminded_at IS NULL OR reminded_at <= $2)
      RETURNING id, name, due_at`,
    [at, new Date(at.getTime() - DAY_MS)],
  );
  for (const campaign of campaigns) {
    const { rows } = await pool.query<{ name: string; email: string; open: number }>(
      `SELECT u.name, u.email, count(*)::int AS open FROM reviews.items i JOIN users u ON u.id = i.reviewer_id
        WHERE i.campaign_id = $1 AND i.decision IS NULL AND i.gone_at IS NULL GROUP BY u.name, u.email`,
      [campaign.id],
    );
    const link = `${getAppUrl()}/reviews?campaign=${campaign.id}`;
    for (const r of rows) await sendMail({ kind: "review.reminder", to: r.email, ...reviewReminderEmail({ name: r.name, campaign: campaign.name, open: r.open, dueAt: campaign.due_at, link }) });
  }
  return campaigns.length;
}

/** Past the due date: undecided items move to the fallback reviewer, who is told once. */
export async function handOverdueToFallback() {
  const at = now();
  const pool = getPool();
  const { rows: campaigns } = await pool.query<{ id: string; name: string; fallback_reviewer_id: string }>(
    `UPDATE access_review_campaigns SET overdue_at = $1 WHERE status = 'ACTIVE' AND due_at <= $1 AND overdue_at IS NULL RETURNING id, name, fallback_reviewer_id`,
    [at],
  );
  for (const campaign of campaigns) {
    const moved = await pool.query(
      `UPDATE reviews.items SET reassigned_from_id = reviewer_id, reviewer_id = $2, reassign_note = 'Overdue: handed to the fallback reviewer'
        WHERE campaign_id = $1 AND decision IS NULL AND gone_at IS NULL AND remediation IS NULL AND reviewer_id <> $2`,
      [campaign.id, campaign.fallback_reviewer_id],
    );
    const count = moved.rowCount ?? 0;
    if (!count) continue;
    const { rows } = await pool.query<{ name: string; email: string }>(`SELECT name, email FROM users WHERE id = $1`, [campaign.fallback_reviewer_id]);
    if (rows[0]) await sendMail({ kind: "review.overdue", to: rows[0].email, ...reviewOverdueEmail({ name: rows[0].name, campaign: campaign.name, count, link: `${getAppUrl()}/reviews?campaign=${campaign.id}` }) });
    await recordAudit({ kind: "review.overdue", summary: `${count} overdue items of ${campaign.name} handed to the fallback reviewer ${rows[0]?.email ?? campaign.fallback_reviewer_id}`, targetType: "access_review", targetId: campaign.id, data: { count } });
  }
  return campaigns.length;
}
