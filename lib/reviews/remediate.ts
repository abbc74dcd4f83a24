// Remediation: each revoke decision goes through the provisioning path once. An item is claimed
// (pending → sending) by one UPDATE … FOR UPDATE SKIP LOCKED, so two workers never send the same
// one; the answer moves it to sent, manual (the console refuses: a task for the owners) or
// failed. A claim older than CLAIM_STALE_MS never got an answer (the worker died mid-call): it is
// sent again, which is safe because the adapters' revokes are idempotent (a grant already gone is
// "nothing to revoke").
import { getPool } from "@/lib/db/client";
import { now } from "@/lib/clock";
import { provisionEntitlement } from "@/lib/provisioning/entitlements";
import { ProvisioningError } from "@/lib/provisioning/run";

export const CLAIM_STALE_MS = 10 * 60_000;
const BATCH = 20;

type Claimed = { id: string; connector_id: string; entitlement_id: string; account_type_id: string; account_id: string; app_name: string; actor_id: string; actor_email: string };

async function claimBatch(campaignId: string): Promise<Claimed[]> {
  const at = now();
  const { rows } = await getPool().query<Claimed>(
    `WITH due AS (
       SELECT id FROM reviews.items
        WHERE campaign_id = $1 AND (remediation = 'pending' OR (remediation = 'sending' AND remediation_claimed_at < $3))
        ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
     UPDATE reviews.items i SET remediation = 'sending', remediation_claimed_at = $2
       FROM due WHERE i.campaign_id = $1 AND i.id = due.id
     RETURNING i.id::text, i.connector_id, i.entitlement_id, i.account_type_id, i.account_id, i.app_name,
       (SELECT u.id FROM users u WHERE u.id = coalesce(i.decided_by_id, i.reviewer_id)) AS actor_id,
       (SELECT u.email FROM users u WHERE u.id = coalesce(i.decided_by_id, i.reviewer_id)) AS actor_email`,
    [campaignId, at, new Date(at.getTime() - CLAIM_STALE_MS)],
  );
  return rows;
}

async function settle(campaignId: string, id: string, state: "sent" | "manual" | "failed", message: string) {
  await getPool().query(
    `UPDATE reviews.items SET remediation = $3, remediation_message = $4, remediated_at = $5 WHERE campaign_id = $1 AND id = $2 AND remediation = 'sending'`,
    [campaignId, id, state, message.slice(0, 1000), now()],
  );
}

async function remediateOne(campaignId: string, item: Claimed) {
  const actor = { id: item.actor_id ?? "access-review", email: item.actor_email ?? "access-review" };
  try {
    const done = await provisionEntitlement("revoke", { connectorId: item.connector_id, entitlementId: item.entitlement_id, principalTypeId: item.account_type_id, principalId: item.account_id }, actor);
    await settle(campaignId, item.id, "sent", done.message);
  } catch (error) {
    if (!(error instanceof ProvisioningError)) throw error; // stays "sending": retried after the stale delay
    if (error.outcome === "refused") await settle(campaignId, item.id, "manual", `Revoke by hand in ${item.app_name}: ${error.message}`);
    else await settle(campaignId, item.id, "failed", error.message);
  }
}

/** Sends every revoke of the campaign still waiting; returns how many were handled. */
export async function remediateCampaign(campaignId: string): Promise<number> {
  let handled = 0;
  for (;;) {
    const batch = await claimBatch(campaignId);
    if (!batch.length) return handled;
    for (const item of batch) await remediateOne(campaignId, item);
    handled += batch.length;
  }
}

/** Campaigns with revokes waiting or claims that never got an answer (the cron's recovery). */
export async function listCampaignsToRemediate(): Promise<string[]> {
  const { rows } = await getPool().query<{ campaign_id: string }>(
    `SELECT DISTINCT campaign_id FROM reviews.items WHERE remediation = 'pending' OR (remediation = 'sending' AND remediation_claimed_at < $1)`,
    [new Date(now().getTime() - CLAIM_STALE_MS)],
  );
  return rows.map((row) => row.campaign_id);
}
