// Who approves each step, resolved when the request is made: app owners, the requester's
// manager (from the identity provider's People), or named users. The requester never approves
// their own request: they are left out of every step, a step left empty is skipped, and when no
// step is left the app's owners (else the Super Administrators) are the fallback.
import { getPool } from "@/lib/db/client";
import type { RequestPolicy } from "@/lib/data/request-settings";
import type { ApproverKind } from "@/lib/validation/requests";

type Context = { applicationId: string; requesterId: string; requesterEmail: string };

async function activeUsers(sql: string, values: unknown[]): Promise<string[]> {
  const { rows } = await getPool().query<{ id: string }>(sql, values);
  return rows.map((r) => r.id);
}

const appOwners = (applicationId: string) =>
  activeUsers(`SELECT u.id FROM application_owners o JOIN users u ON u.id = o.user_id AND NOT u.disabled WHERE o.application_id = $1 ORDER BY u.email`, [applicationId]);

/** The console user whose email is the manager's, per the People directory. */
const manager = (email: string) =>
  activeUsers(
    `SELECT u.id FROM people p
       JOIN people m ON m.identity_connector_id = p.identity_connector_id AND m.external_id = p.manager_external_id AND m.removed_at IS NULL
       JOIN users u ON lower(u.email) = m.email_key AND NOT u.disabled
      WHERE p.email_key = $1 AND p.removed_at IS NULL LIMIT 1`,
    [email.trim().toLowerCase()],
  );

async function approversOf(kind: ApproverKind | null, ids: string[], ctx: Context): Promise<string[]> {
  if (kind === "APP_OWNERS") return appOwners(ctx.applicationId);
  if (kind === "MANAGER") return manager(ctx.requesterEmail);
  if (kind === "USERS") return activeUsers(`SELECT id FROM users WHERE id = ANY($1) AND NOT disabled ORDER BY email`, [ids]);
  return [];
}

/** The approver ids of each step, in order; [] when no approval is needed (low risk). */
export async function resolveSteps(policy: RequestPolicy, ctx: Context): Promise<string[][]> {
  if (policy.firstApprover === "NONE" && policy.lowRisk) return [];
  const steps: string[][] = [];
  const wanted: [ApproverKind | null, string[]][] = [[policy.firstApprover, policy.firstApproverIds], [policy.secondApprover, policy.secondApproverIds]];
  for (const [kind, ids] of wanted) {
    const step = (await approversOf(kind, ids, ctx)).filter((id) => id !== ctx.requesterId);
    if (step.length) steps.push(step);
  }
  if (steps.length) return steps;
  const owners = (await appOwners(ctx.applicationId)).filter((id) => id !== ctx.requesterId);
  if (owners.length) return [owners];
  const supers = await activeUsers(`SELECT id FROM users WHERE role = 'SUPER_ADMIN' AND NOT disabled AND id <> $1 ORDER BY email`, [ctx.requesterId]);
  return supers.length ? [supers] : [];
}
