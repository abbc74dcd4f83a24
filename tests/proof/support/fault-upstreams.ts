// Both hosted upstreams behind one shape, so the fault proof is one table: start the simulator,
// arm a named fault the way that simulator spells it, and read back every API request it saw.
import { DEMO_ACCOUNT_ID, DEMO_CREDENTIALS, generateCloudflareAccount, startCloudflareSimulator } from "@/e2e/upstreams/cloudflare/server";
import type { Fault as CloudflareFault } from "@/e2e/upstreams/cloudflare/faults";
import { DEMO_API_KEY, generateTemporalOrg, startTemporalCloudSimulator, type Fault as TemporalFault } from "@/e2e/upstreams/temporal-cloud/server";
import { DEFAULT_API_VERSION } from "@/lib/connectors/temporal-cloud/settings";

export const FAULTS = ["401", "403", "429", "500", "timeout", "malformed", "page-drift"] as const;
export type FaultName = (typeof FAULTS)[number];
export type HostedId = "temporal-cloud" | "cloudflare";

/** Longer than the adapters' test timeout (see upstream-faults.test.ts), so "slow" is a timeout. */
const SLOW_MS = 1_500;
export const RETRY_AFTER_SECONDS = 2;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type FaultUpstream = {
  id: HostedId;
  url: string;
  /** Settings stored on the connector before the proof starts. */
  config: Record<string, string>;
  /** What the settings form submits for the check (a changed plain value, so a save would show). */
  formValues: Record<string, string>;
  /** The settings field a credential failure must point at. */
  secretField: string;
  /** The upstream's own words for each fault: the named error must carry them. */
  reasons: Record<FaultName, RegExp>;
  arm(fault: FaultName): void;
  /** Clears faults, counts and (where the fault changed it) the upstream's data. */
  reset(): void;
  /** "METHOD path?query" of every API request the simulator received since the last reset. */
  requests(): Promise<string[]>;
  close(): Promise<void>;
};

// Reasons the adapters add themselves, where the upstream has no words (no answer, half a body).
const TIMEOUT = /did not answer in time/;
const MALFORMED = /not JSON/;
const DRIFT = /list changed during the sync/;

export async function startTemporalUpstream(): Promise<FaultUpstream> {
  // 1,500 users: two pages, so a page can change between requests.
  const sim = await startTemporalCloudSimulator({ org: generateTemporalOrg({ users: 1500, namespaces: 6, grants: 1500, serviceAccounts: 2, seed: 4 }) });
  const status = (status: number, code: number, message: string, retryAfter?: string): TemporalFault => ({ kind: "status", status, code, message, retryAfter });
  const faults: Record<FaultName, TemporalFault> = {
    "401": status(401, 16, "Request unauthenticated: API key revoked by an administrator"),
    "403": status(403, 7, "permission denied: key lacks account access"),
    "429": status(429, 8, "request rate limit exceeded for this account", String(RETRY_AFTER_SECONDS)),
    "500": status(500, 13, "internal error: backend unavailable"),
    timeout: { kind: "slow", delayMs: SLOW_MS },
    malformed: { kind: "malformed" },
    "page-drift": { kind: "page-change", match: "users.list" },
  };
  return {
    id: "temporal-cloud",
    url: sim.url,
    config: { apiKey: DEMO_API_KEY, defaultAccountRole: "read", apiVersion: DEFAULT_API_VERSION },
    formValues: { apiKey: DEMO_API_KEY, defaultAccountRole: "admin", apiVersion: DEFAULT_API_VERSION },
    secretField: "apiKey",
    reasons: {
      "401": /API key revoked by an administrator/,
      "403": /key lacks account access/,
      "429": /request rate limit exceeded for this account/,
      "500": /backend unavailable/,
      timeout: TIMEOUT,
      malformed: MALFORMED,
      "page-drift": DRIFT,
    },
    arm: (fault) => sim.control({ action: "set-faults", faults: [faults[fault]] }),
    reset: () => {
      sim.control({ action: "clear-faults" });
      sim.stats.reset();
    },
    requests: async () => sim.stats.log.map((entry) => `${entry.method} ${entry.path}`),
    close: () => sim.close(),
  };
}

export async function startCloudflareUpstream(): Promise<FaultUpstream> {
  const seen: string[] = [];
  // 150 members: three pages of 50, so the member list can drift between pages.
  const sim = await startCloudflareSimulator({
    fixture: generateCloudflareAccount({ members: 150, roles: 4 }),
    onExchange: (exchange) => void seen.push(`${exchange.method} ${exchange.path}?${new URLSearchParams(exchange.query)}`),
  });
  const faults: Record<FaultName, CloudflareFault> = {
    "401": { kind: "bad-credentials" },
    "403": { kind: "permission-denied" },
    "429": { kind: "rate-limit", retryAfterSeconds: RETRY_AFTER_SECONDS },
    "500": { kind: "server-error", status: 500 },
    timeout: { kind: "slow", delayMs: SLOW_MS },
    malformed: { kind: "malformed-json" },
    "page-drift": { kind: "page-drift", path: "/members" },
  };
  return {
    id: "cloudflare",
    url: sim.url,
    config: { authMethod: "api-token", accountId: DEMO_ACCOUNT_ID, apiToken: DEMO_CREDENTIALS.apiToken },
    formValues: { authMethod: "email-api-key", accountId: DEMO_ACCOUNT_ID, email: DEMO_CREDENTIALS.email, apiKey: DEMO_CREDENTIALS.apiKey },
    secretField: "apiKey",
    reasons: {
      // The simulator answers a revoked credential as Cloudflare does: 401 on token verify, 403 9109 elsewhere.
      "401": /Invalid (API Token|access token|request headers)|Unknown X-Auth-Key or X-Auth-Email/i,
      "403": /Authentication error \(10000\)/,
      "429": /You are being rate limited \(1015\)/,
      "500": /Internal server error \(10001\)/,
      timeout: TIMEOUT,
      malformed: MALFORMED,
      "page-drift": DRIFT,
    },
    arm: (fault) => sim.inject(faults[fault]),
    reset: () => {
      sim.reset("state");
      seen.length = 0;
    },
    requests: async () => {
      // An exchange is reported when answered; a slow answer the client gave up on comes late.
      for (const deadline = Date.now() + SLOW_MS * 2; seen.length < sim.stats.total && Date.now() < deadline; ) await sleep(20);
      return [...seen];
    },
    close: () => sim.close(),
  };
}
