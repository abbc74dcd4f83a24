// What each fault must end in, whatever the adapter: the named kind, the label the sync engine
// shows before the message (lib/sync/errors.ts), and whether the HTTP helper and the job
// queue may retry it. Plus the counting and the summary line of the proof.
import { defaultRetryPolicy } from "@/lib/connectors/http";
import { DEFAULT_RETRY_DELAYS } from "@/lib/sync/execute";
import type { FaultName, HostedId } from "./fault-upstreams";

export type Operation = "check" | "sync" | "grant";

export type FaultExpectation = {
  kind: string;
  label: string;
  /** Retried by the HTTP helper (1 try + maxRetries) within one operation. */
  httpRetried: boolean;
  /** Retried by the job queue as a new run attempt (credential and malformed failures are not). */
  runRetried: boolean;
};

export const EXPECTED: Record<FaultName, FaultExpectation> = {
  "401": { kind: "unauthorized", label: "Credentials rejected", httpRetried: false, runRetried: false },
  "403": { kind: "forbidden", label: "Permission denied", httpRetried: false, runRetried: false },
  "429": { kind: "rate_limited", label: "Rate limited", httpRetried: true, runRetried: true },
  "500": { kind: "upstream_unavailable", label: "Upstream unavailable", httpRetried: true, runRetried: true },
  timeout: { kind: "timeout", label: "Timed out", httpRetried: true, runRetried: true },
  malformed: { kind: "malformed_response", label: "Unexpected upstream response", httpRetried: false, runRetried: false },
  "page-drift": { kind: "conflict", label: "Upstream changed during the sync", httpRetried: false, runRetried: true },
};

export const HTTP_ATTEMPT_BOUND = defaultRetryPolicy.maxRetries + 1;
export const RUN_ATTEMPT_BOUND = DEFAULT_RETRY_DELAYS.length + 1;

/** Page drift is a sync fault: a check or a grant reads no pages. */
export const faultsFor = (operation: Operation, faults: readonly FaultName[]) => faults.filter((f) => operation === "sync" || f !== "page-drift");

/** The most times one identical request reached the simulator, per operation attempt. */
export function attemptsPerRequest(requests: string[], operationAttempts: number): number {
  const counts = new Map<string, number>();
  for (const request of requests) counts.set(request, (counts.get(request) ?? 0) + 1);
  return Math.max(0, ...counts.values()) / Math.max(1, operationAttempts);
}

export type CaseFigures = { adapter: HostedId; operation: Operation; fault: FaultName; httpAttempts: number; runAttempts: number; requests: number; named: boolean; intact: boolean };

export function summarize(cases: CaseFigures[], adapters: number, faults: number): string[] {
  const operations = new Set(cases.map((c) => c.operation)).size;
  const maxHttp = Math.max(0, ...cases.map((c) => c.httpAttempts));
  const maxRuns = Math.max(0, ...cases.map((c) => c.runAttempts));
  const head =
    `Upstream faults: ${adapters} adapters × ${operations} operations × ${faults} faults (page drift: sync only) = ${cases.length} cases, ` +
    `${cases.filter((c) => c.named).length} named, ${cases.filter((c) => c.intact).length} snapshots intact, ` +
    `max attempts ${maxHttp} per request (bound ${HTTP_ATTEMPT_BOUND}), max run attempts ${maxRuns} (bound ${RUN_ATTEMPT_BOUND})`;
  const lines = [head];
  for (const adapter of new Set(cases.map((c) => c.adapter))) {
    for (const operation of new Set(cases.map((c) => c.operation))) {
      const row = cases.filter((c) => c.adapter === adapter && c.operation === operation);
      // fault:http attempts per request×run attempts=requests the simulator counted
      lines.push(`  ${adapter} ${operation}: ${row.map((c) => `${c.fault} ${c.httpAttempts}×${c.runAttempts}=${c.requests}`).join(", ")}`);
    }
  }
  return lines;
}
