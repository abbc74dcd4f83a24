// Builds the ConnectorContext the app hands an adapter: base URL from the environment,
// the global fetch, and a logger whose lines go where the caller says (a sync run's log).
// Adapters never read the environment themselves; this is the one place that does it for them.
import { getConnectorBaseUrls } from "@/lib/env";
import type { ConnectorId } from "./registry";
import type { ConnectorContext, Logger } from "./types";

export type HostedConnectorId = "temporal-cloud" | "cloudflare" | "okta";

export const consoleLogger: Logger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

/** Baton has no upstream here (it runs in the customer's environment), so no base URL. */
export function createConnectorContext(id: ConnectorId, options: { logger?: Logger; signal?: AbortSignal } = {}): ConnectorContext {
  const urls = getConnectorBaseUrls();
  return {
    baseUrl: id === "baton" ? "" : urls[id],
    fetch: globalThis.fetch,
    logger: options.logger ?? consoleLogger,
    signal: options.signal,
    pacing: id === "cloudflare" ? urls.cloudflarePacing : true,
  };
}
