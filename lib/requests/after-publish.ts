// After each published sync of a connector: the snapshot confirms what requests did. A grant
// sent to a runner shows up (the request becomes Active), an active grant is seen (confirmed),
// an ended one is gone (removal confirmed), and an active grant that a previous sync had seen
// but this one does not was removed in the app by someone else: the request ends Revoked.
import type pg from "pg";
import { now } from "@/lib/clock";
import type { AccessRequestRow } from "@/lib/data/request-store";
import type { AfterPublishHook } from "@/lib/sync/after-publish";
import { notifyActive, notifyEnded } from "./notify";

const HELD = `EXISTS (SELECT 1 FROM grants g WHERE g.sync_run_id = $2 AND hashtext(g.principal_external_id) = hashtext(r.principal_id)
  AND g.principal_external_id = r.principal_id AND g.entitlement_id = r.entitlement_id)`;

async function confirmRequests(client: pg.ClientBase, runId: string, connectorId: string) {
  const at = now();
  const removed = await client.query<{ id: string }>(
    `UPDATE access_requests r SET state = 'REVOKED', end_as = 'REVOKED', ended_at = $3, removal_confirmed_at = $3, updated_at = $3,
            last_error = 'Removed in the app outside Gatekeeper.'
      WHERE r.connector_id = $1 AND r.state = 'ACTIVE' AND r.ended_at IS NULL AND r.confirmed_at IS NOT NULL AND r.claimed_at IS NULL AND NOT ${HELD}
      RETURNING r.id`,
    [connectorId, runId, at],
  );
  for (const { id } of removed.rows) {
    await client.query(`INSERT INTO access_request_events (request_id, at, kind, comment) VALUES ($1, $2, 'revoked', 'The grant was removed in the app outside Gatekeeper; the latest sync no longer shows it.')`, [id, at]);
  }
  await client.query(`UPDATE access_requests r SET confirmed_at = $3 WHERE r.connector_id = $1 AND r.state = 'ACTIVE' AND r.confirmed_at IS NULL AND ${HELD}`, [connectorId, runId, at]);
  await client.query(`UPDATE access_requests r SET removal_confirmed_at = $3 WHERE r.connector_id = $1 AND r.state IN ('EXPIRED', 'REVOKED') AND r.removal_confirmed_at IS NULL AND NOT ${HELD}`, [connectorId, runId, at]);
  const runnerDone = await client.query<{ id: string }>(`SELECT r.id FROM access_requests r WHERE r.connector_id = $1 AND r.state = 'PROVISIONING' AND r.claimed_at > $3 AND ${HELD}`, [connectorId, runId, at]);
  return { removed: removed.rows.map((r) => r.id), runnerDone: runnerDone.rows.map((r) => r.id) };
}

export const confirmRequestsHook: AfterPublishHook = {
  name: "Access requests",
  run: async (client, published) => {
    const { removed, runnerDone } = await confirmRequests(client, published.runId, published.connectorId);
    // Emails and activation after the snapshot's own work; they use their own connections.
    const { getRequest } = await import("@/lib/data/request-store");
    for (const id of removed) {
      const row: AccessRequestRow | null = await getRequest(id, client);
      if (row) await notifyEnded(row, "REVOKED");
    }
    const { activateRequest } = await import("./fulfil");
    for (const id of runnerDone) {
      const row = await activateRequest(id, now(), null);
      if (row) await notifyActive(row);
    }
  },
};
