// Builds the ConnectorContext the app hands an adapter: base URL from the environment,
// the global fetch, and a logger whose lines go where the caller says (a sync run's log).
// Adapters never read the environment themselves; this is the one place that does it for them.
import { getConnectorBaseUrls } from "@/lib/env";
import type { ConnectorContext, Logger } from "./types";

export type HostedConnectorId = "temporal-cloud" | "cloudflare";

export const consoleLogger: Logger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

export function createConnectorContext(id: HostedConnectorId, options: { logger?: Logger; signal?: AbortSignal } = {}): ConnectorContext {
  const urls = getConnectorBaseUrls();
  return {
    baseUrl: urls[id],
    fetch: globalThis.fetch,
    logger: options.logger ?? consoleLogger,
    signal: options.signal,
    pacing: id === "cloudflare" ? urls.cloudflarePacing : true,
  };
}
