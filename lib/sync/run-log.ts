// A run's log: lines (time, level, message) buffered and written in batches, scrubbed of the
// connector's secrets, capped so that a chatty adapter cannot fill the database.
import type { Logger } from "@/lib/connectors/types";
import { getSyncPool } from "./pool";
import { createScrubber, type Scrubber } from "./scrub";

export type LogLevel = "info" | "warn" | "error";

const MAX_LINES = 2_000;
const MAX_LENGTH = 4_000;

export type RunLog = {
  /** What the adapter gets as ctx.logger. */
  logger: Logger;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Replaces the scrubber once the config (and so the secrets) is known. */
  setSecrets(secrets: readonly string[]): void;
  scrub(text: string): string;
  flush(): Promise<void>;
  close(): Promise<void>;
};

export function createRunLog(runId: string, options: { mirror?: Logger } = {}): RunLog {
  let scrub: Scrubber = createScrubber([]);
  let pending: { at: string; level: LogLevel; message: string }[] = [];
  let written = 0;
  let dropped = 0;
  let flushing: Promise<void> = Promise.resolve();

  const timer = setInterval(() => void flush(), 1_000);
  timer.unref();

  function add(level: LogLevel, raw: string) {
    const message = scrub(raw).slice(0, MAX_LENGTH);
    options.mirror?.[level](message);
    if (written + pending.length >= MAX_LINES) {
      dropped++;
      return;
    }
    pending.push({ at: new Date().toISOString(), level, message });
    if (pending.length >= 200) void flush();
  }

  function flush(): Promise<void> {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return flushing;
    written += batch.length;
    // Chained: lines keep their order even when flushes overlap.
    flushing = flushing.then(() =>
      getSyncPool()
        .query(
          `INSERT INTO sync_logs (sync_run_id, at, level, message)
           SELECT $1, at::timestamp, level, message FROM unnest($2::text[], $3::text[], $4::text[]) AS l(at, level, message)`,
          [runId, batch.map((l) => l.at), batch.map((l) => l.level), batch.map((l) => l.message)],
        )
        .then(
          () => undefined,
          (error: Error) => console.error(`[sync] could not store log lines of run ${runId}: ${error.message}`),
        ),
    );
    return flushing;
  }

  const log: RunLog = {
    logger: { info: (m) => add("info", m), warn: (m) => add("warn", m), error: (m) => add("error", m) },
    info: (m) => add("info", m),
    warn: (m) => add("warn", m),
    error: (m) => add("error", m),
    setSecrets: (secrets) => {
      scrub = createScrubber(secrets);
    },
    scrub: (text) => scrub(text),
    flush,
    async close() {
      clearInterval(timer);
      if (dropped > 0) {
        pending.push({ at: new Date().toISOString(), level: "warn", message: `${dropped.toLocaleString("en-US")} further log lines were not stored (limit ${MAX_LINES.toLocaleString("en-US")} per run).` });
        dropped = 0;
      }
      await flush();
    },
  };
  return log;
}
