// An Okta org simulator on loopback: real HTTP, the OpenAPI subset's shapes, SSWS and OAuth
// (private_key_jwt) authentication, cursor paging with Link headers, per-endpoint rate limits
// that deplete, request counts, and faults on demand (options, handle, or POST /__control).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate, demoCredentials, type IssuedToken, type OktaCredentials } from "./auth";
import { NOT_OKTA_PAGE, OKTA_ERRORS, type SimResponse } from "./errors";
import { controlSchema, takeFault, type Fault } from "./faults";
import { createTimers, formOf, logoSvg, parseJson, readBody, send } from "./http-io";
import { issueToken } from "./oauth";
import { createCursors } from "./paging";
import { createRateLimits, type RateLimitOptions } from "./rate-limits";
import { indexOrg, type SimState } from "./routes";
import { matchRoute } from "./routes-apps";
import { cloneOrg, demoOktaOrg, type OktaOrg } from "./state";

export type OktaExchange = {
  method: string;
  path: string;
  /** The OpenAPI path template that matched, e.g. /api/v1/groups/{groupId}/users. */
  template?: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string | string[]>;
  responseBody: unknown;
  fault?: Fault["kind"];
};

export type OktaSimulatorStats = { total: number; byRoute: Record<string, number>; control: number };

export type OktaSimulatorOptions = {
  port?: number;
  host?: string;
  /** The org to serve (the demo fixture when absent); copied, so writes do not leak into it. */
  org?: OktaOrg;
  credentials?: OktaCredentials;
  faults?: Fault[];
  rateLimits?: RateLimitOptions;
  /** The simulator's clock (rate-limit windows, token expiry, Date headers); tests pass a fake one. */
  now?: () => number;
  /** Added to every answer, for demos that should feel remote. */
  latencyMs?: number;
  onExchange?: (exchange: OktaExchange) => void;
};

export type OktaSimulator = {
  /** The org's base URL (what OKTA_API_URL points at): API paths start at /api/v1 and /oauth2/v1. */
  url: string;
  /** The Okta domain the org pretends to be (client assertions may name it in aud). */
  orgUrl: string;
  state: SimState;
  credentials: OktaCredentials;
  tokens: Map<string, IssuedToken>;
  stats: OktaSimulatorStats;
  faults: Fault[];
  rateLimits: ReturnType<typeof createRateLimits>;
  inject(...faults: Fault[]): void;
  /** Clears faults, counts and buckets; "state" also restores the seeded org. */
  reset(scope?: true | "state"): void;
  close(): Promise<void>;
};

