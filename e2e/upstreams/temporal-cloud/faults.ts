// Failures on purpose. A fault matches requests by path kind, can let the first `skip` matches
// through (fail page 2, not page 1) and fires `times` times (default: until cleared).

export const PATH_KINDS = [
  "account.get",
  "users.list",
  "users.get",
  "users.create",
  "users.update",
  "users.delete",
  "namespaces.list",
  "namespaces.get",
  "api-keys.list",
  "api-keys.get",
  "namespace-access.set",
  "operations.get",
  "service-accounts.list",
  "control",
  "unknown",
] as const;
export type PathKind = (typeof PATH_KINDS)[number];

type Matching = {
  /** Path kinds this fault applies to; all API requests when absent. */
  match?: PathKind | PathKind[];
  /** Matching requests let through before the fault starts firing. */
  skip?: number;
  /** How many times it fires; unlimited when absent. */
  times?: number;
};

export type Fault = Matching &
  (
    | {
        /** Answer with this status and a grpc-gateway body (or `body` verbatim): 401, 403, 429, 500... */
        kind: "status";
        status: number;
        code?: number;
        message?: string;
        body?: string;
        retryAfter?: string;
      }
    /** Answer late (a timeout for a client with a shorter deadline). */
    | { kind: "slow"; delayMs: number }
    /** Answer 200 with a body cut short: not JSON. */
    | { kind: "malformed" }
    /** Before answering a users page after the first, invite a user whose id sorts first: offset tokens shift. */
    | { kind: "page-change" }
    /** After answering GetUser, someone else edits that user: the caller's resource version goes stale. */
    | { kind: "concurrent-edit" }
    /** The next async operations end in STATE_FAILED with this reason and change nothing. */
    | { kind: "operation-failed"; reason: string }
  );

export type FaultKind = Fault["kind"];

type Armed = { fault: Fault; seen: number; fired: number };

export class FaultBook {
  private armed: Armed[] = [];

  set(faults: Fault[]): void {
    this.armed = faults.map((fault) => ({ fault, seen: 0, fired: 0 }));
  }

  add(fault: Fault): void {
    this.armed.push({ fault, seen: 0, fired: 0 });
  }

  clear(): void {
    this.armed = [];
  }

  list(): Fault[] {
    return this.armed.map((entry) => entry.fault);
  }

  /**
   * The first armed fault of `kind` matching `path`, counted as seen (and fired unless skipped).
   * `when` narrows further without counting (page-change only on follow-up pages).
   */
  take<K extends FaultKind>(kind: K, path: PathKind, when = true): Extract<Fault, { kind: K }> | undefined {
    if (!when) return undefined;
    for (const entry of this.armed) {
      const { fault } = entry;
      if (fault.kind !== kind) continue;
      const kinds = fault.match === undefined ? undefined : Array.isArray(fault.match) ? fault.match : [fault.match];
      if (kinds ? !kinds.includes(path) : path === "control") continue;
      entry.seen++;
      if (entry.seen <= (fault.skip ?? 0)) continue;
      entry.fired++;
      if (fault.times !== undefined && entry.fired >= fault.times) this.armed = this.armed.filter((other) => other !== entry);
      return fault as Extract<Fault, { kind: K }>;
    }
    return undefined;
  }
}
