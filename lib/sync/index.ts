// The sync engine's public surface. Everything that writes synced data goes through here.
export { deleteConnectorSnapshots, sweepSnapshotTables } from "./cleanup";
export { cancelSync, enqueueSync, type EnqueueTrigger } from "./enqueue";
export { SyncCancelledError, SyncRefusedError } from "./errors";
export { executeRun, type ConnectorResolver, type ExecuteOptions } from "./execute";
export { ingestRecords, SyncFailedError, type IngestOptions } from "./ingest";
export { resetExpiryWarnings, storeCredentialExpiry } from "./health";
export { getRunProgress, listSyncLogs, type RunProgress, type SyncLogLine } from "./progress";
export { stopBoss as stopSyncQueue } from "./queue";
export { recoverRuns } from "./recover";
export { enqueueDueSyncs, MIN_SYNC_INTERVAL_MINUTES } from "./schedule";
export type { SnapshotCounts } from "./snapshot-writer";
export { startSyncWorker, type SyncWorker, type SyncWorkerOptions } from "./worker";
