// What a failed run means for what happens next: credential problems wait for a person,
// transient ones are retried with backoff, a cancel or shutdown is neither.
import { ConnectorError } from "@/lib/connectors/types";
import { SyncDataError } from "./records";

export type FailureClass = "credential" | "transient" | "cancelled" | "shutdown" | "fatal";

/** Thrown when a run is cancelled (cancelSync, connector disabled or deleted). */
export class SyncCancelledError extends Error {
  name = "SyncCancelledError";
}

/**
 * Thrown when a grant or revoke was recorded while the attempt was reading: what it read may
 * predate the change, so it must not be published. The worker reads again in the same run.
 */
export class SyncSupersededError extends Error {
  name = "SyncSupersededError";
}

/** Thrown when the worker stops (SIGTERM): the run goes back to the queue. */
export class SyncShutdownError extends Error {
  name = "SyncShutdownError";
}

/** A run whose workers kept dying (out of memory?): not retried again until its schedule. */
export class SyncInterruptedError extends Error {
  name = "SyncInterruptedError";
}

/** A request the engine refuses: Baton connector, disabled connector, run already active. */
export class SyncRefusedError extends Error {
  name = "SyncRefusedError";
}

const CREDENTIAL = new Set(["unauthorized", "forbidden", "invalid_config"]);
const TRANSIENT = new Set(["rate_limited", "upstream_unavailable", "timeout"]);
// Connection-level failures of fetch or of the database: worth another attempt.
const NETWORK = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_SOCKET", "57P01", "08006", "08003", "40P01"]);

const LABELS: Record<string, string> = {
  unauthorized: "Credentials rejected",
  forbidden: "Permission denied",
  invalid_config: "Invalid settings",
  rate_limited: "Rate limited",
  upstream_unavailable: "Upstream unavailable",
  timeout: "Timed out",
  malformed_response: "Unexpected upstream response",
  not_found: "Not found",
  conflict: "Upstream changed during the sync",
  refused: "Refused",
  operation_failed: "Operation failed",
  invalid_data: "Invalid data from the connector",
  cancelled: "Cancelled",
  interrupted: "Interrupted",
  internal: "Sync failed",
};

/** The words for a stored error kind ("unauthorized" → "Credentials rejected"). */
export const failureLabel = (kind: string) => LABELS[kind] ?? LABELS.internal;

function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof ConnectorError || (error instanceof Error && error.name === "ConnectorError" && "kind" in error);
}

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof SyncCancelledError) return "cancelled";
  if (error instanceof SyncShutdownError) return "shutdown";
  if (isConnectorError(error)) {
    if (CREDENTIAL.has(error.kind)) return "credential";
    return TRANSIENT.has(error.kind) || error.retryable ? "transient" : "fatal";
  }
  const code = codeOf(error);
  if (code && NETWORK.has(code)) return "transient";
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return "transient";
  return "fatal";
}

/** The error kind stored on the run: the adapter's kind, or one of ours. */
export function failureKind(error: unknown): string {
  if (isConnectorError(error)) return error.kind;
  if (error instanceof SyncDataError) return "invalid_data";
  if (error instanceof SyncCancelledError) return "cancelled";
  if (error instanceof SyncShutdownError || error instanceof SyncInterruptedError) return "interrupted";
  return classifyFailure(error) === "transient" ? "upstream_unavailable" : "internal";
}

/** "Credentials rejected: the API key has expired." — the kind named, then the message. */
export function describeFailure(error: unknown): string {
  const kind = failureKind(error);
  const message = error instanceof Error ? error.message : String(error);
  const field = isConnectorError(error) && error.field ? ` (setting: ${error.field})` : "";
  return `${LABELS[kind] ?? "Sync failed"}: ${message}${field}`;
}
