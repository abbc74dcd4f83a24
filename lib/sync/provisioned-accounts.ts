// After an account is invited or removed through an adapter, the store shows it at once, as it
// does after a grant (provisioned.ts): the new account and the grants it was created with go
// into the current snapshot's partitions, or the removed account and all its grants leave them,
// with the counts kept in step. The confirming sync that follows replaces the whole snapshot.
import type { CreatedAccount } from "@/lib/connectors/types";
import { adjustCounts, editCurrentSnapshot } from "./provisioned";
import { toRow } from "./records";
import { SNAPSHOT_COLUMNS, type SnapshotTable } from "./snapshot-tables";

type Client = Parameters<Parameters<typeof editCurrentSnapshot>[1]>[0]["client"];

async function insertRow(client: Client, table: SnapshotTable, connectorId: string, runId: string, values: unknown[]) {
  const columns = SNAPSHOT_COLUMNS[table];
  const placeholders = columns.map((_, index) => `$${index + 1}`).join(", ");
  await client.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders})`, [connectorId, runId, ...values]);
}

async function adjustAccounts(client: Client, runId: string, delta: number) {
  await client.query(`UPDATE sync_runs SET accounts_count = greatest(accounts_count + $2, 0), resources_count = greatest(resources_count + $2, 0) WHERE id = $1`, [runId, delta]);
}

export async function recordCreatedAccount(connectorId: string, created: Pick<CreatedAccount, "account" | "grants">) {
  return editCurrentSnapshot(connectorId, async ({ client, runId }) => {
    const { account } = created;
    const exists = await client.query(`SELECT 1 FROM resources WHERE sync_run_id = $1 AND resource_type_id = $2 AND external_id = $3`, [runId, account.resourceTypeId, account.id]);
    if (exists.rowCount) return;
    await insertRow(client, "resources", connectorId, runId, toRow(account, new Set()).values);
    await adjustAccounts(client, runId, 1);
    for (const grant of created.grants) {
      // Only grants of entitlements the snapshot has: a holder count must have a row to live in.
      const known = await client.query(`SELECT 1 FROM entitlements WHERE sync_run_id = $1 AND external_id = $2`, [runId, grant.entitlementId]);
      if (!known.rowCount) continue;
      await insertRow(client, "grants", connectorId, runId, toRow(grant, new Set()).values);
      await adjustCounts(client, runId, grant.entitlementId, 1);
    }
  });
}

export async function recordDeletedAccount(connectorId: string, principal: { resourceTypeId: string; id: string }) {
  return editCurrentSnapshot(connectorId, async ({ client, runId }) => {
    const gone = await client.query(`DELETE FROM resources WHERE sync_run_id = $1 AND resource_type_id = $2 AND external_id = $3`, [runId, principal.resourceTypeId, principal.id]);
    if (gone.rowCount) await adjustAccounts(client, runId, -1);
    const grants = await client.query<{ entitlement_id: string }>(
      `DELETE FROM grants WHERE sync_run_id = $1 AND hashtext(principal_external_id) = hashtext($2::text) AND principal_external_id = $2 AND principal_type_id = $3
       RETURNING entitlement_id`,
      [runId, principal.id, principal.resourceTypeId],
    );
    for (const row of grants.rows) await adjustCounts(client, runId, row.entitlement_id, -1);
  });
}
