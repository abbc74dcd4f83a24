// Which sync of a .c1z gets imported. The app replaces a connector's snapshot with what it
// imports, so only a finished full sync is a snapshot; anything else is refused unless asked for.
import { C1zError } from "./errors";
import type { SyncRunRow } from "./sqlite";

export type C1zSyncRun = {
  id: string;
  /** baton-sdk's sync_type: "full", "partial", "resources_only", "partial_upserts", "partial_deletions". */
  type: string;
  startedAt: string | null;
  endedAt: string | null;
  finished: boolean;
};

// Optional zone offset, then an optional zone name as Go's time.String() appends ("+0000 UTC").
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?(?:\s+[A-Z]{1,5})?$/i;

/**
 * Baton's Go SQLite driver writes "2025-02-03 20:49:58.9550432" (UTC, up to nanoseconds, with or
 * without a zone). Returned as ISO 8601 so the CLI prints and JavaScript parses one format;
 * anything unrecognised is passed through untouched rather than guessed at.
 */
export function normalizeTimestamp(value: string | null): string | null {
  if (value === null) return null;
  const m = TIMESTAMP.exec(value.trim());
  if (!m) return value;
  const millis = (m[3] ?? "").padEnd(3, "0").slice(0, 3);
  const zone = !m[4] || m[4].toUpperCase() === "Z" ? "Z" : m[4].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  const date = new Date(`${m[1]}T${m[2]}.${millis}${zone}`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

export function toSyncRun(row: SyncRunRow): C1zSyncRun {
  return {
    id: row.id,
    type: row.type,
    startedAt: normalizeTimestamp(row.startedAt),
    endedAt: normalizeTimestamp(row.endedAt),
    finished: row.endedAt !== null,
  };
}

function time(value: string | null): number {
  const ms = value === null ? Number.NaN : Date.parse(value);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** Latest first by `key`; ties go to the larger sync id (KSUIDs sort by time), as baton-sdk does. */
function latest(runs: C1zSyncRun[], key: "startedAt" | "endedAt"): C1zSyncRun | undefined {
  return [...runs].sort((a, b) => time(b[key]) - time(a[key]) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))[0];
}

function describe(run: C1zSyncRun): string {
  const state = run.finished ? `finished ${run.endedAt}` : `started ${run.startedAt ?? "at an unknown time"} and never finished`;
  return `${run.id} (${run.type}, ${state})`;
}

/**
 * The latest finished full sync (by end time, like baton-sdk's LatestSyncID). With
 * `allowUnfinished`, the latest-started full sync whatever its state, or failing that the
 * latest-started sync of any type.
 */
export function chooseSync(runs: C1zSyncRun[], allowUnfinished: boolean): C1zSyncRun {
  if (runs.length === 0) throw new C1zError("empty", "The .c1z file holds no sync runs: there is nothing to import.");
  const full = runs.filter((r) => r.type === "full");
  // Allowing unfinished syncs makes them candidates, so the newest sync wins even over an older
  // finished one: that is what someone importing a sync still running expects to see.
  if (allowUnfinished) return latest(full.length > 0 ? full : runs, "startedAt") as C1zSyncRun;
  const chosen = latest(full.filter((r) => r.finished), "endedAt");
  if (chosen) return chosen;
  const listed = runs.map(describe).join("; ");
  throw new C1zError(
    "unfinished",
    `The .c1z file has no finished full sync (its syncs: ${listed}). Importing a partial or unfinished ` +
      "sync would replace the last full snapshot with it, and every account, entitlement and grant it has " +
      "not reached yet would vanish from the console. Let the connector finish a full sync and export the " +
      "file again, or pass --allow-unfinished to import the latest sync anyway.",
  );
}
