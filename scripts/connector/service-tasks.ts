// The runner's share of provisioning: claim the grants and revokes asked in the console, run
// each with the same adapter the sync uses (so the same refusals apply: Temporal Cloud's Owner
// and Finance Admin, Cloudflare's last role), and report each outcome with the adapter's words.
import type { AnyConnector } from "@/lib/connectors/registry";
import { ConnectorError, type ConnectorContext } from "@/lib/connectors/types";
import { createTaskClient, IngestClientError, type IngestClient, type TaskOutcome } from "./service-client";

export type TaskRunSummary = { ran: number; failed: number };

export async function runProvisioningTasks(
  client: Pick<IngestClient, "authorized">,
  connector: AnyConnector,
  config: unknown,
  ctx: ConnectorContext,
  redact: (text: string) => string,
): Promise<TaskRunSummary> {
  const tasks = createTaskClient(client);
  const claimed = await tasks.claim();
  let failed = 0;
  for (const task of claimed) {
    const request = { entitlementId: task.entitlementId, principalId: task.principalId };
    let outcome: TaskOutcome;
    try {
      const result = task.kind === "grant" ? await connector.grant(config, request, ctx) : await connector.revoke(config, request, ctx);
      outcome = { outcome: "ok", message: result.message };
    } catch (error) {
      failed++;
      const refused = error instanceof ConnectorError && error.kind === "refused";
      outcome = { outcome: refused ? "refused" : "failed", message: error instanceof Error ? error.message : String(error) };
    }
    outcome.message = redact(outcome.message).slice(0, 2000);
    ctx.logger[outcome.outcome === "ok" ? "info" : "warn"](`${task.kind} ${task.entitlementId} for ${task.principalId}: ${outcome.message}`);
    try {
      await tasks.report(task.id, outcome);
    } catch (error) {
      // 409: already reported (a retried POST that got through the first time). Anything else
      // leaves the task claimed; Gatekeeper hands it out again later and the adapter is idempotent.
      if (!(error instanceof IngestClientError && error.status === 409)) throw error;
    }
  }
  return { ran: claimed.length, failed };
}
