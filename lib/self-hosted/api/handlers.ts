// The ingest API's handlers, one per route under /api/v1. Each authenticates, validates its
// input with zod, and answers JSON; the route files only bind them to the default deps.
import { z } from "zod";
import type { SyncRecord } from "@/lib/connectors/types";
import { recordRunnerContact } from "@/lib/data/self-hosted";
import { alertAfterRunnerContact } from "@/lib/sync/health";
import { readLimitedBody, readNdjsonRecords, UploadError } from "../body";
import { describeUploadFailure, importC1z, importRecords, type UploadSource } from "../import";
import { authenticate, handleTokenRequest } from "./auth";
import { createDefaultDeps, type IngestApiDeps } from "./deps";
import { respondError, respondJson } from "./respond";
import { handleListTasks, handleTaskResult } from "./tasks";

export const heartbeatSchema = z.object({
  // Shown on the connector page: printable, short.
  runnerVersion: z.string().trim().min(1).max(64).regex(/^[\w .+\-/()]+$/, "Use letters, digits and . + - / ( ) only."),
  state: z.enum(["starting", "idle", "syncing", "error"]).optional(),
});

const c1zQuerySchema = z.object({ allowUnfinished: z.enum(["true", "false", "1", "0"]).optional() });

const NDJSON_TYPES = ["application/x-ndjson", "application/jsonl", "application/ndjson"];

function failure(error: unknown) {
  const { status, code, message } = describeUploadFailure(error, "send it again with ?allowUnfinished=true");
  if (status === 500) console.error("Upload failed:", error instanceof Error ? error.message : error);
  return respondError(status, code, message);
}

/** The first record pulled before the run starts, so a file that is not NDJSON changes nothing. */
async function peeked(records: AsyncGenerator<SyncRecord>): Promise<AsyncGenerator<SyncRecord>> {
  const first = await records.next();
  return (async function* () {
    if (!first.done) yield first.value;
    yield* records;
  })();
}

export function createIngestApi(deps: IngestApiDeps = createDefaultDeps()) {
  const source = (connector: { clientId: string | null; runnerVersion: string | null }): UploadSource => ({ via: "api", clientId: connector.clientId ?? "unknown", runnerVersion: connector.runnerVersion });

  return {
    deps,
    token: (request: Request) => handleTokenRequest(request, deps),
    tasks: (request: Request) => handleListTasks(request, deps),
    taskResult: (request: Request, taskId: string) => handleTaskResult(request, taskId, deps),

    async heartbeat(request: Request) {
      const auth = await authenticate(request, deps);
      if (!auth.ok) return auth.response;
      let body: unknown;
      try {
        body = JSON.parse(new TextDecoder().decode(await readLimitedBody(request, 4096, "heartbeat")));
      } catch (error) {
        if (error instanceof UploadError) return respondError(error.status, error.kind, error.message);
        body = undefined;
      }
      const parsed = heartbeatSchema.safeParse(body);
      if (!parsed.success) return respondError(400, "invalid_request", `Send {"runnerVersion": "..."}: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
      const at = new Date(deps.now());
      await recordRunnerContact(auth.connector.id, { at, runnerVersion: parsed.data.runnerVersion });
      // A runner reported silent is back: its owners hear so once.
      await alertAfterRunnerContact(auth.connector.id);
      return respondJson({ ok: true, lastSeenAt: at.toISOString(), syncIntervalMinutes: auth.connector.syncIntervalMinutes, provider: auth.connector.provider });
    },

    async uploadRecords(request: Request) {
      const auth = await authenticate(request, deps);
      if (!auth.ok) return auth.response;
      const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
      if (!NDJSON_TYPES.includes(type)) return respondError(415, "unsupported_media_type", "Send the sync as NDJSON (Content-Type: application/x-ndjson), gzip optional.");
      try {
        const records = await peeked(readNdjsonRecords(request, deps.ndjson));
        const result = await importRecords(auth.connector, records, source(auth.connector), { format: "ndjson", gzip: request.headers.get("content-encoding") === "gzip" }, request.signal);
        await recordRunnerContact(auth.connector.id, { at: new Date(deps.now()) });
        return respondJson({ runId: result.runId, counts: result.counts });
      } catch (error) {
        return failure(error);
      }
    },

    async uploadC1z(request: Request) {
      const auth = await authenticate(request, deps);
      if (!auth.ok) return auth.response;
      const query = c1zQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
      if (!query.success) return respondError(400, "invalid_request", "allowUnfinished is true or false.");
      try {
        const bytes = await readLimitedBody(request, deps.c1z.maxCompressedBytes, ".c1z file");
        const allowUnfinished = query.data.allowUnfinished === "true" || query.data.allowUnfinished === "1";
        const result = await importC1z(auth.connector, bytes, source(auth.connector), { allowUnfinished, limits: deps.c1z });
        await recordRunnerContact(auth.connector.id, { at: new Date(deps.now()) });
        return respondJson(result);
      } catch (error) {
        return failure(error);
      }
    },
  };
}

export type IngestApi = ReturnType<typeof createIngestApi>;

// On globalThis, like the Prisma client: every route bundle of the process shares one instance.
const globalForApi = globalThis as unknown as { gatekeeperIngestApi?: IngestApi };

/** The process-wide instance the route handlers use (its rate-limit windows are in the database). */
export function getIngestApi(): IngestApi {
  globalForApi.gatekeeperIngestApi ??= createIngestApi();
  return globalForApi.gatekeeperIngestApi;
}
