// The registry: ids match keys, lookups are own-key only, and every connector is well formed.
import { describe, expect, expectTypeOf, it } from "vitest";
import { baton } from "./baton";
import { cloudflare } from "./cloudflare";
import { connectorIds, connectors, getConnector, isConnectorId, listConnectors, type ConnectorId } from "./registry";
import { temporalCloud } from "./temporal-cloud";

describe("connector registry", () => {
  it("derives the id union from its keys", () => {
    expectTypeOf<ConnectorId>().toEqualTypeOf<"temporal-cloud" | "cloudflare" | "okta" | "baton">();
    expect(connectorIds).toEqual(["temporal-cloud", "cloudflare", "okta", "baton"]);
    expect(connectors.okta.kind).toBe("identity-provider");
    expect(connectors.baton).toBe(baton);
    expect(connectors.cloudflare).toBe(cloudflare);
    expect(connectors["temporal-cloud"]).toBe(temporalCloud);
  });

  it.each(connectorIds)("%s: its id is its key, and it describes itself", (id) => {
    const connector = getConnector(id);
    expect(connector.id).toBe(id);
    expect(connector.name).not.toBe("");
    expect(connector.description).not.toBe("");
    expect(connector.capabilities.length).toBeGreaterThan(0);
    const names = connector.settings.fields.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const alternative of connector.settings.alternatives ?? []) {
      for (const field of alternative.fields) expect(names).toContain(field);
    }
    if (connector.settings.alternativeField) expect(names).toContain(connector.settings.alternativeField);
    expect(typeof connector.settings.schema.safeParse).toBe("function");
  });

  it("recognises ids as own keys only", () => {
    expect(isConnectorId("cloudflare")).toBe(true);
    expect(isConnectorId("temporal-cloud")).toBe(true);
    expect(isConnectorId("baton")).toBe(true);
    for (const value of ["Baton", "toString", "__proto__", "constructor", "", 42, null, undefined]) {
      expect(isConnectorId(value)).toBe(false);
    }
  });

  it("lists every connector once", () => {
    expect(listConnectors().map((c) => c.id)).toEqual(connectorIds);
  });
});
