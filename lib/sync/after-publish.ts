// What features built on the synced data do once a snapshot is published: access reviews verify
// their revokes, access requests confirm their grants. Each hook gets the new run and the one it
// replaced; a hook that fails is logged and never fails the sync (the snapshot is already current).
import type pg from "pg";
import { confirmRequestsHook } from "@/lib/requests/after-publish";
import { verifyReviewRevokes } from "@/lib/reviews/verify";
import type { RunLog } from "./run-log";

export type PublishedRun = { runId: string; connectorId: string; previousRunId: string | null };
export type AfterPublishHook = { name: string; run: (client: pg.ClientBase, published: PublishedRun) => Promise<void> };

const hooks: AfterPublishHook[] = [verifyReviewRevokes, confirmRequestsHook];

export async function runAfterPublishHooks(client: pg.ClientBase, published: PublishedRun, log: RunLog) {
  for (const hook of hooks) {
    await hook.run(client, published).catch((error: Error) => log.warn(`${hook.name} after this sync failed: ${error.message}`));
  }
}
