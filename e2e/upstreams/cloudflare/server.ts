// A Cloudflare API v4 simulator on loopback: real HTTP, the OpenAPI subset's shapes, both
// authentication methods, state that writes change, request counts, and faults on demand.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate } from "./auth";
import { CF_ERRORS, fail, noRoute, type SimResponse } from "./envelope";
import { parseJson, readBody, send } from "./http-io";
import { controlSchema, takeFault, type Fault } from "./faults";
import { accountMismatch, matchRoute } from "./routes";
import { createState, hexId, loadCloudflareFixture, type CloudflareCredentials, type CloudflareFixture, type CloudflareSimState } from "./state";

export { DEMO_ACCOUNT_ID, DEMO_CREDENTIALS, generateCloudflareAccount, loadCloudflareFixture, type CloudflareFixture } from "./state";
export type { Fault } from "./faults";

export const API_BASE_PATH = "/client/v4";

export type CloudflareExchange = {
  method: string;
  /** Path after /client/v4. */
  path: string;
  /** The OpenAPI path template that matched, e.g. /accounts/{account_id}/members. */
  template?: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: unknown;
  fault?: Fault["kind"];
};

export type CloudflareSimulatorStats = {
  /** API requests (control calls excluded). */
  total: number;
  /** By "<METHOD> <OpenAPI path template>", e.g. "GET /accounts/{account_id}/members". */
  byRoute: Record<string, number>;
  control: number;
};

export type CloudflareSimulatorOptions = {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  fixture?: CloudflareFixture;
  credentials?: Partial<CloudflareCredentials>;
  faults?: Fault[];
  /** Every API request and its answer, e.g. to validate both against the OpenAPI spec. */
  onExchange?: (exchange: CloudflareExchange) => void;
};

export type CloudflareSimulator = {
  /** Base URL to give the adapter (ends with /client/v4). */
  url: string;
  /** Where POST /__control lives. */
  origin: string;
  state: CloudflareSimState;
  stats: CloudflareSimulatorStats;
  faults: Fault[];
  inject(...faults: Fault[]): void;
  /** Clears faults and counts; `"state"` also restores the seeded data. */
  reset(scope?: true | "state"): void;
  close(): Promise<void>;
};

export async function startCloudflareSimulator(options: CloudflareSimulatorOptions = {}): Promise<CloudflareSimulator> {
  const fixture = options.fixture ?? loadCloudflareFixture();
  const state = createState(fixture, options.credentials);
  const faults: Fault[] = [...(options.faults ?? [])];
  const stats: CloudflareSimulatorStats = { total: 0, byRoute: {}, control: 0 };
  const timers = new Set<{ timer?: NodeJS.Timeout; resolve: () => void }>();
  let drifted = 0;

  const reset = (scope: true | "state" = true) => {
    faults.length = 0;
    stats.total = 0;
    stats.control = 0;
    for (const key of Object.keys(stats.byRoute)) delete stats.byRoute[key];
    if (scope === "state") Object.assign(state, createState(fixture, options.credentials));
  };

  // Slow answers are timers; close() fires them so no test waits on a delay it abandoned.
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry: { timer?: NodeJS.Timeout; resolve: () => void } = { resolve };
      entry.timer = setTimeout(() => {
        timers.delete(entry);
        resolve();
      }, ms);
      timers.add(entry);
    });

  async function control(req: IncomingMessage, res: ServerResponse) {
    stats.control++;
    if (req.method === "POST") {
      const parsed = controlSchema.safeParse(parseJson(await readBody(req)) ?? {});
      if (!parsed.success) return send(res, { status: 400, body: { error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) } });
      if (parsed.data.reset) reset(parsed.data.reset);
      faults.push(...(parsed.data.fault ? [parsed.data.fault] : []), ...(parsed.data.faults ?? []));
      if (parsed.data.tokenExpiresOn !== undefined) state.credentials.tokenExpiresOn = parsed.data.tokenExpiresOn ?? undefined;
    }
    send(res, { status: 200, body: { faults, stats } });
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = req.method ?? "GET";
    const path = url.pathname.slice(API_BASE_PATH.length) || "/";
    const rawBody = await readBody(req);
    const route = matchRoute(method, path);
    const key = `${method} ${route?.template ?? "(unmatched)"}`;
    stats.total++;
    stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;

    const fault = takeFault(faults, method, path);
    if (fault?.kind === "slow") await delay(fault.delayMs ?? 1_000);

    const respond = (): SimResponse => {
      if (fault?.kind === "rate-limit") return fail(429, [CF_ERRORS.rateLimited], { "retry-after": String(fault.retryAfterSeconds ?? 1) });
      if (fault?.kind === "server-error") return fail(fault.status ?? 500, [CF_ERRORS.internal]);
      if (fault?.kind === "malformed-json") return { status: 200, body: undefined, raw: '{"success":true,"errors":[],"messages":[],"result":[{"id":' };
      if (!route) return noRoute(`${API_BASE_PATH}${path}`);
      const auth = authenticate(req.headers, state.credentials, {
        tokenOnly: route.template === "/user/tokens/verify",
        revoked: fault?.kind === "bad-credentials",
      });
      if (!auth.ok) return auth.response;
      if (fault?.kind === "permission-denied") return fail(403, [CF_ERRORS.authenticationError]);
      const mismatch = accountMismatch(state, route.params.account_id, path);
      if (mismatch) return mismatch;
      return route.handler(state, { params: route.params, query: url.searchParams, body: parseJson(rawBody), rawBody });
    };
    const response = respond();
    if (fault?.kind === "page-drift") {
      // Someone is invited while the sync pages through: every later page shifts by one.
      drifted++;
      state.members.unshift({
        id: hexId(0xd, drifted),
        status: "pending",
        user: { email: `drift${drifted}@example.com`, first_name: null, last_name: null, two_factor_authentication_enabled: false },
        roleIds: state.roles.slice(0, 1).map((role) => role.id),
      });
    }
    const text = send(res, response);
    options.onExchange?.({
      method,
      path,
      template: route?.template,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      requestBody: parseJson(rawBody),
      status: response.status,
      responseHeaders: response.headers ?? {},
      responseBody: response.raw === undefined ? parseJson(text) : text,
      fault: fault?.kind,
    });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const handle =
      url.pathname === "/__control"
        ? control(req, res)
        : url.pathname === API_BASE_PATH || url.pathname.startsWith(`${API_BASE_PATH}/`)
          ? api(req, res, url)
          : Promise.resolve(send(res, noRoute(url.pathname)));
    handle.catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, fail(500, [{ ...CF_ERRORS.internal, message: String(error) }]));
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;

  return {
    url: `${origin}${API_BASE_PATH}`,
    origin,
    state,
    stats,
    faults,
    inject: (...more) => void faults.push(...more),
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        for (const entry of timers) {
          clearTimeout(entry.timer);
          entry.resolve();
        }
        timers.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
