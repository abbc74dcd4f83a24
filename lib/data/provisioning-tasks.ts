// Grants and revokes waiting for a self-hosted connector's runner. The console creates them;
// the runner claims them through the ingest API and reports each one back exactly once.
import { db } from "@/lib/db/client";
import type { ProvisionKind } from "@/lib/validation/provisioning";

export type ProvisioningTaskRow = { id: string; kind: ProvisionKind; entitlementId: string; principalTypeId: string; principalId: string };
export type FinishedTask = ProvisioningTaskRow & { connectorId: string; requestedById: string | null; requestedByEmail: string | null };

// A claimed task whose runner went away (crash, restart) is handed out again after this long.
// Adapters are idempotent (granting what is held is "no change"), so a second run is safe.
export const CLAIM_TIMEOUT_MS = 5 * 60_000;
const CLAIM_BATCH = 20;

export async function createProvisioningTask(input: {
  connectorId: string;
  kind: ProvisionKind;
  entitlementId: string;
  principalTypeId: string;
  principalId: string;
  requestedBy: { id: string; email: string };
}): Promise<{ id: string }> {
  const { requestedBy, ...task } = input;
  return db.provisioningTask.create({ data: { ...task, requestedById: requestedBy.id, requestedByEmail: requestedBy.email }, select: { id: true } });
}

/** Hands the connector's oldest pending (or abandoned) tasks to its runner, each to one caller. */
export async function claimProvisioningTasks(connectorId: string, now: Date): Promise<ProvisioningTaskRow[]> {
  const stale = new Date(now.getTime() - CLAIM_TIMEOUT_MS);
  // SKIP LOCKED: two runners of one connector (a restart overlapping) never get the same task.
  const rows = await db.$queryRaw<{ id: string; kind: ProvisionKind; entitlement_id: string; principal_type_id: string; principal_id: string; created_at: Date }[]>`
    UPDATE provisioning_tasks SET status = 'CLAIMED', claimed_at = ${now}
     WHERE id IN (SELECT id FROM provisioning_tasks
                   WHERE connector_id = ${connectorId} AND (status = 'PENDING' OR (status = 'CLAIMED' AND claimed_at < ${stale}))
                   ORDER BY created_at LIMIT ${CLAIM_BATCH} FOR UPDATE SKIP LOCKED)
     RETURNING id, kind, entitlement_id, principal_type_id, principal_id, created_at`;
  // RETURNING has no order: the runner runs them oldest first, as they were asked for.
  rows.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  return rows.map((r) => ({ id: r.id, kind: r.kind, entitlementId: r.entitlement_id, principalTypeId: r.principal_type_id, principalId: r.principal_id }));
}

/**
 * Records the runner's report. Only a claimed task of this connector can finish, once: a
 * second report (a retried POST) gets null and must change nothing more.
 */
export async function finishProvisioningTask(connectorId: string, taskId: string, outcome: { ok: boolean; message: string }, now: Date): Promise<FinishedTask | null> {
  const updated = await db.provisioningTask.updateMany({
    where: { id: taskId, connectorId, status: "CLAIMED" },
    data: { status: outcome.ok ? "SUCCEEDED" : "FAILED", message: outcome.message.slice(0, 2000), finishedAt: now },
  });
  if (updated.count === 0) return null;
  const task = await db.provisioningTask.findUniqueOrThrow({ where: { id: taskId } });
  return {
    id: task.id,
    connectorId: task.connectorId,
    kind: task.kind === "revoke" ? "revoke" : "grant",
    entitlementId: task.entitlementId,
    principalTypeId: task.principalTypeId,
    principalId: task.principalId,
    requestedById: task.requestedById,
    requestedByEmail: task.requestedByEmail,
  };
}

export async function getProvisioningTaskStatus(connectorId: string, taskId: string) {
  return db.provisioningTask.findFirst({ where: { id: taskId, connectorId }, select: { status: true, message: true } });
}
