// Read side of sync runs for the connector page: the live status the browser polls, and the
// logs view. lib/sync writes these rows; this module only reads them.
import { db } from "@/lib/db/client";
import type { ConnectorStatusPayload } from "@/lib/validation/connectors";

const runSelect = {
  id: true,
  status: true,
  trigger: true,
  phase: true,
  resourceTypesCount: true,
  resourcesCount: true,
  accountsCount: true,
  entitlementsCount: true,
  grantsCount: true,
  errorMessage: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The connector's status and its latest run, in the JSON shape the polling client parses. */
export async function getConnectorStatus(connectorId: string): Promise<ConnectorStatusPayload | null> {
  const connector = await db.connector.findUnique({ where: { id: connectorId }, select: { status: true, statusReason: true, lastSyncAt: true } });
  if (!connector) return null;
  const run = await db.syncRun.findFirst({ where: { connectorId }, orderBy: { queuedAt: "desc" }, select: runSelect });
  return {
    status: connector.status,
    statusReason: connector.statusReason,
    lastSyncAt: iso(connector.lastSyncAt),
    run: run
      ? {
          id: run.id,
          status: run.status,
          phase: run.phase,
          resourceTypesCount: run.resourceTypesCount,
          resourcesCount: run.resourcesCount,
          accountsCount: run.accountsCount,
          entitlementsCount: run.entitlementsCount,
          grantsCount: run.grantsCount,
          errorMessage: run.errorMessage,
          queuedAt: run.queuedAt.toISOString(),
          startedAt: iso(run.startedAt),
          finishedAt: iso(run.finishedAt),
        }
      : null,
  };
}

export function listSyncRuns(connectorId: string, limit = 50) {
  return db.syncRun.findMany({ where: { connectorId }, orderBy: { queuedAt: "desc" }, take: limit, select: runSelect });
}

export type SyncRunRow = Awaited<ReturnType<typeof listSyncRuns>>[number];

/** A run's log lines, oldest first; scoped to the connector so a run id alone reveals nothing. */
export async function listSyncLogs(connectorId: string, runId: string, limit = 2000) {
  const lines = await db.syncLog.findMany({
    where: { syncRunId: runId, syncRun: { connectorId } },
    orderBy: { id: "asc" },
    take: limit,
    select: { id: true, at: true, level: true, message: true },
  });
  return lines.map((line) => ({ ...line, id: line.id.toString() }));
}
