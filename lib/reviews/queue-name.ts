// The access-review queue (close/remediation jobs, and the reminder cron's ticks). No imports:
// lib/sync/queue.ts lists it among the app's queues.
import type PgBoss from "pg-boss";

export const REVIEW_QUEUE = "access-reviews";
export type ReviewJobData = { kind: "remediate"; campaignId: string; notifyClose?: boolean } | { kind: "tick" };

export const REVIEW_QUEUE_DEFINITION: PgBoss.Queue = { name: REVIEW_QUEUE, policy: "standard", retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 };
