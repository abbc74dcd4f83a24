// The Overview's figures. Every figure is kept with the snapshots (the run's counts, what it
// changed, the matcher's unmatched count; orphaned access is lib/data/access-gaps.ts), so the page reads a few small rows
// per connector and never counts synced data on a view.
import { getPool } from "@/lib/db/client";
import { isIdentityProvider } from "@/lib/connectors/identity";

export type SyncedTotals = {
  accounts: number;
  entitlements: number;
  grants: number;
  /** Since each connector's previous sync; null while no connector has two syncs. */
  accountsAdded: number | null;
  accountsRemoved: number | null;
  grantsAdded: number | null;
  grantsRemoved: number | null;
  unmatched: number;
};

export type GrantTrend = { appId: string; appName: string; connectorId: string; grants: number[] };

/** How many syncs of each connector the Overview's chart shows. */
export const TREND_SYNCS = 30;

type TotalsRow = { catalog_id: string; baton_provider: string | null; accounts: number; entitlements: number; grants: number; accounts_added: number | null; accounts_removed: number | null; grants_added: number | null; grants_removed: number | null; unmatched: number | null; orphaned: number | null };

/** Accounts, entitlements and grants of every current snapshot, and what the last syncs changed. */
export async function syncedTotals(): Promise<SyncedTotals> {
  const { rows } = await getPool().query<TotalsRow>(
    `SELECT c.catalog_id, c.baton_provider, r.accounts_count AS accounts, r.entitlements_count AS entitlements, r.grants_count AS grants,
            r.accounts_added, r.accounts_removed, r.grants_added, r.grants_removed, r.unmatched_accounts AS unmatched
       FROM connectors c JOIN sync_runs r ON r.id = c.current_sync_run_id`,
  );
  const sum = (pick: (r: TotalsRow) => number | null) => rows.reduce((n, r) => n + (pick(r) ?? 0), 0);
  const changed = (pick: (r: TotalsRow) => number | null) => (rows.some((r) => pick(r) !== null) ? sum(pick) : null);
  // People's own accounts in the identity provider are not "unmatched".
  const apps = rows.filter((r) => !isIdentityProvider(r.catalog_id, r.baton_provider));
  return {
    accounts: sum((r) => r.accounts),
    entitlements: sum((r) => r.entitlements),
    grants: sum((r) => r.grants),
    accountsAdded: changed((r) => r.accounts_added),
    accountsRemoved: changed((r) => r.accounts_removed),
    grantsAdded: changed((r) => r.grants_added),
    grantsRemoved: changed((r) => r.grants_removed),
    unmatched: apps.reduce((n, r) => n + (r.unmatched ?? 0), 0),
  };
}

/** The grant count of each managed app's last successful syncs, oldest first, busiest apps first. */
export async function grantTrends(limitApps = 8): Promise<GrantTrend[]> {
  const { rows } = await getPool().query<{ app_id: string; app_name: string; connector_id: string; grants: number[] }>(
    `SELECT a.id AS app_id, a.name AS app_name, c.id AS connector_id, t.grants
       FROM connectors c JOIN applications a ON a.id = c.application_id JOIN sync_runs cur ON cur.id = c.current_sync_run_id
       CROSS JOIN LATERAL (
         SELECT array_agg(x.grants_count ORDER BY x.queued_at) AS grants
           FROM (SELECT r.grants_count, r.queued_at FROM sync_runs r
                  WHERE r.connector_id = c.id AND r.status = 'SUCCEEDED' ORDER BY r.queued_at DESC LIMIT ${TREND_SYNCS}) x
       ) t
      WHERE a.managed
      ORDER BY cur.grants_count DESC, lower(a.name), c.id
      LIMIT $1`,
    [limitApps],
  );
  return rows.map((r) => ({ appId: r.app_id, appName: r.app_name, connectorId: r.connector_id, grants: r.grants }));
}
