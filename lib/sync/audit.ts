// Sync runs in the audit log: started and finished (with counts or the named failure).
// Written with the run's own connection, so it needs nothing beyond lib/db; never a secret:
// messages passed here are already scrubbed by the run log.
import type pg from "pg";

export async function auditSync(
  client: pg.ClientBase,
  event: { connectorId: string; runId: string; kind: "sync.started" | "sync.finished"; summary: string; result?: "ok" | "failed" | "refused"; data?: Record<string, unknown> },
) {
  await client.query(
    `INSERT INTO audit_events (kind, summary, connector_id, target_type, target_id, result, data) VALUES ($1, $2, $3, 'sync_run', $4, $5, $6)`,
    [event.kind, event.summary, event.connectorId, event.runId, event.result ?? "ok", event.data ? JSON.stringify(event.data) : null],
  );
}
