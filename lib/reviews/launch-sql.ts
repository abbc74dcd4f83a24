// The one INSERT … SELECT that freezes a campaign's items: every user-account grant of the
// current snapshots of the apps in scope, with what a reviewer needs to decide, and the
// reviewer resolved in the same statement. Reviewer policy: the connector's first owner, the
// person's manager (People, matched to a console user by email) or the first named user; when
// the policy finds nobody, or finds the person the item is about (no self-review), the fallback.
import type { CampaignScope } from "@/lib/validation/reviews";

/** Entitlement names that mean administrative power (Owner, Administrator, Super Administrator…). */
export const PRIVILEGED_PATTERN = "\\m(owner|admin|administrator|superuser|root)\\M";

export const ITEM_COLUMNS = `campaign_id, reviewer_id, connector_id, app_id, app_name, account_type_id, account_id, account_name, account_email,
  person_id, person_name, person_email, entitlement_id, entitlement_name, entitlement_description, last_sync_at, orphaned, unmatched, privileged`;

export type LaunchParams = { campaignId: string; scope: CampaignScope; policy: string; namedReviewerIds: string[]; fallbackReviewerId: string };

/** The SELECT (with its parameters) whose rows are the campaign's items, in ITEM_COLUMNS order. */
export function itemsSelect(p: LaunchParams): { text: string; values: unknown[] } {
  const text = `
WITH owner_pick AS (
  SELECT DISTINCT ON (co.connector_id) co.connector_id, u.id, lower(u.email) AS key
    FROM connector_owners co JOIN users u ON u.id = co.user_id AND NOT u.disabled
   ORDER BY co.connector_id, co.created_at, u.id
), named_pick AS (
  SELECT u.id, lower(u.email) AS key FROM users u WHERE u.id = ($7::text[])[1] AND NOT u.disabled
), user_keys AS (
  SELECT DISTINCT ON (lower(email)) id, lower(email) AS key FROM users WHERE NOT disabled ORDER BY lower(email), id
), has_people AS (SELECT EXISTS (SELECT 1 FROM people) AS yes)
SELECT $1::text, CASE WHEN cand.id IS NULL OR cand.key = lower(r.email) OR cand.key = p.email_key THEN $8::text ELSE cand.id END,
       c.id, a.id, a.name, r.resource_type_id, r.external_id, r.display_name, r.email,
       p.id, p.display_name, p.email, e.external_id, e.display_name, e.description, sr.finished_at,
       coalesce(p.status IN ('suspended', 'deactivated') AND coalesce(r.user_status, 'enabled') NOT IN ('disabled', 'deleted'), false),
       (al.person_id IS NULL AND hp.yes),
       (e.display_name ~* '${PRIVILEGED_PATTERN}' AND e.display_name !~* 'read[ -]?only')
  FROM connectors c
  JOIN applications a ON a.id = c.application_id
  JOIN sync_runs sr ON sr.id = c.current_sync_run_id
  JOIN grants g ON g.sync_run_id = c.current_sync_run_id
  JOIN entitlements e ON e.sync_run_id = g.sync_run_id AND e.external_id = g.entitlement_id
  JOIN resources r ON r.sync_run_id = g.sync_run_id AND r.resource_type_id = g.principal_type_id AND r.external_id = g.principal_external_id AND r.is_user
  CROSS JOIN has_people hp
  LEFT JOIN account_links al ON al.connector_id = c.id AND al.resource_type_id = r.resource_type_id AND al.account_external_id = r.external_id
  LEFT JOIN people p ON p.id = al.person_id
  LEFT JOIN people pm ON $6 = 'manager' AND pm.identity_connector_id = p.identity_connector_id AND pm.external_id = p.manager_external_id
  LEFT JOIN user_keys mu ON $6 = 'manager' AND mu.key = pm.email_key
  LEFT JOIN owner_pick op ON $6 = 'owners' AND op.connector_id = c.id
  LEFT JOIN named_pick np ON $6 = 'named'
  CROSS JOIN LATERAL (SELECT coalesce(op.id, mu.id, np.id) AS id, coalesce(op.key, mu.key, np.key) AS key) cand
 WHERE c.application_id = ANY($2::text[]) AND a.managed
   AND (NOT $3::boolean OR (e.display_name ~* '${PRIVILEGED_PATTERN}' AND e.display_name !~* 'read[ -]?only'))
   AND ($4::text = '' OR e.display_name ILIKE $4::text)
   AND CASE $5::text
         WHEN 'unmatched' THEN al.person_id IS NULL
         WHEN 'orphaned' THEN coalesce(p.status IN ('suspended', 'deactivated'), false)
         WHEN 'department' THEN coalesce(p.department ILIKE $9::text, false)
         ELSE true END`;
  const like = (term: string) => (term ? `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : "");
  return {
    text,
    values: [p.campaignId, p.scope.appIds, p.scope.privilegedOnly, like(p.scope.entitlementSearch), p.scope.accounts, p.policy, p.namedReviewerIds, p.fallbackReviewerId, p.scope.department || ""],
  };
}
