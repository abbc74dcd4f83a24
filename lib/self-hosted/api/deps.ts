// What the ingest API depends on, gathered so tests build an instance with their own clock,
// limits and key, and the route handlers share one default instance per process (the rate-limit
// windows themselves are in the database, shared by every process).
import { DEFAULT_LIMITS, type C1zLimits } from "@/lib/c1z";
import { getEnv } from "@/lib/env";
import { deriveTokenKey } from "../access-token";
import type { NdjsonLimits } from "../body";
import { createRateLimiter, type RateLimiter } from "../rate-limit";

const MiB = 1024 * 1024;

export type IngestApiDeps = {
  now: () => number;
  tokenKey: () => Buffer;
  tokenTtlMs?: number;
  /** Token requests, keyed by client id. */
  tokenLimiter: RateLimiter;
  /** Token requests, keyed by address: guessing many client ids from one place. */
  addressLimiter: RateLimiter;
  /** Authenticated calls, keyed by connector. */
  apiLimiter: RateLimiter;
  ndjson: NdjsonLimits;
  c1z: C1zLimits;
};

export const DEFAULT_NDJSON_LIMITS: NdjsonLimits = { maxWireBytes: 256 * MiB, maxBytes: 2048 * MiB, maxLineBytes: 1 * MiB };

let key: Buffer | undefined;

function defaultTokenKey() {
  // NEXTAUTH_SECRET is always set by `npm start` (generated into DATA_DIR when absent).
  const env = getEnv();
  key ??= deriveTokenKey(env.NEXTAUTH_SECRET ?? env.ENCRYPTION_KEY ?? "");
  return key;
}

export function createDefaultDeps(overrides: Partial<IngestApiDeps> = {}): IngestApiDeps {
  return {
    now: Date.now,
    tokenKey: defaultTokenKey,
    // A runner asks for a token every 15 minutes; 10 a minute leaves room for restarts only.
    tokenLimiter: createRateLimiter({ name: "token-client", limit: 10, windowMs: 60_000 }),
    // Many runners may share one egress address (a cluster's NAT).
    addressLimiter: createRateLimiter({ name: "token-address", limit: 60, windowMs: 60_000 }),
    // A heartbeat a minute and an upload per interval; 60 a minute is far above a healthy runner.
    apiLimiter: createRateLimiter({ name: "api-connector", limit: 60, windowMs: 60_000 }),
    ndjson: DEFAULT_NDJSON_LIMITS,
    c1z: DEFAULT_LIMITS,
    ...overrides,
  };
}
