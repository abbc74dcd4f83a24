// What the request settings page shows: the form's values from a policy, the users to choose as
// named approvers, an entitlement's name.
import { getPool } from "@/lib/db/client";
import type { RequestPolicy } from "@/lib/data/request-settings";

export function settingsValues(applicationId: string, connectorId: string, entitlementId: string, policy: RequestPolicy) {
  return {
    applicationId,
    connectorId,
    entitlementId,
    requestable: policy.requestable,
    firstApprover: policy.firstApprover,
    firstApproverIds: policy.firstApproverIds,
    secondApprover: policy.secondApprover ?? ("" as const),
    secondApproverIds: policy.secondApproverIds,
    lowRisk: policy.lowRisk,
    maxDurationHours: policy.maxDurationHours,
    defaultDurationHours: policy.defaultDurationHours,
    allowPermanent: policy.allowPermanent,
    justificationRequired: policy.justificationRequired,
  };
}

export async function listActiveUserOptions() {
  const { rows } = await getPool().query<{ id: string; name: string; email: string }>(`SELECT id, name, email FROM users WHERE NOT disabled ORDER BY email LIMIT 500`);
  return rows.map((u) => ({ value: u.id, label: u.name, description: u.email }));
}

export async function entitlementDisplayName(connectorId: string, entitlementId: string): Promise<string | null> {
  const { rows } = await getPool().query<{ display_name: string }>(
    `SELECT e.display_name FROM connectors c JOIN entitlements e ON e.sync_run_id = c.current_sync_run_id AND e.external_id = $2 WHERE c.id = $1`,
    [connectorId, entitlementId],
  );
  return rows[0]?.display_name ?? null;
}
