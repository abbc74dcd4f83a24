// The runner's side of the ingest API: token (cached until shortly before it expires),
// heartbeat, and the upload of a gzip NDJSON file. 429 and 503 wait and retry a few times.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { z } from "zod";

export class IngestClientError extends Error {
  name = "IngestClientError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const tokenSchema = z.object({
  access_token: z.string(),
  expires_in: z.number(),
  connector: z.object({ id: z.string(), name: z.string(), app: z.string(), provider: z.string().nullable(), provisioning: z.boolean(), syncIntervalMinutes: z.number() }),
});
export type TokenInfo = z.infer<typeof tokenSchema>;

const uploadSchema = z.object({
  runId: z.string(),
  counts: z.object({ resourceTypes: z.number(), resources: z.number(), accounts: z.number(), entitlements: z.number(), grants: z.number() }),
});
export type UploadResponse = z.infer<typeof uploadSchema>;

const errorSchema = z.object({ error: z.string(), message: z.string() });

export type IngestClientOptions = {
  url: string;
  clientId: string;
  clientSecret: string;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  now?: () => number;
  signal?: AbortSignal;
};

const MAX_ATTEMPTS = 4;

export function createIngestClient(options: IngestClientOptions) {
  const now = options.now ?? Date.now;
  let cached: { info: TokenInfo; renewAt: number } | undefined;

  async function call(path: string, init: () => RequestInit): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await options.fetch(`${options.url}${path}`, { ...init(), signal: options.signal });
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
        throw new IngestClientError(0, "unreachable", `Cannot reach Gatekeeper at ${options.url}: ${cause}`);
      }
      const json: unknown = await response.json().catch(() => null);
      if (response.ok) return json;
      const refusal = errorSchema.safeParse(json);
      const error = new IngestClientError(response.status, refusal.success ? refusal.data.error : "http_error", refusal.success ? refusal.data.message : `HTTP ${response.status} from ${path}`);
      const retryable = response.status === 429 || response.status === 503;
      if (!retryable || attempt >= MAX_ATTEMPTS) throw error;
      const retryAfter = Number(response.headers.get("retry-after"));
      await options.sleep(Math.min(60_000, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1000 * 2 ** attempt));
    }
  }

  async function token(force = false): Promise<TokenInfo> {
    if (!force && cached && now() < cached.renewAt) return cached.info;
    const json = await call("/api/v1/token", () => ({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: options.clientId, client_secret: options.clientSecret }),
    }));
    const info = tokenSchema.parse(json);
    // Renew a minute early (or halfway through a short token), never mid-upload by surprise.
    cached = { info, renewAt: now() + Math.max(info.expires_in * 500, info.expires_in * 1000 - 60_000) };
    return info;
  }

  /** Calls with the current token; a 401 (rotated, expired) gets one fresh token and one retry. */
  async function authorized(path: string, init: (auth: string) => RequestInit): Promise<unknown> {
    for (const force of [false, true]) {
      const { access_token } = await token(force);
      try {
        return await call(path, () => init(`Bearer ${access_token}`));
      } catch (error) {
        if (!(error instanceof IngestClientError) || error.status !== 401 || force) throw error;
      }
    }
    throw new Error("unreachable");
  }

  return {
    token,
    authorized,
    async heartbeat(runnerVersion: string, state: "starting" | "idle" | "syncing" | "error") {
      await authorized("/api/v1/heartbeat", (authorization) => ({
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ runnerVersion, state }),
      }));
    },
    /** Uploads a gzip NDJSON file; the file is re-read for each attempt, so retries are safe. */
    async upload(path: string): Promise<UploadResponse> {
      const { size } = await stat(path);
      const json = await authorized("/api/v1/uploads", (authorization) => ({
        method: "POST",
        headers: { authorization, "content-type": "application/x-ndjson", "content-encoding": "gzip", "content-length": String(size) },
        body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
        duplex: "half",
      }) as RequestInit);
      return uploadSchema.parse(json);
    },
    /** Uploads a Baton .c1z as it is; Gatekeeper checks and imports it. */
    async uploadC1z(path: string, allowUnfinished: boolean): Promise<UploadResponse & { sync: { id: string; type: string; finished: boolean } }> {
      const { size } = await stat(path);
      const query = allowUnfinished ? "?allowUnfinished=true" : "";
      const json = await authorized(`/api/v1/uploads/c1z${query}`, (authorization) => ({
        method: "POST",
        headers: { authorization, "content-type": "application/octet-stream", "content-length": String(size) },
        body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
        duplex: "half",
      }) as RequestInit);
      return uploadSchema.extend({ sync: z.object({ id: z.string(), type: z.string(), finished: z.boolean() }) }).parse(json);
    },
  };
}

export type IngestClient = ReturnType<typeof createIngestClient>;

const tasksSchema = z.object({
  tasks: z.array(z.object({ id: z.string(), kind: z.enum(["grant", "revoke"]), entitlementId: z.string(), principalTypeId: z.string(), principalId: z.string() })),
});
export type RunnerTask = z.infer<typeof tasksSchema>["tasks"][number];
export type TaskOutcome = { outcome: "ok" | "refused" | "failed"; message: string };

/** Grants and revokes asked of this connector in the console (GET /api/v1/tasks, then a report each). */
export function createTaskClient(client: Pick<IngestClient, "authorized">) {
  return {
    async claim(): Promise<RunnerTask[]> {
      return tasksSchema.parse(await client.authorized("/api/v1/tasks", (authorization) => ({ method: "GET", headers: { authorization } }))).tasks;
    },
    async report(id: string, outcome: TaskOutcome): Promise<void> {
      await client.authorized(`/api/v1/tasks/${encodeURIComponent(id)}/result`, (authorization) => ({
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify(outcome),
      }));
    },
  };
}
