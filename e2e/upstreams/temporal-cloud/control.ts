// The simulator's request counters and its control commands (POST /__control or in-process).
import { PATH_KINDS, type Fault, type FaultBook, type PathKind } from "./faults";
import { WIRES, type Wire } from "./gateway-wire";
import type { SimSettings } from "./routes";
import type { ApiKeyBook } from "./api-keys";
import { invalid } from "./wire";

export type RequestLogEntry = { method: string; path: string; kind: PathKind; status: number; apiVersion?: string };

export type SimulatorStats = {
  /** API requests, control requests excluded. */
  readonly total: number;
  readonly byKind: Record<PathKind, number>;
  /** The last 1,000 requests. */
  readonly log: RequestLogEntry[];
  reset(): void;
};

export type ControlCommand =
  | { action: "set-faults"; faults: Fault[] }
  | { action: "add-fault"; fault: Fault }
  | { action: "clear-faults" }
  | { action: "reset-stats" }
  | { action: "set-api-keys"; apiKeys: string[]; readOnlyApiKeys?: string[]; expiredApiKeys?: string[] }
  | { action: "set-operations"; pendingPolls?: number; checkDuration?: string }
  | { action: "set-wire"; wire: Wire }
  /** When a key expires, as GetApiKeys lists it (`spec.expiryTime`); null: unset. */
  | { action: "set-api-key-expiry"; apiKey: string; expiryTime: string | null };

const emptyCounts = () => Object.fromEntries(PATH_KINDS.map((kind) => [kind, 0])) as Record<PathKind, number>;

export type MutableStats = SimulatorStats & { record(entry: RequestLogEntry): void };

export function createStats(): MutableStats {
  let byKind = emptyCounts();
  let total = 0;
  let log: RequestLogEntry[] = [];
  return {
    get total() {
      return total;
    },
    get byKind() {
      return byKind;
    },
    get log() {
      return log;
    },
    reset() {
      byKind = emptyCounts();
      total = 0;
      log = [];
    },
    record(entry) {
      byKind[entry.kind]++;
      if (entry.kind === "control") return;
      total++;
      log.push(entry);
      if (log.length > 1000) log.shift();
    },
  };
}

export type ApiKeys = { full: string[]; readOnly: string[]; expired: string[] };

export function applyControl(command: ControlCommand, target: { faults: FaultBook; stats: SimulatorStats; keys: ApiKeys; settings: SimSettings; apiKeyBook: ApiKeyBook }): void {
  const { faults, stats, keys, settings } = target;
  switch (command.action) {
    case "set-faults":
      return faults.set(command.faults);
    case "add-fault":
      return faults.add(command.fault);
    case "clear-faults":
      return faults.clear();
    case "reset-stats":
      return stats.reset();
    case "set-api-keys":
      keys.full = command.apiKeys;
      keys.readOnly = command.readOnlyApiKeys ?? [];
      keys.expired = command.expiredApiKeys ?? [];
      return;
    case "set-operations":
      if (command.pendingPolls !== undefined) settings.operationPendingPolls = command.pendingPolls;
      if (command.checkDuration !== undefined) settings.checkDuration = command.checkDuration;
      return;
    case "set-api-key-expiry":
      if (typeof command.apiKey !== "string" || (command.expiryTime !== null && Number.isNaN(Date.parse(command.expiryTime)))) throw invalid("set-api-key-expiry needs apiKey and an RFC 3339 expiryTime or null");
      return target.apiKeyBook.setExpiry(command.apiKey, command.expiryTime);
    case "set-wire":
      if (!(WIRES as readonly string[]).includes(command.wire)) throw invalid(`unknown wire ${JSON.stringify(command.wire)}: one of ${WIRES.join(", ")}`);
      settings.wire = command.wire;
      return;
    default:
      throw invalid(`unknown control action ${JSON.stringify((command as { action?: unknown }).action)}`);
  }
}
