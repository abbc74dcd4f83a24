// A Temporal Cloud Ops API simulator: a real HTTP server on loopback speaking the HTTP/JSON
// gateway's shapes, with API-key auth, paging, resource versions, async operations, request
// counting and failures on purpose (options.faults or POST /__control).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { applyControl, createStats, type ApiKeys, type ControlCommand, type RequestLogEntry, type SimulatorStats } from "./control";
import { FaultBook, type Fault } from "./faults";
import { writeAnswer, type Wire } from "./gateway-wire";
import { fixtureOrg, type TemporalOrg } from "./org";
import { ApiKeyBook, apiKeyRoute } from "./api-keys";
import { classify, pageToken, paging, queryParam, readOnlyRoute, type SimEnv, type SimRequest, type SimSettings } from "./routes";
import { OrgStore } from "./store";
import { userRoute } from "./user-routes";
import { GatewayError, GRPC, invalid } from "./wire";

export { generateTemporalOrg, type GenerateOptions } from "./generate";
export { fixtureOrg, type OrgCounts, type TemporalOrg } from "./org";
export type { Fault, PathKind } from "./faults";
export type { ControlCommand, RequestLogEntry, SimulatorStats } from "./control";
export { WIRES, type Wire } from "./gateway-wire";
export { apiKeyId } from "./api-keys";

export const DEMO_API_KEY = "tc-demo-key";

export type SimulatorOptions = {
  /** The organisation to serve; the fixture when absent. */
  org?: TemporalOrg;
  /** Keys with full access. Default: [DEMO_API_KEY]. */
  apiKeys?: string[];
  /** Keys that may read but get 403 PermissionDenied on writes (a key owned by a Read user). */
  readOnlyApiKeys?: string[];
  /** Keys answered 401 "API key expired". */
  expiredApiKeys?: string[];
  faults?: Fault[];
  /** GetAsyncOperation answers "in progress" this many times before the final state (default 0). */
  operationPendingPolls?: number;
  /** The checkDuration operations carry (default "1s"). */
  checkDuration?: string;
  /**
   * How answers are written: `compact` (default) leaves unset fields out; `grpc-gateway` writes
   * every field as grpc-gateway's default marshaller does (nulls, "", [], zero enum names).
   */
  wire?: Wire;
  /** Added to every answer, for demos that should feel remote. */
  latencyMs?: number;
  port?: number;
  host?: string;
};

export type TemporalCloudSimulator = {
  url: string;
  close(): Promise<void>;
  state: OrgStore;
  stats: SimulatorStats;
  faults: FaultBook;
  /** What POST /__control does, callable in-process. */
  control(command: ControlCommand): void;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  if (res.destroyed || res.writableEnded) return; // the client gave up (timeout): nothing to answer
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body);
}

