// The current runs of the connectors whose accounts are matched to people: every connector
// that is not an identity provider (an identity provider's accounts are the people).
import { getPool } from "@/lib/db/client";
import { isIdentityProvider } from "@/lib/connectors/identity";

export type CurrentRun = { connector_id: string; run_id: string; unmatched: number | null; orphaned: number | null };

/** Current runs of the connectors that are not identity providers (optionally one app's). */
export async function appRuns(appId?: string): Promise<CurrentRun[]> {
  const { rows } = await getPool().query<CurrentRun & { catalog_id: string; baton_provider: string | null }>(
    `SELECT c.id AS connector_id, c.current_sync_run_id AS run_id, r.unmatched_accounts AS unmatched, r.orphaned_accounts AS orphaned, c.catalog_id, c.baton_provider
       FROM connectors c JOIN sync_runs r ON r.id = c.current_sync_run_id WHERE $1::text IS NULL OR c.application_id = $1`,
    [appId ?? null],
  );
  return rows.filter((r) => !isIdentityProvider(r.catalog_id, r.baton_provider));
}
