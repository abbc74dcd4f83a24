// The typed registry: one object, the connector id union derived from its keys, no
// side-effect imports. Adding a connector is one import and one key.
import { baton } from "./baton";
import { cloudflare } from "./cloudflare";
import { okta } from "./okta";
import { temporalCloud } from "./temporal-cloud";
import type { Connector } from "./types";

/**
 * Any connector, whatever its config type. `Connector<unknown>` accepts each adapter because
 * its config appears in method parameters (bivariant) and in the settings schema's output
 * (covariant); callers parse a config with `settings.schema` before handing it back.
 */
export type AnyConnector = Connector<unknown>;

export const connectors = {
  "temporal-cloud": temporalCloud,
  cloudflare,
  okta,
  baton,
} satisfies Record<string, AnyConnector>;

export type ConnectorId = keyof typeof connectors;

export const connectorIds = Object.keys(connectors) as ConnectorId[];

export function isConnectorId(value: unknown): value is ConnectorId {
  // Own keys only: "toString" or "__proto__" are not connectors.
  return typeof value === "string" && Object.hasOwn(connectors, value);
}

/** A connector by id, typed for generic callers (runner, sync jobs, settings forms). */
export function getConnector(id: ConnectorId): AnyConnector {
  return connectors[id];
}

export function listConnectors(): AnyConnector[] {
  return connectorIds.map(getConnector);
}
