// A run's progress and log lines, for lib/sync's callers and tests. The connector page reads
// runs and log lines through lib/data/connector-runs.ts.
import { db } from "@/lib/db/client";

const runSelect = {
  id: true,
  connectorId: true,
  status: true,
  trigger: true,
  phase: true,
  resourceTypesCount: true,
  resourcesCount: true,
  accountsCount: true,
  entitlementsCount: true,
  grantsCount: true,
  errorKind: true,
  errorMessage: true,
  attempts: true,
  nextAttemptAt: true,
  cancelRequestedAt: true,
  timings: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  heartbeatAt: true,
} as const;

export type RunProgress = {
  id: string;
  connectorId: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  trigger: string;
  phase: string | null;
  counts: { resourceTypes: number; resources: number; accounts: number; entitlements: number; grants: number };
  errorKind: string | null;
  errorMessage: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
  cancelRequested: boolean;
  timings: Record<string, number> | null;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
};

type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

function findRun(runId: string) {
  return db.syncRun.findUnique({ where: { id: runId }, select: runSelect });
}

function toProgress(row: RunRow): RunProgress {
  return {
    id: row.id,
    connectorId: row.connectorId,
    status: row.status,
    trigger: row.trigger,
    phase: row.phase,
    counts: { resourceTypes: row.resourceTypesCount, resources: row.resourcesCount, accounts: row.accountsCount, entitlements: row.entitlementsCount, grants: row.grantsCount },
    errorKind: row.errorKind,
    errorMessage: row.errorMessage,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    cancelRequested: row.cancelRequestedAt !== null,
    timings: (row.timings as Record<string, number> | null) ?? null,
    queuedAt: row.queuedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    heartbeatAt: row.heartbeatAt,
  };
}

export async function getRunProgress(runId: string): Promise<RunProgress | null> {
  const row = await findRun(runId);
  return row ? toProgress(row) : null;
}

export type SyncLogLine = { id: string; at: Date; level: string; message: string };

/** Oldest first; pass the last id seen to get only newer lines. */
export async function listSyncLogs(runId: string, options: { afterId?: string; take?: number } = {}): Promise<SyncLogLine[]> {
  const rows = await db.syncLog.findMany({
    where: { syncRunId: runId, ...(options.afterId ? { id: { gt: BigInt(options.afterId) } } : {}) },
    orderBy: { id: "asc" },
    take: options.take ?? 500,
  });
  return rows.map((row) => ({ id: row.id.toString(), at: row.at, level: row.level, message: row.message }));
}
