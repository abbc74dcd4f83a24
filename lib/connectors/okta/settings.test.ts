// Settings: the two alternatives, domain normalisation, and field errors the form shows.
import { describe, expect, it } from "vitest";
import { demoOktaOAuthClient } from "@/e2e/upstreams/okta/auth";
import { okta } from "./index";
import { normalizeDomain, oktaSettings, resolveAuth } from "./settings";

const key = () => demoOktaOAuthClient().privateKeyPem;

describe("okta settings", () => {
  it("offers API token and OAuth service app, every field described", () => {
    expect(oktaSettings.alternativeField).toBe("authMethod");
    expect(oktaSettings.alternatives?.map((a) => [a.id, a.fields])).toEqual([
      ["api-token", ["domain", "apiToken"]],
      ["oauth", ["domain", "clientId", "privateKey", "keyId", "provisioning"]],
    ]);
    for (const alternative of oktaSettings.alternatives ?? []) {
      for (const field of alternative.fields) expect(oktaSettings.fields.some((f) => f.name === field)).toBe(true);
    }
    expect(oktaSettings.fields.filter((f) => f.secret).map((f) => f.name)).toEqual(["apiToken", "privateKey"]);
  });

  it("describes the connector as Gatekeeper's, with its capabilities", () => {
    expect(okta).toMatchObject({ id: "okta", name: "Okta" });
    expect(okta.description).toMatch(/Gatekeeper/);
    expect(okta.description).not.toMatch(/ConductorOne/i);
    expect(okta.capabilities).toEqual([
      { resource: "Accounts", sync: true, provision: false },
      { resource: "Groups", sync: true, provision: true },
      { resource: "Apps", sync: true, provision: false },
      { resource: "Roles", sync: true, provision: false },
    ]);
  });

  it.each([
    ["acme.okta.com", "https://acme.okta.com"],
    ["  https://acme.okta.com/  ", "https://acme.okta.com"],
    ["https://acme.okta.com/app/UserHome?x=1#top", "https://acme.okta.com"],
    ["https://acme-admin.okta.com/admin/dashboard", "https://acme.okta.com"],
    ["https://acme-admin.oktapreview.com", "https://acme.oktapreview.com"],
    ["https://login.acme.example", "https://login.acme.example"],
    ["https://login.acme.example:8443/", "https://login.acme.example:8443"],
    ["http://127.0.0.1:4030", "http://127.0.0.1:4030"],
    ["http://localhost:4030/", "http://localhost:4030"],
  ])("normalises %j to %j", (input, url) => {
    expect(normalizeDomain(input)).toEqual({ ok: true, url });
  });

  it.each(["", "http://acme.okta.com", "ftp://acme.okta.com", "https://user:pass@acme.okta.com", "https://exa mple.com"])("refuses %j", (input) => {
    expect(normalizeDomain(input).ok).toBe(false);
  });

  it.each([
    [{ domain: "acme.okta.com", apiToken: "00abc" }, { method: "api-token", domain: "https://acme.okta.com", apiToken: "00abc" }],
    // A form that switched alternatives sends the other one's fields empty.
    [{ domain: "acme.okta.com", authMethod: "api-token", apiToken: "00abc", clientId: "", privateKey: "" }, { method: "api-token", domain: "https://acme.okta.com", apiToken: "00abc" }],
  ])("resolves %j", (config, expected) => {
    expect(resolveAuth(config)).toEqual(expected);
  });

  it("resolves OAuth with the provisioning flag from a form string or a boolean", () => {
    expect(resolveAuth({ domain: "acme.okta.com", authMethod: "oauth", clientId: "0oa1", privateKey: key(), provisioning: "true" })).toMatchObject({ method: "oauth", clientId: "0oa1", provisioning: true });
    expect(resolveAuth({ domain: "acme.okta.com", clientId: "0oa1", privateKey: key(), provisioning: false })).toMatchObject({ method: "oauth", provisioning: false });
    expect(resolveAuth({ domain: "acme.okta.com", clientId: "0oa1", privateKey: key(), provisioning: "" })).toMatchObject({ provisioning: false });
  });

  it.each([
    [{ domain: "", apiToken: "t" }, "domain"],
    [{ domain: "http://acme.okta.com", apiToken: "t" }, "domain"],
    [{ domain: "acme.okta.com" }, "apiToken"],
    [{ domain: "acme.okta.com", apiToken: "two words" }, "apiToken"],
    [{ domain: "acme.okta.com", authMethod: "oauth", privateKey: "x" }, "clientId"],
    [{ domain: "acme.okta.com", authMethod: "oauth", clientId: "0oa1" }, "privateKey"],
    [{ domain: "acme.okta.com", authMethod: "oauth", clientId: "0oa1", privateKey: "not a key" }, "privateKey"],
    [{ domain: "acme.okta.com", authMethod: "oauth", clientId: "0oa 1", privateKey: "x" }, "clientId"],
  ])("names the field of an invalid config %j", (config, field) => {
    expect(() => resolveAuth(config)).toThrow(expect.objectContaining({ kind: "invalid_config", field }));
  });

  it("reports every field error at once for the form", () => {
    const parsed = oktaSettings.schema.safeParse({ domain: "ftp://x", authMethod: "oauth", privateKey: "nope" });
    const fields = parsed.success ? [] : parsed.error.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["domain", "clientId", "privateKey"]));
  });
});
