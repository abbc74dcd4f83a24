// What a sync changed, kept with the run so the Overview never diffs snapshots on a view:
// accounts and grants added and removed since the snapshot it replaced. Worked out once, right
// after publishing and before the previous snapshot is dropped.
import type pg from "pg";
import { snapshotTableName } from "./snapshot-tables";

// Each side hashes the other's keys in memory: at 3.4 million grants the 64-bit keys need
// ~150 MB, and spilling to disk doubles the time. Set for the transaction only.
const CHANGES_WORK_MEM = "192MB";

export type RunChanges = { accountsAdded: number; accountsRemoved: number; grantsAdded: number; grantsRemoved: number };

/**
 * On the run's own connection, outside any transaction. Counts with one FULL JOIN per kind on a 64-bit hash of the key (entitlement, principal type,
 * principal id for a grant): a collision among millions is far below one in a million, and
 * these are figures on a dashboard, not decisions. The first snapshot of a connector adds all.
 */
export async function recordRunChanges(client: pg.ClientBase, runId: string, previousRunId: string | null): Promise<RunChanges> {
  try {
    await client.query("BEGIN");
    await client.query(`SET LOCAL work_mem = '${CHANGES_WORK_MEM}'`);
    const accountKey = (alias: string) => `hashtextextended(${alias}.resource_type_id || E'\\x1f' || ${alias}.external_id, 0)`;
    const grantKey = (alias: string) => `hashtextextended(${alias}.entitlement_id || E'\\x1f' || ${alias}.principal_type_id || E'\\x1f' || ${alias}.principal_external_id, 0)`;
    const newResources = snapshotTableName("resources", runId);
    const newGrants = snapshotTableName("grants", runId);
    const sql = previousRunId
      ? `WITH na AS (SELECT ${accountKey("r")} AS k FROM ${newResources} r WHERE r.is_user),
              oa AS (SELECT ${accountKey("r")} AS k FROM ${snapshotTableName("resources", previousRunId)} r WHERE r.is_user),
              ng AS (SELECT ${grantKey("g")} AS k FROM ${newGrants} g),
              og AS (SELECT ${grantKey("g")} AS k FROM ${snapshotTableName("grants", previousRunId)} g),
              a AS (SELECT count(*) FILTER (WHERE oa.k IS NULL) AS added, count(*) FILTER (WHERE na.k IS NULL) AS removed FROM na FULL JOIN oa ON oa.k = na.k),
              g AS (SELECT count(*) FILTER (WHERE og.k IS NULL) AS added, count(*) FILTER (WHERE ng.k IS NULL) AS removed FROM ng FULL JOIN og ON og.k = ng.k)
         UPDATE sync_runs SET accounts_added = a.added, accounts_removed = a.removed, grants_added = g.added, grants_removed = g.removed
           FROM a, g WHERE id = $1
         RETURNING accounts_added, accounts_removed, grants_added, grants_removed`
      : `UPDATE sync_runs SET accounts_added = accounts_count, accounts_removed = 0, grants_added = grants_count, grants_removed = 0 WHERE id = $1
         RETURNING accounts_added, accounts_removed, grants_added, grants_removed`;
    const { rows } = await client.query<{ accounts_added: number; accounts_removed: number; grants_added: number; grants_removed: number }>(sql, [runId]);
    await client.query("COMMIT");
    const row = rows[0];
    return { accountsAdded: row?.accounts_added ?? 0, accountsRemoved: row?.accounts_removed ?? 0, grantsAdded: row?.grants_added ?? 0, grantsRemoved: row?.grants_removed ?? 0 };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
