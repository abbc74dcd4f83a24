// Shared by the contract tests: a context with a recording fast sleep, the demo configs, and
// helpers to drain a sync. Not imported by the connector itself.
import { DEMO_ACCOUNT_ID, DEMO_CREDENTIALS } from "@/e2e/upstreams/cloudflare/state";
import type { ConnectorContext, SyncRecord } from "../types";
import type { CloudflareConfig } from "./settings";

export const TOKEN_CONFIG: CloudflareConfig = { accountId: DEMO_ACCOUNT_ID, apiToken: DEMO_CREDENTIALS.apiToken };
export const KEY_CONFIG: CloudflareConfig = { accountId: DEMO_ACCOUNT_ID, email: DEMO_CREDENTIALS.email, apiKey: DEMO_CREDENTIALS.apiKey };

export type TestContext = ConnectorContext & { sleeps: number[]; logs: string[] };

/** Sleeps are recorded, not waited: retries and Retry-After cost no wall time. */
export function testContext(baseUrl: string, overrides: Partial<ConnectorContext> = {}): TestContext {
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
    sleep: async (ms) => void sleeps.push(ms),
    ...overrides,
    sleeps,
    logs,
  };
}

export async function collect(records: AsyncIterable<SyncRecord>): Promise<SyncRecord[]> {
  const out: SyncRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

export function count(records: SyncRecord[], type: SyncRecord["type"], resourceTypeId?: string) {
  return records.filter((r) => r.type === type && (resourceTypeId === undefined || (r.type === "resource" && r.resourceTypeId === resourceTypeId)))
    .length;
}

/** The ConnectorError a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<{ kind: string; field?: string; message: string; retryable: boolean }> {
  try {
    await promise;
  } catch (error) {
    return error as { kind: string; field?: string; message: string; retryable: boolean };
  }
  throw new Error("expected a rejection");
}
