// Keeps each connector syncing until the deadline: queue a sync the way "Sync now" does
// (lib/sync's enqueueSync: a sync_runs row and its pg-boss job in one transaction), wait for
// the web process's worker to finish it, queue the next.
import { testDb } from "./db";

export type SyncTally = { completed: number; failures: string[] };

async function waitForRun(runId: string, timeoutMs = 120_000): Promise<{ status: string; error: string | null }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await testDb().query<{ status: string; error_message: string | null }>(`SELECT status, error_message FROM sync_runs WHERE id = $1`, [runId]);
    const status = rows[0]?.status;
    if (status && !["QUEUED", "RUNNING"].includes(status)) return { status, error: rows[0].error_message };
    await new Promise((r) => setTimeout(r, 200));
  }
  return { status: "TIMED_OUT", error: `not finished within ${timeoutMs} ms` };
}

export async function syncRepeatedly(connectorIds: string[], deadline: number): Promise<SyncTally> {
  const { enqueueSync } = await import("@/lib/sync");
  const tally: SyncTally = { completed: 0, failures: [] };
  await Promise.all(
    connectorIds.map(async (id) => {
      while (Date.now() < deadline) {
        const { runId } = await enqueueSync(id, "manual");
        const run = await waitForRun(runId);
        if (run.status === "SUCCEEDED") tally.completed += 1;
        else tally.failures.push(`${id} run ${runId}: ${run.status} ${run.error ?? ""}`);
      }
    }),
  );
  return tally;
}
