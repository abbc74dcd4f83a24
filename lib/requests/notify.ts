// Who is emailed when: approvers of the waiting step, the requester on approval, denial and
// the end of access, the app's owners when a grant or revoke fails. All through the outbox.
import { getPool } from "@/lib/db/client";
import type { AccessRequestRow } from "@/lib/data/request-store";
import { getAppUrl } from "@/lib/env";
import { approvalNeededEmail, requestActiveEmail, requestDeniedEmail, requestEndedEmail, requestFailedEmail } from "@/lib/mail/request-templates";
import { sendMail } from "@/lib/mail/send";
import { formatHours } from "@/lib/validation/requests";

const about = (r: AccessRequestRow) => ({ requesterName: r.requesterName, requesterEmail: r.requesterEmail, entitlementName: r.entitlementName, appName: r.appName, link: `${getAppUrl()}/requests/${r.id}` });

async function emailsOf(ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const { rows } = await getPool().query<{ email: string }>(`SELECT email FROM users WHERE id = ANY($1) AND NOT disabled`, [ids]);
  return rows.map((r) => r.email);
}

export async function notifyApprovers(r: AccessRequestRow) {
  const ids = r.steps[r.step - 1] ?? [];
  const content = approvalNeededEmail({ ...about(r), duration: formatHours(r.durationHours), justification: r.justification, step: r.step, steps: r.steps.length });
  for (const to of await emailsOf(ids)) await sendMail({ kind: "access_request_approval", to, ...content });
}

export async function notifyActive(r: AccessRequestRow) {
  await sendMail({ kind: "access_request_active", to: r.requesterEmail, ...requestActiveEmail({ ...about(r), endsAt: r.endsAt }) });
}

export async function notifyDenied(r: AccessRequestRow, by: string, comment: string) {
  await sendMail({ kind: "access_request_denied", to: r.requesterEmail, ...requestDeniedEmail({ ...about(r), by, comment }) });
}

export async function notifyEnded(r: AccessRequestRow, how: "EXPIRED" | "REVOKED") {
  await sendMail({ kind: "access_request_ended", to: r.requesterEmail, ...requestEndedEmail({ ...about(r), how }) });
}

/** The app's owners (else the Super Administrators), and the requester for a failed grant. */
export async function notifyFailed(r: AccessRequestRow, kind: "grant" | "revoke", error: string) {
  const { rows } = await getPool().query<{ email: string }>(
    `SELECT u.email FROM application_owners o JOIN users u ON u.id = o.user_id AND NOT u.disabled WHERE o.application_id = $1
     UNION SELECT email FROM users WHERE role = 'SUPER_ADMIN' AND NOT disabled AND NOT EXISTS (SELECT 1 FROM application_owners WHERE application_id = $1)`,
    [r.applicationId],
  );
  const content = requestFailedEmail({ ...about(r), kind, error });
  const to = new Set(rows.map((row) => row.email));
  if (kind === "grant") to.add(r.requesterEmail);
  for (const address of to) await sendMail({ kind: "access_request_failed", to: address, ...content });
}
