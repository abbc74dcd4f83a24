import { describe, expect, it } from "vitest";
import { settingsFormSchema, type SettingsFormSpec } from "@/lib/validation/connectors";
import { changedSettingNames, issuesToFieldErrors, mergeSettings, storedSecretNames, toPublicSettings } from "./connector-settings";

// Shaped like Cloudflare's spec: a chooser, a shared field, and one secret per alternative.
const spec: SettingsFormSpec = {
  alternativeField: "authMethod",
  alternatives: [
    { id: "api-token", label: "API token", fields: ["accountId", "apiToken"] },
    { id: "email-api-key", label: "Email + API key", fields: ["accountId", "email", "apiKey"] },
  ],
  fields: [
    { name: "authMethod", label: "Authentication", kind: "select", options: [{ value: "api-token", label: "API token" }, { value: "email-api-key", label: "Email + API key" }] },
    { name: "accountId", label: "Account ID", required: true },
    { name: "apiToken", label: "API token", secret: true, required: true },
    { name: "email", label: "Email ID", kind: "email", required: true },
    { name: "apiKey", label: "API key", secret: true, required: true },
    { name: "note", label: "Note" },
  ],
};

const stored = { authMethod: "api-token", accountId: "acc-1", apiToken: "secret-token-9876", note: "x" };

describe("mergeSettings", () => {
  it("keeps the stored secret when its field is left blank", () => {
    const merged = mergeSettings(spec, { authMethod: "api-token", accountId: "acc-2", apiToken: "" }, stored);
    expect(merged).toEqual({ authMethod: "api-token", accountId: "acc-2", apiToken: "secret-token-9876" });
  });

  it("replaces the stored secret when a new value is typed", () => {
    const merged = mergeSettings(spec, { authMethod: "api-token", accountId: "acc-1", apiToken: "  new-token-1111 " }, stored);
    expect(merged.apiToken).toBe("new-token-1111");
  });

  it("drops the fields of the alternative not chosen, stored secrets included", () => {
    const merged = mergeSettings(spec, { authMethod: "email-api-key", accountId: "acc-1", email: "a@example.com", apiKey: "key-5555" }, stored);
    expect(merged).toEqual({ authMethod: "email-api-key", accountId: "acc-1", email: "a@example.com", apiKey: "key-5555" });
  });

  it("leaves a blank secret blank when nothing is stored", () => {
    expect(mergeSettings(spec, { authMethod: "api-token", accountId: "acc-1", apiToken: "" }, null)).toEqual({ authMethod: "api-token", accountId: "acc-1" });
  });
});

describe("toPublicSettings", () => {
  it("never holds a secret value, only a hint of its last four characters at most", () => {
    const view = toPublicSettings(spec, { ...stored, unknownField: "hidden" });
    expect(view.values).toEqual({ authMethod: "api-token", accountId: "acc-1", note: "x" });
    expect(view.secrets.apiToken).toMatch(/^•+9876$/);
    expect(JSON.stringify(view)).not.toContain("secret-token");
    expect(JSON.stringify(view)).not.toContain("hidden");
  });

  it("shows no characters of a short secret", () => {
    expect(toPublicSettings(spec, { apiToken: "short" }).secrets.apiToken).toMatch(/^•+$/);
  });

  it("lists which secrets are stored", () => {
    expect(storedSecretNames(spec, toPublicSettings(spec, stored))).toEqual(["apiToken"]);
  });
});

describe("settingsFormSchema", () => {
  it("accepts a blank secret only when one is stored", () => {
    const input = { connectorId: "c1", values: { authMethod: "api-token", accountId: "acc-1", apiToken: "" } };
    expect(settingsFormSchema(spec, ["apiToken"]).safeParse(input).success).toBe(true);
    const refused = settingsFormSchema(spec, []).safeParse(input);
    expect(refused.success).toBe(false);
    expect(issuesToFieldErrors(refused.error?.issues ?? [])).toEqual({ "values.apiToken": ["Enter the API token."] });
  });

  it("checks only the fields of the chosen alternative", () => {
    const input = { connectorId: "c1", values: { authMethod: "email-api-key", accountId: "acc-1", email: "nope", apiKey: "" } };
    const result = settingsFormSchema(spec, ["apiToken"]).safeParse(input);
    expect(issuesToFieldErrors(result.error?.issues ?? [])).toEqual({ "values.email": ["Enter a valid email address."], "values.apiKey": ["Enter the API key."] });
  });
});

describe("changedSettingNames", () => {
  it("names the fields that changed, never their values", () => {
    expect(changedSettingNames(stored, { ...stored, apiToken: "other", accountId: "acc-1" })).toEqual(["apiToken"]);
    expect(changedSettingNames(null, { accountId: "a" })).toEqual(["accountId"]);
  });
});
