// Shared by the contract tests: demo configs, a context with recording sleeps, a fake clock
// the simulator and the adapter share, and helpers to drain a sync. Not imported by the connector.
import { demoOktaOAuthClient, OKTA_DEMO_API_TOKEN } from "@/e2e/upstreams/okta/auth";
import { DEMO_ORG_URL } from "@/e2e/upstreams/okta/state";
import type { ConnectorContext, ResourceRecord, SyncRecord } from "../types";
import type { OktaConfig } from "./settings";

export const TOKEN_CONFIG: OktaConfig = { domain: DEMO_ORG_URL, authMethod: "api-token", apiToken: OKTA_DEMO_API_TOKEN };

/** The demo service app with its PKCS#8 PEM key; `jwk: true` for the JWK form instead. */
export function oauthConfig(options: { jwk?: boolean; pkcs1?: boolean; provisioning?: boolean } = {}): OktaConfig {
  const client = demoOktaOAuthClient();
  const privateKey = options.jwk ? JSON.stringify(client.privateKeyJwk) : options.pkcs1 ? client.privateKeyPkcs1Pem : client.privateKeyPem;
  return { domain: DEMO_ORG_URL, authMethod: "oauth", clientId: client.clientId, privateKey, keyId: options.jwk ? undefined : client.keyId, provisioning: options.provisioning };
}

export type TestContext = ConnectorContext & { sleeps: number[]; logs: string[] };

/** Sleeps are recorded, not waited (and advance `clock` when given): retries cost no wall time. */
export function testContext(baseUrl: string, overrides: Partial<ConnectorContext> = {}, clock?: FakeClock): TestContext {
  const sleeps: number[] = [];
  const logs: string[] = [];
  return {
    baseUrl,
    fetch,
    pacing: false,
    logger: {
      info: (m) => void logs.push(`info ${m}`),
      warn: (m) => void logs.push(`warn ${m}`),
      error: (m) => void logs.push(`error ${m}`),
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      clock?.advance(ms);
    },
    ...overrides,
    sleeps,
    logs,
  };
}

export type FakeClock = { now: () => number; advance: (ms: number) => void };

/** Starts on a whole second, so Date headers (second resolution) carry no rounding. */
export function fakeClock(start = Date.UTC(2026, 5, 2, 9, 0, 0)): FakeClock {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

export async function collect(records: AsyncIterable<SyncRecord>): Promise<SyncRecord[]> {
  const out: SyncRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

export const resources = (records: SyncRecord[], resourceTypeId: string) =>
  records.filter((r): r is ResourceRecord => r.type === "resource" && r.resourceTypeId === resourceTypeId);

export const grantsOf = (records: SyncRecord[], entitlementPrefix: string) =>
  records.filter((r) => r.type === "grant" && r.entitlementId.startsWith(entitlementPrefix));

/** The ConnectorError a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<{ kind: string; field?: string; message: string; retryable: boolean; options: { status?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as { kind: string; field?: string; message: string; retryable: boolean; options: { status?: number } };
  }
  throw new Error("expected a rejection");
}
