// Every Ops API write answers at once with an async operation; the change is only done when
// that operation is fulfilled. This waits for it: polls at the server's checkDuration, a
// bounded number of times, and names the failure when Temporal reports one.
import { ConnectorError, type ConnectorContext } from "../types";
import type { ApiAsyncOperation, TemporalCloudApi } from "./api";
import { enumText } from "./proto3";

export const DEFAULT_MAX_OPERATION_POLLS = 60;
const DEFAULT_CHECK_MS = 1_000;
// Never hammer the API even if told "0s"; never stall a request for minutes on a bad value.
const MIN_CHECK_MS = 100;
const MAX_CHECK_MS = 30_000;

/** proto3 JSON durations are decimal seconds with an "s" suffix: "5s", "0.250s". */
export function parseCheckDuration(value: string | undefined): number {
  const match = value?.trim().match(/^(\d+(?:\.\d+)?)s$/);
  if (!match) return DEFAULT_CHECK_MS;
  return Math.min(MAX_CHECK_MS, Math.max(MIN_CHECK_MS, Math.round(Number(match[1]) * 1000)));
}

type Outcome = "done" | "failed" | "pending";

/** `STATE_FULFILLED` (current enum) or `fulfilled` (older API versions). */
export function operationOutcome(state: string): Outcome {
  const bare = state.toUpperCase().replace(/^STATE_/, "");
  if (bare === "FULFILLED") return "done";
  if (bare === "FAILED" || bare === "CANCELLED" || bare === "CANCELED") return "failed";
  // PENDING, IN_PROGRESS and states a later version may add: keep waiting, within the bound.
  return "pending";
}

export async function awaitOperation(
  api: TemporalCloudApi,
  ctx: ConnectorContext,
  operation: ApiAsyncOperation | undefined,
  what: string,
  maxPolls = DEFAULT_MAX_OPERATION_POLLS,
): Promise<void> {
  // A write answered without an operation (or without its id) has nothing we could wait on.
  if (!operation || !operation.id) return;
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let current = operation;
  for (let poll = 0; ; poll++) {
    // The State enum of current API versions, else the string older ones send.
    const state = enumText(current.state) || current.stateDeprecated;
    const outcome = operationOutcome(state);
    if (outcome === "done") return;
    if (outcome === "failed") {
      const reason = current.failureReason.trim() || "no reason given";
      throw new ConnectorError("operation_failed", `Temporal Cloud could not complete the change (${what}): ${reason} (operation ${current.id}, ${state}).`);
    }
    if (poll >= maxPolls) {
      throw new ConnectorError(
        "timeout",
        `Temporal Cloud was still working on the change (${what}) after ${maxPolls} checks (operation ${current.id}, ${state || "no state"}). It may still complete; the next sync will show it.`,
        { retryable: true },
      );
    }
    await sleep(parseCheckDuration(current.checkDuration));
    current = await api.getAsyncOperation(current.id);
  }
}
