// What the request form needs about one entitlement: its names, its policy, the requester's
// account, and why it cannot be requested (the same checks the server makes on submit).
import { db, getPool } from "@/lib/db/client";
import { findMatchedAccounts, type MatchedAccount } from "@/lib/data/request-catalog";
import { getEffectivePolicy, requestabilityRefusal, type RequestPolicy } from "@/lib/data/request-settings";

export type Requestable = {
  appId: string;
  appName: string;
  name: string;
  description: string | null;
  policy: RequestPolicy;
  account: MatchedAccount | null;
  refusal: string | null;
};

export async function getRequestable(user: { email: string }, connectorId: string, entitlementId: string): Promise<Requestable | null> {
  const connector = await db.connector.findUnique({ where: { id: connectorId }, select: { applicationId: true, currentSyncRunId: true, application: { select: { name: true } } } });
  if (!connector?.currentSyncRunId) return null;
  const { rows } = await getPool().query<{ display_name: string; description: string | null }>(`SELECT display_name, description FROM entitlements WHERE sync_run_id = $1 AND external_id = $2`, [connector.currentSyncRunId, entitlementId]);
  if (!rows[0]) return null;
  const [{ policy }, refused, accounts] = await Promise.all([
    getEffectivePolicy(connector.applicationId, connectorId, entitlementId),
    requestabilityRefusal(connector.applicationId, connectorId, entitlementId),
    findMatchedAccounts(user.email, [connectorId]),
  ]);
  const account = accounts.get(connectorId) ?? null;
  const appName = connector.application.name;
  const refusal =
    refused ??
    (!policy.requestable ? `${rows[0].display_name} is not requestable in ${appName}.` : null) ??
    (!account ? `You have no account in ${appName} matched to ${user.email}, so this access could not be granted. Ask an administrator to link your account.` : null);
  return { appId: connector.applicationId, appName, name: rows[0].display_name, description: rows[0].description, policy, account, refusal };
}
