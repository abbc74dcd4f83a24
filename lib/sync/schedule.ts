// Each connector syncs every sync_interval_minutes (default 60, at least 5), counted from its
// last run, whatever triggered it. The check runs once a minute on one worker (a pg-boss cron
// job); a second check at the same moment is harmless, enqueueSync keeps one run.
import { enqueueSync, BATON_CATALOG_ID } from "./enqueue";
import { SyncRefusedError } from "./errors";
import { getSyncPool, NOW_UTC } from "./pool";

export const MIN_SYNC_INTERVAL_MINUTES = 5;

export async function enqueueDueSyncs(): Promise<string[]> {
  const { rows } = await getSyncPool().query<{ id: string }>(
    `SELECT c.id FROM connectors c
      WHERE NOT c.disabled AND c.catalog_id <> $1 AND c.settings_sealed IS NOT NULL AND c.status <> 'PENDING_SETUP'
        AND NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.connector_id = c.id AND r.status IN ('QUEUED', 'RUNNING'))
        AND COALESCE((SELECT max(r.queued_at) FROM sync_runs r WHERE r.connector_id = c.id), '-infinity')
            <= ${NOW_UTC} - make_interval(mins => GREATEST(c.sync_interval_minutes, $2))`,
    [BATON_CATALOG_ID, MIN_SYNC_INTERVAL_MINUTES],
  );
  const queued: string[] = [];
  for (const row of rows) {
    try {
      const { created } = await enqueueSync(row.id, "schedule");
      if (created) queued.push(row.id);
    } catch (error) {
      if (!(error instanceof SyncRefusedError)) console.error(`[sync] scheduling ${row.id} failed: ${(error as Error).message}`);
    }
  }
  return queued;
}