const gatewayBody = (code: number, message: string) => JSON.stringify({ code, message, details: [] });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw invalid("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startTemporalCloudSimulator(options: SimulatorOptions = {}): Promise<TemporalCloudSimulator> {
  const store = new OrgStore(options.org ?? fixtureOrg());
  const faults = new FaultBook();
  faults.set(options.faults ?? []);
  const settings: SimSettings = {
    operationPendingPolls: options.operationPendingPolls ?? 0,
    checkDuration: options.checkDuration ?? "1s",
    wire: options.wire ?? "compact",
  };
  const keys: ApiKeys = { full: options.apiKeys ?? [DEMO_API_KEY], readOnly: options.readOnlyApiKeys ?? [], expired: options.expiredApiKeys ?? [] };
  const env: SimEnv = { store, faults, settings };
  const stats = createStats();
  // Keys belong to the organisation's first user (an Account Owner in the fixture).
  const apiKeyBook = new ApiKeyBook(store.firstUserId() ?? "owner");
  const control = (command: ControlCommand) => applyControl(command, { faults, stats, keys, settings, apiKeyBook });
  const listedKeys = () => apiKeyBook.list([...keys.full, ...keys.readOnly].map((token) => ({ token, expired: false })).concat(keys.expired.map((token) => ({ token, expired: true }))));

  /** gRPC Unauthenticated (401) or PermissionDenied (403), as the gateway would answer. */
  function authorize(req: IncomingMessage, write: boolean) {
    const key = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "")?.[1]?.trim();
    if (!key) throw new GatewayError(401, GRPC.unauthenticated, "Request unauthenticated: missing API key");
    if (keys.expired.includes(key)) throw new GatewayError(401, GRPC.unauthenticated, "Request unauthenticated: API key expired");
    if (keys.readOnly.includes(key)) {
      if (write) throw new GatewayError(403, GRPC.permissionDenied, "permission denied: the API key's owner cannot change users");
      return;
    }
    if (!keys.full.includes(key)) throw new GatewayError(401, GRPC.unauthenticated, "Request unauthenticated: invalid API key");
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://simulator");
    const method = req.method ?? "GET";
    const { kind, params, pathKnown } = classify(method, url.pathname);
    const apiVersion = req.headers["temporal-cloud-api-version"];
    const entry: RequestLogEntry = { method, path: url.pathname + url.search, kind, status: 0, apiVersion: typeof apiVersion === "string" ? apiVersion : undefined };
    stats.record(entry);
    const reply = (status: number, body: string, headers?: Record<string, string>) => {
      entry.status = status;
      send(res, status, body, headers);
    };
    try {
      const raw = method === "GET" || method === "DELETE" ? "" : await readBody(req);
      let parsed: Record<string, unknown> | undefined;
      const body = () => {
        if (parsed) return parsed;
        try {
          const value: unknown = raw ? JSON.parse(raw) : {};
          if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not an object");
          parsed = value as Record<string, unknown>;
          return parsed;
        } catch {
          throw invalid("request body is not a JSON object");
        }
      };
      if (kind === "control") {
        if (method === "POST") control(body() as ControlCommand);
        return reply(200, JSON.stringify({ stats: { total: stats.total, byKind: stats.byKind }, faults: faults.list() }));
      }
      if (options.latencyMs) await sleep(options.latencyMs);
      const slow = faults.take("slow", kind);
      if (slow) await sleep(slow.delayMs);
      const status = faults.take("status", kind);
      if (status) {
        const headers: Record<string, string> = status.retryAfter === undefined ? {} : { "retry-after": status.retryAfter };
        return reply(status.status, status.body ?? gatewayBody(status.code ?? GRPC.internal, status.message ?? "injected failure"), headers);
      }
      if (kind === "unknown") throw pathKnown ? new GatewayError(405, GRPC.unimplemented, "Method Not Allowed") : new GatewayError(404, GRPC.notFound, "Not Found");
      authorize(req, method !== "GET");
      // Strict on purpose: a client that forgets the version header is a bug worth catching here.
      if (!entry.apiVersion) throw invalid("missing temporal-cloud-api-version header");
      const request: SimRequest = { method, kind, params, query: url.searchParams, body };
      const answer =
        readOnlyRoute(env, request) ??
        (kind === "api-keys.list" || kind === "api-keys.get"
          ? apiKeyRoute(request, listedKeys(), { ...paging(request.query, "api-keys"), token: (offset) => pageToken("api-keys", offset) }, queryParam(request.query, "owner_id"))
          : undefined) ??
        userRoute(env, request);
      if (!answer) throw new GatewayError(404, GRPC.notFound, "Not Found");
      const json = JSON.stringify(writeAnswer(settings.wire, kind, answer));
      // A body cut in half: what a proxy dropping the connection mid-answer leaves behind.
      if (faults.take("malformed", kind)) return reply(200, json.slice(0, Math.max(1, Math.floor(json.length / 2))));
      return reply(200, json);
    } catch (error) {
      if (error instanceof GatewayError) return reply(error.status, gatewayBody(error.code, error.message));
      return reply(500, gatewayBody(GRPC.internal, `simulator error: ${(error as Error).message}`));
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    state: store,
    stats,
    faults,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        // Slow answers hold sockets open; a test's afterAll must not wait for them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
