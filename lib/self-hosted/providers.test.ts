// BATON_* variables → adapter config: the public connectors' names, a token before email + key
// (as in Baton), placeholders counted as unset, and errors that name variables, never values.
import { describe, expect, it } from "vitest";
import { cloudflareConfigSchema } from "@/lib/connectors/cloudflare/settings";
import { temporalCloudConfigSchema } from "@/lib/connectors/temporal-cloud";
import { configFromEnv, isPlaceholder } from "./providers";

describe("configFromEnv", () => {
  it("reads Temporal Cloud's BATON_API_KEY", () => {
    const result = configFromEnv("temporal-cloud", { BATON_API_KEY: " tc-key " });
    expect(result).toEqual({ ok: true, config: { apiKey: "tc-key" }, secrets: ["tc-key"] });
    if (result.ok) expect(temporalCloudConfigSchema.safeParse(result.config).success).toBe(true);
  });

  it("reads Cloudflare's API token, or else email + Global API key", () => {
    const token = configFromEnv("cloudflare", { BATON_ACCOUNT_ID: "acc", BATON_API_TOKEN: "tok", BATON_API_KEY: "key", BATON_EMAIL_ID: "ops@example.com" });
    expect(token).toEqual({ ok: true, config: { authMethod: "api-token", accountId: "acc", apiToken: "tok" }, secrets: ["tok"] });
    const key = configFromEnv("cloudflare", { BATON_ACCOUNT_ID: "acc", BATON_API_TOKEN: "<Cloudflare API token>", BATON_API_KEY: "key", BATON_EMAIL_ID: "ops@example.com" });
    expect(key).toEqual({ ok: true, config: { authMethod: "email-api-key", accountId: "acc", apiKey: "key", email: "ops@example.com" }, secrets: ["key"] });
    for (const result of [token, key]) if (result.ok) expect(cloudflareConfigSchema.safeParse(result.config).success).toBe(true);
  });

  it("names the missing variables when no set is complete", () => {
    const result = configFromEnv("cloudflare", { BATON_ACCOUNT_ID: "<Cloudflare account ID>", BATON_API_TOKEN: "secret-value" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain("BATON_ACCOUNT_ID + BATON_API_TOKEN, or BATON_ACCOUNT_ID + BATON_API_KEY + BATON_EMAIL_ID");
      expect(result.error).not.toContain("secret-value");
    }
  });

  it("treats <...> as a placeholder", () => {
    expect(isPlaceholder("<Cloudflare API token>")).toBe(true);
    expect(isPlaceholder(" <x> ")).toBe(true);
    expect(isPlaceholder("abc<x>")).toBe(false);
    expect(isPlaceholder("")).toBe(false);
  });
});
