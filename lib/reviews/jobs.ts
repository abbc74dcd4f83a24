// The access-review worker: remediation jobs (sent by close, or by a revoke in a campaign that
// remediates at once) and the cron tick (every 5 minutes: reminders, overdue hand-over, and
// recovery of revokes whose job or worker was lost).
import type PgBoss from "pg-boss";
import type { JobHandlerStarter } from "@/lib/sync/job-handlers";
import { handOverdueToFallback, notifyOwnersOfClose, sendDueReminders } from "./notify";
import { REVIEW_QUEUE, type ReviewJobData } from "./queue-name";
import { listCampaignsToRemediate, remediateCampaign } from "./remediate";

async function handle(job: PgBoss.Job<ReviewJobData>) {
  const data = job.data;
  if (data.kind === "remediate") {
    await remediateCampaign(data.campaignId);
    if (data.notifyClose) await notifyOwnersOfClose(data.campaignId);
    return;
  }
  await sendDueReminders();
  await handOverdueToFallback();
  for (const campaignId of await listCampaignsToRemediate()) await remediateCampaign(campaignId);
}

export const startReviewJobs: JobHandlerStarter = async (boss, pollingIntervalSeconds) => {
  await boss.schedule(REVIEW_QUEUE, "*/5 * * * *", { kind: "tick" } satisfies ReviewJobData);
  const id = await boss.work<ReviewJobData>(REVIEW_QUEUE, { batchSize: 1, pollingIntervalSeconds: Math.max(1, Math.min(pollingIntervalSeconds, 2)) }, async ([job]) => handle(job));
  return [id];
};
