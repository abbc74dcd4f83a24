// One attempt of a run, the same for hosted adapters and uploads: stream the records into the
// run's own tables, index them, publish. On any failure the run's tables are dropped and the
// visible snapshot is exactly what it was.
import type pg from "pg";
import type { SyncRecord } from "@/lib/connectors/types";
import { runAfterPublishHooks } from "./after-publish";
import { SyncCancelledError, SyncShutdownError, SyncSupersededError } from "./errors";
import { indexSnapshot, publishSnapshot, removeSnapshot, SUPERSEDED } from "./publish";
import { recordRunChanges } from "./run-changes";
import type { RunLog } from "./run-log";
import { recordProgress } from "./runs";
import { createSnapshotTables, dropSnapshotTables } from "./snapshot-tables";
import { SnapshotWriter, type SnapshotCounts } from "./snapshot-writer";

export type AttemptInput = {
  client: pg.ClientBase;
  pool: pg.Pool;
  runId: string;
  connectorId: string;
  records: AsyncIterable<SyncRecord>;
  log: RunLog;
  /** Aborted on cancel (by the attempt itself) or shutdown (by the worker). */
  controller: AbortController;
  batchBytes?: number;
  progressEveryMs?: number;
};

export type AttemptResult = { counts: SnapshotCounts; timings: Record<string, number> };

const n = (value: number) => value.toLocaleString("en-US");

export function describeCounts(counts: SnapshotCounts) {
  return `${n(counts.resourceTypes)} resource types, ${n(counts.resources)} resources (${n(counts.accounts)} accounts), ${n(counts.entitlements)} entitlements, ${n(counts.grants)} grants`;
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new SyncCancelledError("The sync was cancelled.");
}

export async function runAttempt(input: AttemptInput): Promise<AttemptResult> {
  const { client, pool, runId, connectorId, log, controller } = input;
  const signal = controller.signal;
  const started = performance.now();
  await createSnapshotTables(client, runId);
  const writer = new SnapshotWriter(client, runId, connectorId, { batchBytes: input.batchBytes });
  const everyMs = input.progressEveryMs ?? 1_000;
  let lastProgress = performance.now();
  const reportProgress = async (phase = writer.phase) => {
    lastProgress = performance.now();
    const { cancelRequested, restartRequested } = await recordProgress(pool, runId, phase, writer.counts);
    if (cancelRequested && !signal.aborted) controller.abort(new SyncCancelledError("The sync was cancelled."));
    if (restartRequested && !signal.aborted) controller.abort(new SyncSupersededError(SUPERSEDED));
  };

  let result: Awaited<ReturnType<typeof publishSnapshot>>;
  const timings = { streamMs: 0, storeWriteMs: 0, indexMs: 0, publishMs: 0, totalMs: 0 };
  try {
    for await (const record of input.records) {
      if (signal.aborted) throw abortReason(signal);
      await writer.add(record);
      if (performance.now() - lastProgress >= everyMs) await reportProgress();
    }
    if (signal.aborted) throw abortReason(signal);
    await writer.finish();
    timings.streamMs = performance.now() - started;
    log.info(`Received ${describeCounts(writer.counts)}. Building indexes.`);
    await reportProgress("publishing");
    if (signal.aborted) throw abortReason(signal);

    const indexStarted = performance.now();
    await indexSnapshot(client, pool, runId);
    timings.indexMs = performance.now() - indexStarted;
    timings.storeWriteMs = writer.storeWriteMs;
    await log.flush(); // whoever sees the run succeed also sees how it went
    const publishStarted = performance.now();
    result = await publishSnapshot(client, runId, connectorId, writer.counts, timings);
    if (!result.published) throw result.superseded ? new SyncSupersededError(result.reason) : new SyncCancelledError(result.reason);
    timings.publishMs = performance.now() - publishStarted;
  } catch (error) {
    // How far it got is part of the record of a failed run.
    await recordProgress(pool, runId, writer.phase, writer.counts).catch(() => {});
    await dropSnapshotTables(client, runId).catch((dropError: Error) => log.warn(`The run's tables will be removed later: ${dropError.message}`));
    if (signal.aborted && !(error instanceof SyncCancelledError) && !(error instanceof SyncShutdownError) && !(error instanceof SyncSupersededError)) throw abortReason(signal);
    throw error;
  }

  // Published. Nothing below may fail the run: it is current and readers see it.
  timings.totalMs = performance.now() - started;
  await pool.query(`UPDATE sync_runs SET timings = $2::jsonb WHERE id = $1`, [runId, JSON.stringify(timings)]).catch(() => {});
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  log.info(`Published the new snapshot in ${seconds(timings.totalMs)} (stream ${seconds(timings.streamMs)}, indexes ${seconds(timings.indexMs)}, publish ${seconds(timings.publishMs)}).`);
  // Before the previous snapshot goes: the Overview's "since the previous sync" figures.
  await recordRunChanges(client, runId, result.previousRunId).catch((error: Error) => log.warn(`What this sync changed could not be counted: ${error.message}`));
  await runAfterPublishHooks(client, { runId, connectorId, previousRunId: result.previousRunId }, log);
  if (result.previousRunId) {
    // The previous snapshot is no longer visible to new reads; dropping it can fail (a lock
    // wait, a restart) without harm: the sweeper removes what is left.
    await removeSnapshot(client, result.previousRunId).catch((error: Error) => log.warn(`The previous snapshot will be removed later: ${error.message}`));
  }
  return { counts: writer.counts, timings };
}
