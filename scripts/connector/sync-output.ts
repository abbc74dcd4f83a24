// Sync output: counts for the one-line JSON summary, and an NDJSON file written through a
// temporary name so a failed sync never leaves a file that looks complete.
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import type { SyncRecord } from "@/lib/connectors/types";

export type SyncSummary = {
  resources: Record<string, number>;
  entitlements: number;
  grants: number;
  resourceTypes: number;
};

export function createSummary(): { summary: SyncSummary; add(record: SyncRecord): void } {
  const summary: SyncSummary = { resources: {}, entitlements: 0, grants: 0, resourceTypes: 0 };
  return {
    summary,
    add(record) {
      if (record.type === "resource") summary.resources[record.resourceTypeId] = (summary.resources[record.resourceTypeId] ?? 0) + 1;
      else if (record.type === "entitlement") summary.entitlements++;
      else if (record.type === "grant") summary.grants++;
      else summary.resourceTypes++;
    },
  };
}

export type NdjsonWriter = { write(record: SyncRecord): Promise<void>; commit(): Promise<void>; abort(): Promise<void> };

export function createNdjsonWriter(path: string): NdjsonWriter {
  const partial = `${path}.partial`;
  const stream = createWriteStream(partial, { encoding: "utf8" });
  const closed = () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return {
    async write(record) {
      // Respect backpressure: one page of records in memory, not the whole org.
      if (!stream.write(`${JSON.stringify(record)}\n`)) await once(stream, "drain");
    },
    async commit() {
      await closed();
      await rename(partial, path);
    },
    async abort() {
      await closed().catch(() => undefined);
      await rm(partial, { force: true });
    },
  };
}