export async function startOktaSimulator(options: OktaSimulatorOptions = {}): Promise<OktaSimulator> {
  const seed = options.org ?? demoOktaOrg();
  const state: SimState = indexOrg(cloneOrg(seed));
  const now = options.now ?? Date.now;
  const credentials = options.credentials ?? demoCredentials();
  const tokens = new Map<string, IssuedToken>();
  const usedJtis = new Map<string, number>();
  const faults: Fault[] = [...(options.faults ?? [])];
  const stats: OktaSimulatorStats = { total: 0, byRoute: {}, control: 0 };
  const rateLimits = createRateLimits(options.rateLimits, now);
  const cursors = createCursors();
  const timers = createTimers();
  let origin = "";

  const reset = (scope: true | "state" = true) => {
    faults.length = 0;
    Object.assign(stats, { total: 0, control: 0, byRoute: {} });
    rateLimits.reset();
    if (scope === "state") Object.assign(state, indexOrg(cloneOrg(seed)));
  };

  function deleteGroup(groupId: string | undefined) {
    if (!groupId || !state.groups.delete(groupId)) return;
    state.org.groups = state.org.groups.filter((g) => g.id !== groupId);
    for (const app of state.org.apps) app.groups = app.groups.filter((id) => id !== groupId);
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = req.method ?? "GET";
    const path = url.pathname;
    const rawBody = await readBody(req);
    const token = path === "/oauth2/v1/token";
    const match = token ? undefined : matchRoute(method, path);
    const template = token ? (method === "POST" ? path : undefined) : match?.route?.template;
    const key = `${method} ${template ?? "(unmatched)"}`;
    stats.total++;
    stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
    const fault = takeFault(faults, { method, path, paged: url.searchParams.has("after") });
    if (fault?.kind === "slow") await timers.delay(fault.delayMs ?? 1_000);
    if (options.latencyMs) await timers.delay(options.latencyMs);
    const requestBody = token ? formOf(rawBody) : parseJson(rawBody);

    const respond = (): SimResponse => {
      if (fault?.kind === "html") return NOT_OKTA_PAGE; // not Okta at all: no Okta headers either
      if (fault?.kind === "rate-limit") return OKTA_ERRORS.rateLimited(rateLimits.exhaust(key, fault.resetSeconds));
      const taken = rateLimits.take(key);
      const limited = (response: SimResponse): SimResponse => ({ ...response, headers: { ...taken.headers, ...response.headers } });
      if (!taken.allowed) return OKTA_ERRORS.rateLimited(taken.headers);
      if (fault?.kind === "server-error") return limited(OKTA_ERRORS.internal(fault.status));
      if (fault?.kind === "malformed") return limited({ status: 200, raw: '[{"id":"00u1gkd0000000000001","status":"ACT' });
      if (token) {
        if (method !== "POST") return limited(OKTA_ERRORS.methodNotAllowed());
        return limited(issueToken((requestBody ?? {}) as Record<string, string>, { credentials, tokens, usedJtis, now, audiences: [`${origin}${path}`, `${state.org.orgUrl}${path}`] }));
      }
      if (!match?.route) return limited(match?.knownPath ? OKTA_ERRORS.methodNotAllowed() : OKTA_ERRORS.notFound(path, "Endpoint"));
      const auth = authenticate(typeof req.headers.authorization === "string" ? req.headers.authorization : undefined, {
        credentials, tokens, now, origin, path, scope: match.route.scope, revoked: fault?.kind === "bad-token",
      });
      if (!auth.ok) return limited(auth.response);
      if (fault?.kind === "forbidden") return limited(OKTA_ERRORS.forbidden());
      if (fault?.kind === "vanish") return limited(OKTA_ERRORS.notFound(match.params.groupId ?? match.params.appId ?? path, match.params.groupId ? "UserGroup" : "Resource"));
      const answer = match.route.handler({ state, params: match.params, query: url.searchParams, origin, path, cursors, headers: req.headers, now });
      if (fault?.kind === "delete-group") deleteGroup(match.params.groupId);
      return limited(answer);
    };
    const answer = respond();
    const requestId: Record<string, string> = fault?.kind === "html" ? {} : { "x-okta-request-id": `sim-${stats.total}` };
    const response: SimResponse = { ...answer, headers: { ...requestId, date: new Date(now()).toUTCString(), ...answer.headers } };
    const text = send(res, response);
    options.onExchange?.({
      method,
      path,
      template,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      requestBody,
      status: response.status,
      responseHeaders: response.headers ?? {},
      responseBody: response.raw === undefined ? parseJson(text) : text,
      fault: fault?.kind,
    });
  }

  async function control(req: IncomingMessage, res: ServerResponse) {
    stats.control++;
    if (req.method === "POST") {
      const parsed = controlSchema.safeParse(parseJson(await readBody(req)) ?? {});
      if (!parsed.success) return send(res, { status: 400, body: { error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) } });
      if (parsed.data.reset) reset(parsed.data.reset);
      faults.push(...(parsed.data.fault ? [parsed.data.fault] : []), ...(parsed.data.faults ?? []));
    }
    send(res, { status: 200, body: { faults, stats } });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const logo = /^\/fs\/bco\/4\/([\w-]+)$/.exec(url.pathname);
    const handle =
      url.pathname === "/__control"
        ? control(req, res)
        : logo
          ? Promise.resolve(send(res, logoSvg(state.apps.get(logo[1])?.label ?? "?")))
          : api(req, res, url);
    handle.catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, { ...OKTA_ERRORS.internal(), headers: { "x-sim-error": String(error).slice(0, 200) } });
    });
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  origin = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    orgUrl: state.org.orgUrl,
    state,
    credentials,
    tokens,
    stats,
    faults,
    rateLimits,
    inject: (...more) => void faults.push(...more),
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        timers.fireAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
