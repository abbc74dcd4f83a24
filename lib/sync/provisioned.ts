// After a successful grant or revoke through an adapter, the store must show the result at
// once, without waiting for the next sync. This changes the grant rows of the connector's
// current snapshot (an INSERT into the partitioned parent is routed to the current run's
// partition) and keeps the entitlements' grant counts in step. The confirming sync that
// follows replaces the whole snapshot, so any drift here lives only until then.
//
// That sync must read the upstream after the change. A sync already RUNNING may have read it
// before, and publishing it would bring back what was just revoked (or drop what was granted);
// the change's own sync would be deduplicated into that run. So the same transaction marks the
// running run (supersedeRunningSync): it never publishes what it read, and reads again.
import { parseEntitlementId, roleBySlug, roleEntitlementId } from "@/lib/connectors/temporal-cloud/vocabulary";
import type pg from "pg";
import { getSyncPool } from "./pool";
import { supersedeRunningSync } from "./runs";

export type ProvisionedChange = { kind: "grant" | "revoke"; entitlementId: string; principal: { resourceTypeId: string; id: string } };

type GrantEdit = { op: "insert" | "delete"; entitlementId: string };

/** What the store must show after the change, by connector. Adapters' side effects live here. */
export function storeEditsFor(catalogId: string, change: ProvisionedChange, heldEntitlementIds: string[]): GrantEdit[] {
  if (catalogId === "temporal-cloud") return temporalCloudEdits(change, heldEntitlementIds);
  return [{ op: change.kind === "grant" ? "insert" : "delete", entitlementId: change.entitlementId }];
}

/**
 * Temporal Cloud holds exactly one account role per user and one permission per namespace:
 * granting one replaces the other (the adapter writes the new value over the old), and
 * revoking an account role downgrades it (Admin → Developer → Read; lib/connectors/temporal-cloud
 * refuses to revoke Read). Derived from the entitlement ids so sync and store agree.
 */
export function temporalCloudEdits(change: ProvisionedChange, held: string[]): GrantEdit[] {
  const target = parseEntitlementId(change.entitlementId);
  if (!target) return [];
  const sameSlot = (id: string) => {
    const other = parseEntitlementId(id);
    if (!other || id === change.entitlementId) return false;
    if (target.kind === "account-role") return other.kind === "account-role";
    return other.kind === "namespace" && other.namespaceId === target.namespaceId;
  };
  if (change.kind === "grant") {
    return [...held.filter(sameSlot).map((id) => ({ op: "delete" as const, entitlementId: id })), { op: "insert", entitlementId: change.entitlementId }];
  }
  const edits: GrantEdit[] = [{ op: "delete", entitlementId: change.entitlementId }];
  if (target.kind === "account-role") {
    const lower = roleBySlug(target.roleSlug)?.downgradeTo;
    if (lower) edits.push({ op: "insert", entitlementId: roleEntitlementId(lower) });
  }
  return edits;
}

/** Baton-style grant id, as the adapters write it: "<entitlement id>:<principal type>:<principal id>". */
const grantExternalId = (entitlementId: string, principal: ProvisionedChange["principal"]) => `${entitlementId}:${principal.resourceTypeId}:${principal.id}`;

type Snapshot = { client: pg.PoolClient; runId: string; catalogId: string };

/**
 * Runs `edit` in one transaction on the connector's current snapshot. Returns the run it
 * changed, or null when the connector has no visible snapshot (nothing to update; the next
 * sync shows it). Account invitations and removals (provisioned-accounts.ts) go through here too.
 */
export async function editCurrentSnapshot(connectorId: string, edit: (snapshot: Snapshot) => Promise<void>): Promise<{ runId: string } | null> {
  const client = await getSyncPool().connect();
  try {
    await client.query("BEGIN");
    // FOR SHARE: a sync publishing meanwhile (it takes FOR UPDATE) waits, so the edits land in
    // the snapshot that is current, never in one being detached, and a publish that comes
    // after sees the mark below and refuses.
    const { rows } = await client.query<{ run: string | null; catalog: string }>(
      `SELECT current_sync_run_id AS run, catalog_id AS catalog FROM connectors WHERE id = $1 FOR SHARE`,
      [connectorId],
    );
    if (!rows[0]) {
      await client.query("ROLLBACK");
      return null;
    }
    await supersedeRunningSync(client, connectorId);
    const runId = rows[0].run;
    if (runId) await edit({ client, runId, catalogId: rows[0].catalog });
    await client.query("COMMIT");
    return runId ? { runId } : null;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Applies a grant or revoke to the connector's current snapshot.
 * `editsAs`: the upstream's rules to mirror when they are not the connector's own (a Baton
 * connector whose runner runs Temporal Cloud).
 */
export async function recordProvisionedChange(connectorId: string, change: ProvisionedChange, options: { editsAs?: string } = {}): Promise<{ runId: string } | null> {
  return editCurrentSnapshot(connectorId, async ({ client, runId, catalogId }) => {
    const held = await client.query<{ entitlement_id: string }>(
      `SELECT entitlement_id FROM grants WHERE sync_run_id = $1 AND hashtext(principal_external_id) = hashtext($2::text)
          AND principal_external_id = $2 AND principal_type_id = $3`,
      [runId, change.principal.id, change.principal.resourceTypeId],
    );
    const heldIds = held.rows.map((row) => row.entitlement_id);
    for (const edit of storeEditsFor(options.editsAs ?? catalogId, change, heldIds)) {
      const has = heldIds.includes(edit.entitlementId);
      if (edit.op === "insert" && !has) {
        await client.query(
          `INSERT INTO grants (connector_id, sync_run_id, external_id, entitlement_id, principal_type_id, principal_external_id) VALUES ($1, $2, $3, $4, $5, $6)`,
          [connectorId, runId, grantExternalId(edit.entitlementId, change.principal), edit.entitlementId, change.principal.resourceTypeId, change.principal.id],
        );
        await adjustCounts(client, runId, edit.entitlementId, 1);
      } else if (edit.op === "delete" && has) {
        await client.query(
          `DELETE FROM grants WHERE sync_run_id = $1 AND hashtext(entitlement_id) = hashtext($2::text) AND entitlement_id = $2
              AND hashtext(principal_external_id) = hashtext($3::text) AND principal_external_id = $3 AND principal_type_id = $4`,
          [runId, edit.entitlementId, change.principal.id, change.principal.resourceTypeId],
        );
        await adjustCounts(client, runId, edit.entitlementId, -1);
      }
    }
  });
}

export async function adjustCounts(client: { query: (sql: string, params: unknown[]) => Promise<unknown> }, runId: string, entitlementId: string, delta: number) {
  await client.query(`UPDATE entitlements SET grant_count = greatest(grant_count + $3, 0) WHERE sync_run_id = $1 AND external_id = $2`, [runId, entitlementId, delta]);
  await client.query(`UPDATE sync_runs SET grants_count = greatest(grants_count + $2, 0) WHERE id = $1`, [runId, delta]);
}
