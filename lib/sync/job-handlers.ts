// The jobs of features built on the synced data (access reviews, access requests), started with
// the sync worker in every worker process (and in a web process with RUN_WORKER=true). Each
// feature adds its queue to queue.ts and one line here; its handler lives in its own folder.
import type PgBoss from "pg-boss";
import { startRequestJobs } from "@/lib/requests/jobs";
import { startReviewJobs } from "@/lib/reviews/jobs";

export type JobHandlerStarter = (boss: PgBoss, pollingIntervalSeconds: number) => Promise<string[]>;

const starters: JobHandlerStarter[] = [startReviewJobs, startRequestJobs];

/** Starts every feature's handlers; returns the pg-boss worker ids, for offWork at stop. */
export async function registerJobHandlers(boss: PgBoss, pollingIntervalSeconds: number): Promise<string[]> {
  const ids: string[] = [];
  for (const start of starters) ids.push(...(await start(boss, pollingIntervalSeconds)));
  return ids;
}
