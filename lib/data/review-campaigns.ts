// Access-review campaigns: the public tables (campaign, reviewers) and the figures counted from
// a campaign's items partition.
import { db, getPool } from "@/lib/db/client";
import type { CampaignForm, CampaignScope } from "@/lib/validation/reviews";

export type Campaign = {
  id: string;
  name: string;
  description: string;
  status: string;
  scope: CampaignScope;
  reviewerPolicy: string;
  namedReviewerIds: string[];
  fallbackReviewerId: string;
  dueAt: Date;
  reminderDays: number;
  defaultDecision: string;
  remediateImmediately: boolean;
  itemCount: number;
  launchedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
};

export function dueAtOf(dueDate: string) {
  return new Date(`${dueDate}T23:59:59.000Z`);
}

export async function createCampaign(form: CampaignForm, createdById: string): Promise<{ id: string }> {
  const scope: CampaignScope = { appIds: form.appIds, privilegedOnly: form.privilegedOnly, entitlementSearch: form.entitlementSearch, accounts: form.accounts, department: form.department };
  return db.accessReviewCampaign.create({
    data: {
      name: form.name,
      description: form.description,
      scope,
      reviewerPolicy: form.reviewerPolicy,
      namedReviewerIds: form.reviewerPolicy === "named" ? form.namedReviewerIds : [],
      fallbackReviewerId: form.fallbackReviewerId,
      dueAt: dueAtOf(form.dueDate),
      reminderDays: form.reminderDays,
      defaultDecision: form.defaultDecision,
      remediateImmediately: form.remediateImmediately,
      createdById,
    },
    select: { id: true },
  });
}

export async function getCampaign(id: string): Promise<Campaign | null> {
  const row = await db.accessReviewCampaign.findUnique({ where: { id } });
  return row ? { ...row, scope: row.scope as unknown as CampaignScope } : null;
}

export async function listCampaigns(): Promise<Campaign[]> {
  const rows = await db.accessReviewCampaign.findMany({ orderBy: { createdAt: "desc" }, take: 200 });
  return rows.map((row) => ({ ...row, scope: row.scope as unknown as CampaignScope }));
}

export type Progress = { total: number; decided: number; certified: number; revoked: number; gone: number; verified: number; stillPresent: number; manual: number; failed: number };

const PROGRESS_SQL = `count(*)::int AS total, count(decision)::int AS decided, count(*) FILTER (WHERE decision = 'certify')::int AS certified,
  count(*) FILTER (WHERE decision = 'revoke')::int AS revoked, count(gone_at)::int AS gone, count(*) FILTER (WHERE verification = 'verified')::int AS verified,
  count(*) FILTER (WHERE verification = 'still_present')::int AS "stillPresent", count(*) FILTER (WHERE remediation = 'manual')::int AS manual,
  count(*) FILTER (WHERE remediation = 'failed')::int AS failed`;

/** Counts over the campaign's partition (its own table: no other campaign's rows are read). */
export async function getCampaignProgress(campaignId: string): Promise<Progress> {
  const { rows } = await getPool().query<Progress>(`SELECT ${PROGRESS_SQL} FROM reviews.items WHERE campaign_id = $1`, [campaignId]);
  return rows[0];
}

export type ReviewerProgress = { userId: string; name: string; email: string; total: number; decided: number };

export async function getReviewerProgress(campaignId: string): Promise<ReviewerProgress[]> {
  const { rows } = await getPool().query<ReviewerProgress>(
    `SELECT i.reviewer_id AS "userId", u.name, u.email, count(*)::int AS total, count(i.decision)::int AS decided
       FROM reviews.items i JOIN users u ON u.id = i.reviewer_id
      WHERE i.campaign_id = $1 GROUP BY i.reviewer_id, u.name, u.email ORDER BY u.name, u.email`,
    [campaignId],
  );
  return rows;
}

/** The campaigns I have items in, with my progress (kept per statement by the items' trigger): the inbox's groups. */
export async function listMyCampaigns(userId: string) {
  const { rows } = await getPool().query<{ id: string; name: string; status: string; dueAt: Date; total: number; decided: number }>(
    `SELECT c.id, c.name, c.status, c.due_at AS "dueAt", r.assigned_count AS total, r.decided_count AS decided
       FROM access_review_reviewers r JOIN access_review_campaigns c ON c.id = r.campaign_id
      WHERE r.user_id = $1 AND c.status IN ('ACTIVE', 'CLOSED') AND r.assigned_count > 0
      ORDER BY c.status, c.due_at`,
    [userId],
  );
  return rows;
}

export async function listReviewerOptions() {
  return db.user.findMany({ where: { disabled: false }, select: { id: true, name: true, email: true }, orderBy: [{ name: "asc" }, { email: "asc" }] });
}

/** Whether every id is a managed app, and every reviewer id an active user (the form's server-side checks). */
export async function checkCampaignRefs(appIds: string[], reviewerIds: string[]) {
  const [apps, users] = await Promise.all([
    db.application.count({ where: { id: { in: appIds }, managed: true } }),
    db.user.count({ where: { id: { in: reviewerIds }, disabled: false } }),
  ]);
  return { appsOk: apps === new Set(appIds).size, reviewersOk: users === new Set(reviewerIds).size };
}
