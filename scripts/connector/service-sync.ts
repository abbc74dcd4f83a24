// One sync of the provider into a gzip NDJSON file in a temporary directory. Writing the file
// first means an upstream failure never reaches Gatekeeper as a half upload, and the upload can
// be retried from the file. Memory stays at one page of records, like `connector sync --out`:
// pipeline() applies backpressure from the disk back to the adapter's pages.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { AnyConnector } from "@/lib/connectors/registry";
import type { ConnectorContext } from "@/lib/connectors/types";
import { createSummary, type SyncSummary } from "./sync-output";

export type SyncedFile = { path: string; summary: SyncSummary; remove(): Promise<void> };

export async function syncToFile(connector: AnyConnector, config: unknown, ctx: ConnectorContext): Promise<SyncedFile> {
  const dir = await mkdtemp(join(tmpdir(), "baton-runner-"));
  const path = join(dir, "sync.ndjson.gz");
  const remove = () => rm(dir, { recursive: true, force: true });
  const { summary, add } = createSummary();
  async function* lines() {
    for await (const record of connector.sync(config, ctx)) {
      add(record);
      yield `${JSON.stringify(record)}\n`;
    }
  }
  try {
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(path));
    return { path, summary, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
