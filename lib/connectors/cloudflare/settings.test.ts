// Settings: the seed's two alternatives, its labels, and the config keys the CLI file uses.
import { describe, expect, it } from "vitest";
import { cloudflare } from "./index";
import { authHeaders, cloudflareSettings, resolveAuth } from "./settings";

describe("cloudflare settings", () => {
  it("offers the seed's alternatives with its labels", () => {
    expect(cloudflareSettings.alternativeField).toBe("authMethod");
    expect(cloudflareSettings.alternatives).toEqual([
      { id: "api-token", label: "API token", fields: ["accountId", "apiToken"] },
      { id: "email-api-key", label: "Email + API key", fields: ["accountId", "email", "apiKey"] },
    ]);
    const labels = Object.fromEntries(cloudflareSettings.fields.map((f) => [f.name, f.label]));
    expect(labels).toMatchObject({ accountId: "Account ID", apiToken: "API token", email: "Email ID", apiKey: "API key" });
    const secrets = cloudflareSettings.fields.filter((f) => f.secret).map((f) => f.name);
    expect(secrets).toEqual(["apiToken", "apiKey"]);
    for (const alternative of cloudflareSettings.alternatives ?? []) {
      for (const field of alternative.fields) expect(cloudflareSettings.fields.some((f) => f.name === field)).toBe(true);
    }
  });

  it("describes the connector as the seed does", () => {
    expect(cloudflare).toMatchObject({ id: "cloudflare", name: "Cloudflare v2" });
    expect(cloudflare.capabilities).toEqual([
      { resource: "Accounts", sync: true, provision: true },
      { resource: "Roles", sync: true, provision: true },
    ]);
  });

  it.each([
    [{ accountId: "a1", apiToken: "t" }, { method: "api-token", accountId: "a1", apiToken: "t" }],
    [{ accountId: "a1", email: "me@example.com", apiKey: "k" }, { method: "email-api-key", accountId: "a1", email: "me@example.com", apiKey: "k" }],
    // A token wins when both are present and no method is chosen (as in Baton).
    [{ accountId: "a1", apiToken: "t", email: "me@example.com", apiKey: "k" }, { method: "api-token", accountId: "a1", apiToken: "t" }],
    [{ accountId: " a1 ", authMethod: "email-api-key", apiToken: "t", email: "me@example.com", apiKey: "k" }, { method: "email-api-key", accountId: "a1", email: "me@example.com", apiKey: "k" }],
    // A form that switched alternatives sends the other one's fields empty.
    [{ accountId: "a1", authMethod: "api-token", apiToken: "t", email: "", apiKey: "" }, { method: "api-token", accountId: "a1", apiToken: "t" }],
  ])("resolves %j", (config, expected) => {
    expect(resolveAuth(config)).toEqual(expected);
  });

  it("reports every field error at once for the form", () => {
    const parsed = cloudflareSettings.schema.safeParse({ accountId: "", email: "nope", authMethod: "email-api-key" });
    expect(parsed.success).toBe(false);
    const fields = parsed.success ? [] : parsed.error.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(["accountId", "email", "apiKey"]));
  });

  it("sends Bearer for tokens and the X-Auth pair for keys", () => {
    expect(authHeaders({ method: "api-token", accountId: "a", apiToken: "t" })).toEqual({ authorization: "Bearer t" });
    expect(authHeaders({ method: "email-api-key", accountId: "a", email: "e@x.io", apiKey: "k" })).toEqual({ "x-auth-email": "e@x.io", "x-auth-key": "k" });
  });
});
