// Uploaded syncs (the runner's NDJSON, a .c1z from the API or the console) go through the same
// store path as hosted syncs: lib/sync's ingestRecords (one run, atomic publish, logs, counts).
// This module adds what uploads need around it: the .c1z checks before any run exists, the
// audit row, and one mapping from every failure to an HTTP status and a message.
import type { SyncRecord } from "@/lib/connectors/types";
import { C1zError, openC1z, type C1zLimits } from "@/lib/c1z";
import { recordAudit } from "@/lib/data/audit";
import { ingestRecords, SyncFailedError, SyncRefusedError, type SnapshotCounts } from "@/lib/sync";
import { UploadError } from "./body";

export type UploadSource =
  | { via: "api"; clientId: string; runnerVersion?: string | null }
  | { via: "console"; actor: { id: string; email: string } };

export type UploadTarget = { id: string; displayName: string };

export type UploadResult = { runId: string; counts: SnapshotCounts };

export type UploadFailure = { status: number; code: string; message: string };

async function auditUpload(target: UploadTarget, source: UploadSource, data: Record<string, string | number | boolean | null | SnapshotCounts>, failed?: string) {
  const who = source.via === "api" ? `The runner (${source.clientId})` : source.actor.email;
  await recordAudit({
    actor: source.via === "console" ? source.actor : null,
    kind: "sync.uploaded",
    connectorId: target.id,
    targetType: "connector",
    targetId: target.id,
    summary: failed ? `${who} uploaded a sync of ${target.displayName}, which failed` : `${who} uploaded a sync of ${target.displayName}`,
    result: failed ? "failed" : "ok",
    // Counts and ids only: never a record, never a credential.
    data: { via: source.via, ...(source.via === "api" ? { clientId: source.clientId } : {}), ...data, ...(failed ? { error: failed } : {}) },
  });
}

/** Streams records into a new run; audits the outcome of every run it created. */
export async function importRecords(target: UploadTarget, records: AsyncIterable<SyncRecord>, source: UploadSource, details: Record<string, string | number | boolean | null>, signal?: AbortSignal): Promise<UploadResult> {
  try {
    const result = await ingestRecords(target.id, records, { trigger: "upload", signal });
    await auditUpload(target, source, { ...details, runId: result.runId, counts: result.counts });
    return result;
  } catch (error) {
    if (error instanceof SyncFailedError) await auditUpload(target, source, { ...details, runId: error.runId }, describeUploadFailure(error).message);
    throw error;
  }
}

export type C1zImportOptions = { allowUnfinished: boolean; limits?: Partial<C1zLimits> };

/**
 * Opens and inspects the whole file first, so a corrupt, truncated, v3, oversized or unfinished
 * file is refused before a run exists: nothing changes, not even the connector's status.
 */
export async function importC1z(target: UploadTarget, bytes: Uint8Array, source: UploadSource, options: C1zImportOptions): Promise<UploadResult & { sync: { id: string; type: string; finished: boolean } }> {
  const reader = await openC1z(bytes, { ...options.limits, allowUnfinished: options.allowUnfinished });
  try {
    const { syncId, type, finished } = reader.inspection;
    const result = await importRecords(target, reader.records(), source, { format: "c1z", bytes: bytes.length, syncId, syncType: type, finished, allowUnfinished: options.allowUnfinished });
    return { ...result, sync: { id: syncId, type, finished } };
  } finally {
    reader.close();
  }
}

const C1Z_STATUS: Record<string, number> = { too_large: 413, unsupported_version: 400, corrupt: 400, unfinished: 400, empty: 400 };

/**
 * One answer for every way an upload can fail; unknown errors stay generic (and are logged).
 * `override` names how this caller allows an unfinished sync: the reader's message speaks of the
 * command line's --allow-unfinished, which means nothing in a browser or an API client.
 */
export function describeUploadFailure(error: unknown, override = "--allow-unfinished"): UploadFailure {
  const cause = error instanceof SyncFailedError && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof UploadError) return { status: cause.status, code: cause.kind, message: cause.message };
  if (cause instanceof C1zError) {
    const message = cause.kind === "unfinished" ? cause.message.replace("pass --allow-unfinished", override) : cause.message;
    return { status: C1Z_STATUS[cause.kind] ?? 400, code: cause.kind === "too_large" ? "too_large" : `c1z_${cause.kind}`, message };
  }
  if (error instanceof SyncRefusedError) return { status: 409, code: "conflict", message: error.message };
  if (error instanceof SyncFailedError) {
    // Bad records (a grant without its entitlement, an empty id) are the uploader's to fix.
    const invalid = cause instanceof Error && cause.name === "SyncDataError";
    return { status: invalid ? 400 : 500, code: invalid ? "invalid_upload" : "sync_failed", message: error.message };
  }
  return { status: 500, code: "internal", message: "The upload could not be stored. Nothing was changed; try again." };
}
