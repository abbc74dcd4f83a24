// Linking an app account to a person by hand, and undoing it. A manual link (or a manual
// "belongs to nobody") survives every later sync; "Match automatically" hands the account back
// to the matching rule at once. Each change is audited with who did it.
import type pg from "pg";
import { getPool, inTransaction } from "@/lib/db/client";
import { lockConnectorLinks, matchConnectorAccounts, toMatchAttribute, type MatchAttribute } from "@/lib/sync/identity";
import { recordAudit } from "./audit";

type Actor = { id: string; email: string };
export type AccountAddress = { connectorId: string; resourceTypeId: string; externalId: string };

export type AccountLinkView = { personId: string | null; personName: string | null; personEmail: string | null; personStatus: string | null; method: string; manual: boolean } | null;

export async function getAccountLink(account: AccountAddress, db: Pick<pg.ClientBase, "query"> = getPool()): Promise<AccountLinkView> {
  const { rows } = await db.query<{ person_id: string | null; display_name: string | null; email: string | null; status: string | null; method: string; manual: boolean }>(
    `SELECT l.person_id, p.display_name, p.email, p.status, l.method, l.manual
       FROM account_links l LEFT JOIN people p ON p.id = l.person_id
      WHERE l.connector_id = $1 AND l.resource_type_id = $2 AND l.account_external_id = $3`,
    [account.connectorId, account.resourceTypeId, account.externalId],
  );
  const row = rows[0];
  return row ? { personId: row.person_id, personName: row.display_name, personEmail: row.email, personStatus: row.status, method: row.method, manual: row.manual } : null;
}

type CurrentAccount = { display_name: string; email: string | null; active: boolean };

async function currentAccount(account: AccountAddress): Promise<CurrentAccount | undefined> {
  const { rows } = await getPool().query<CurrentAccount>(
    `SELECT r.display_name, r.email, (r.user_status IS NULL OR r.user_status IN ('enabled', 'unspecified')) AS active
       FROM connectors c JOIN resources r ON r.sync_run_id = c.current_sync_run_id
      WHERE c.id = $1 AND r.resource_type_id = $2 AND r.external_id = $3 AND r.is_user`,
    [account.connectorId, account.resourceTypeId, account.externalId],
  );
  return rows[0];
}

export type LinkOutcome = { ok: true } | { ok: false; reason: "no_account" | "no_person" };

/** Links the account to the person (personId) or marks it as nobody's (null), by hand. */
export async function setManualLink(account: AccountAddress, personId: string | null, actor: Actor): Promise<LinkOutcome> {
  const current = await currentAccount(account);
  if (!current) return { ok: false, reason: "no_account" };
  let personName = "nobody";
  let personStatus: string | null = null;
  if (personId) {
    const { rows } = await getPool().query<{ display_name: string; status: string }>(`SELECT display_name, status FROM people WHERE id = $1`, [personId]);
    if (!rows[0]) return { ok: false, reason: "no_person" };
    personName = rows[0].display_name;
    personStatus = rows[0].status;
  }
  // Under the connector's link lock, like a match, so neither writes a row the other misses
  // and the counts below move from the row as it is.
  await inTransaction(async (client) => {
    await lockConnectorLinks(client, account.connectorId);
    const before = await getAccountLink(account, client);
    const delta = (before?.personId ? 0 : 1) - (personId ? 1 : 0);
    // Orphaned access: an active account whose person has left.
    const orphaned = (status: string | null | undefined) => (current.active && status != null && status !== "active" ? 1 : 0);
    const orphanedDelta = orphaned(personStatus) - orphaned(before?.personId ? before.personStatus : null);
    await client.query(
      `INSERT INTO account_links (connector_id, resource_type_id, account_external_id, person_id, method, manual, linked_by_id, account_name, account_email, account_active, updated_at)
       VALUES ($1, $2, $3, $4, 'manual', true, $5, $6, $7, $8, now() AT TIME ZONE 'UTC')
       ON CONFLICT (connector_id, resource_type_id, account_external_id) DO UPDATE
          SET person_id = EXCLUDED.person_id, method = 'manual', manual = true, linked_by_id = EXCLUDED.linked_by_id, updated_at = EXCLUDED.updated_at`,
      [account.connectorId, account.resourceTypeId, account.externalId, personId, actor.id, current.display_name, current.email, current.active],
    );
    // The run's counts follow the link at once (a full re-match waits for the next sync).
    if (delta !== 0 || orphanedDelta !== 0) {
      await client.query(
        `UPDATE sync_runs r SET unmatched_accounts = greatest(0, coalesce(r.unmatched_accounts, 0) + $2), orphaned_accounts = greatest(0, r.orphaned_accounts + $3)
           FROM connectors c WHERE c.id = $1 AND r.id = c.current_sync_run_id`,
        [account.connectorId, delta, orphanedDelta],
      );
    }
  });
  await recordAudit({
    actor,
    kind: personId ? "account.linked" : "account.unlinked",
    summary: personId ? `Linked account ${account.externalId} to ${personName} by hand` : `Marked account ${account.externalId} as belonging to nobody`,
    connectorId: account.connectorId,
    targetType: "account",
    targetId: `${account.resourceTypeId}:${account.externalId}`,
    data: { personId },
  });
  return { ok: true };
}

/** Drops the manual link and matches the account's connector again by its rule. */
export async function resetAccountLink(account: AccountAddress, actor: Actor) {
  await inTransaction(async (client) => {
    await client.query(`DELETE FROM account_links WHERE connector_id = $1 AND resource_type_id = $2 AND account_external_id = $3 AND manual`, [
      account.connectorId,
      account.resourceTypeId,
      account.externalId,
    ]);
    const { rows } = await client.query<{ run: string | null; attr: string }>(`SELECT current_sync_run_id AS run, match_attribute AS attr FROM connectors WHERE id = $1 FOR SHARE`, [account.connectorId]);
    if (rows[0]?.run) await matchConnectorAccounts(client, account.connectorId, rows[0].run, toMatchAttribute(rows[0].attr));
  });
  await recordAudit({
    actor,
    kind: "account.link_reset",
    summary: `Account ${account.externalId} is matched automatically again`,
    connectorId: account.connectorId,
    targetType: "account",
    targetId: `${account.resourceTypeId}:${account.externalId}`,
  });
}

/** Changes the attribute a connector's accounts are matched on, and matches them again now. */
export async function setMatchAttribute(connectorId: string, attribute: MatchAttribute, actor: Actor) {
  await inTransaction(async (client) => {
    const { rows } = await client.query<{ run: string | null }>(
      `UPDATE connectors SET match_attribute = $2, updated_at = now() AT TIME ZONE 'UTC' WHERE id = $1 RETURNING current_sync_run_id AS run`,
      [connectorId, attribute],
    );
    if (rows[0]?.run) await matchConnectorAccounts(client, connectorId, rows[0].run, attribute);
  });
  await recordAudit({ actor, kind: "connector.match_attribute", summary: `Accounts are matched to people by ${attribute}`, connectorId, data: { attribute } });
}
