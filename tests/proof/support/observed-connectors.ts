// The app's own adapters, tuned only in their request timeout (so a "slow" fault costs
// milliseconds) and watched: each named error an operation ends in is recorded, because the
// app layer turns it into text (a field error, a run's message) and the proof also wants the kind.
import { createCloudflareConnector } from "@/lib/connectors/cloudflare";
import type { AnyConnector } from "@/lib/connectors/registry";
import { createTemporalCloudConnector } from "@/lib/connectors/temporal-cloud";
import { ConnectorError, type Connector, type SyncRecord } from "@/lib/connectors/types";

export type ObservedError = { operation: "check" | "sync" | "grant" | "revoke"; kind: string; message: string };

export const TEST_TIMEOUT_MS = 150;

function observe<T>(connector: Connector<T>, seen: ObservedError[]): AnyConnector {
  const record = (operation: ObservedError["operation"], error: unknown) => {
    if (error instanceof ConnectorError) seen.push({ operation, kind: error.kind, message: error.message });
    return error;
  };
  const watched: Connector<T> = {
    ...connector,
    check: (config, ctx) => connector.check(config, ctx).catch((error: unknown) => Promise.reject(record("check", error))),
    grant: (config, request, ctx) => connector.grant(config, request, ctx).catch((error: unknown) => Promise.reject(record("grant", error))),
    revoke: (config, request, ctx) => connector.revoke(config, request, ctx).catch((error: unknown) => Promise.reject(record("revoke", error))),
    sync: (config, ctx) =>
      (async function* (): AsyncGenerator<SyncRecord> {
        try {
          yield* connector.sync(config, ctx);
        } catch (error) {
          throw record("sync", error);
        }
      })(),
  };
  return watched as AnyConnector;
}

export function createObservedConnectors(seen: ObservedError[]): Record<"temporal-cloud" | "cloudflare", AnyConnector> {
  return {
    "temporal-cloud": observe(createTemporalCloudConnector({ timeoutMs: TEST_TIMEOUT_MS }), seen),
    cloudflare: observe(createCloudflareConnector({ timeoutMs: TEST_TIMEOUT_MS }), seen),
  };
}
