// GET /api/v1/tasks and POST /api/v1/tasks/{id}/result: the grants and revokes the console asked
// of a self-hosted connector. The runner claims them, runs them with the adapter next to the
// upstream and reports each result; a success shows in the store at once (the runner's next
// upload confirms it), a failure changes nothing there. Both are audited for the person who asked.
import { z } from "zod";
import { recordAudit } from "@/lib/data/audit";
import { getProvisioningTarget } from "@/lib/data/provisioning";
import { claimProvisioningTasks, finishProvisioningTask } from "@/lib/data/provisioning-tasks";
import { recordRunnerContact } from "@/lib/data/self-hosted";
import { recordProvisionedChange } from "@/lib/sync/provisioned";
import { readLimitedBody, UploadError } from "../body";
import { isRunnerProvider, RUNNER_PROVIDERS } from "../providers";
import { authenticate } from "./auth";
import type { IngestApiDeps } from "./deps";
import { respondError, respondJson } from "./respond";

export const taskResultSchema = z.object({
  outcome: z.enum(["ok", "refused", "failed"]),
  // The adapter's or the upstream's words, shown in the audit log: short, no secrets (the
  // runner redacts what it knows).
  message: z.string().trim().min(1).max(2000),
});

const taskIdSchema = z.string().min(1).max(64).regex(/^[\w-]+$/);

export async function handleListTasks(request: Request, deps: IngestApiDeps): Promise<Response> {
  const auth = await authenticate(request, deps);
  if (!auth.ok) return auth.response;
  const now = new Date(deps.now());
  await recordRunnerContact(auth.connector.id, { at: now });
  // Provisioning turned off after a request: the runner gets nothing until it is back on.
  const tasks = auth.connector.provisioningEnabled ? await claimProvisioningTasks(auth.connector.id, now) : [];
  return respondJson({ tasks });
}

export async function handleTaskResult(request: Request, taskId: string, deps: IngestApiDeps): Promise<Response> {
  const auth = await authenticate(request, deps);
  if (!auth.ok) return auth.response;
  if (!taskIdSchema.safeParse(taskId).success) return respondError(404, "not_found", "No such task.");
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(await readLimitedBody(request, 8 * 1024, "task result")));
  } catch (error) {
    if (error instanceof UploadError) return respondError(error.status, error.kind, error.message);
    body = undefined;
  }
  const parsed = taskResultSchema.safeParse(body);
  if (!parsed.success) return respondError(400, "invalid_request", 'Send {"outcome": "ok" | "refused" | "failed", "message": "..."}.');
  const { outcome, message } = parsed.data;
  const task = await finishProvisioningTask(auth.connector.id, taskId, { ok: outcome === "ok", message }, new Date(deps.now()));
  if (!task) return respondError(409, "not_claimed", "This task is not waiting for a result (unknown, not claimed, or already reported).");

  const principal = { resourceTypeId: task.principalTypeId, id: task.principalId };
  // Names for the audit log, read before the store changes (a revoke removes the grant, not these).
  const names = await getProvisioningTarget(auth.connector.id, task.entitlementId, principal);
  const what = names?.entitlement?.name ?? task.entitlementId;
  const who = names?.principal?.email ?? names?.principal?.name ?? task.principalId;
  if (outcome === "ok") {
    // The store edits follow the upstream the runner runs (Temporal Cloud's downgrade rule).
    const provider = auth.connector.provider;
    const editsAs = isRunnerProvider(provider) ? RUNNER_PROVIDERS[provider].connectorId : undefined;
    await recordProvisionedChange(auth.connector.id, { kind: task.kind, entitlementId: task.entitlementId, principal }, { editsAs });
  }
  const verb = task.kind === "grant" ? `granted ${what} to ${who}` : `revoked ${what} from ${who}`;
  const asked = task.kind === "grant" ? `grant ${what} to ${who}` : `revoke ${what} from ${who}`;
  await recordAudit({
    actor: task.requestedById && task.requestedByEmail ? { id: task.requestedById, email: task.requestedByEmail } : null,
    kind: `provisioning.${task.kind}`,
    connectorId: auth.connector.id,
    targetType: "grant",
    targetId: `${task.entitlementId}:${task.principalTypeId}:${task.principalId}`,
    result: outcome,
    summary: outcome === "ok" ? `The runner of ${auth.connector.displayName} ${verb}` : `The runner of ${auth.connector.displayName} could not ${asked}; ${outcome}: ${message}`,
    data: { taskId: task.id, entitlementId: task.entitlementId, principalTypeId: task.principalTypeId, principalId: task.principalId, message },
  });
  return respondJson({ ok: true });
}
