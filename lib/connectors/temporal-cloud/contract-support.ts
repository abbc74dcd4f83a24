// Shared by the contract tests: a context wired to a simulator with a recording logger and an
// instant, recording sleep (retries and operation polls then cost no wall time), and helpers
// to drain a sync and to catch a named error.
import { expect } from "vitest";
import { DEMO_API_KEY, type TemporalCloudSimulator } from "@/e2e/upstreams/temporal-cloud/server";
import { ConnectorError, type ConnectorContext, type SyncRecord } from "../types";
import { DEFAULT_API_VERSION, type TemporalCloudConfig } from "./settings";

export const CONFIG: TemporalCloudConfig = { apiKey: DEMO_API_KEY, defaultAccountRole: "read", apiVersion: DEFAULT_API_VERSION };

export type TestContext = { ctx: ConnectorContext; sleeps: number[]; warnings: string[] };

export function testContext(sim: TemporalCloudSimulator, extra: Partial<ConnectorContext> = {}): TestContext {
  const sleeps: number[] = [];
  const warnings: string[] = [];
  const ctx: ConnectorContext = {
    baseUrl: sim.url,
    fetch,
    logger: { info: () => {}, warn: (message) => warnings.push(message), error: () => {} },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  };
  return { ctx, sleeps, warnings };
}

export async function collect(records: AsyncIterable<SyncRecord>): Promise<SyncRecord[]> {
  const all: SyncRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

export function countByType(records: SyncRecord[]): Record<SyncRecord["type"], number> {
  const counts = { resourceType: 0, resource: 0, entitlement: 0, grant: 0 };
  for (const record of records) counts[record.type]++;
  return counts;
}

/** Awaits a rejection and returns it as a ConnectorError of the expected kind. */
export async function failure(promise: Promise<unknown>, kind: ConnectorError["kind"]): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  const named = error as ConnectorError;
  expect(named.kind, named.message).toBe(kind);
  return named;
}

/** API request counts without zero entries or control calls, so `toEqual` states exactly what was called. */
export function calls(sim: TemporalCloudSimulator): Record<string, number> {
  return Object.fromEntries(Object.entries(sim.stats.byKind).filter(([kind, count]) => count > 0 && kind !== "control"));
}
