// Contract: check over real HTTP. A failure names the field at fault and keeps Cloudflare's words.
import { afterEach, describe, expect, it } from "vitest";
import { startSpecCheckedSimulator, type SpecCheckedSimulator } from "@/e2e/upstreams/cloudflare/spec-checked";
import { cloudflare } from "./index";
import { KEY_CONFIG, rejection, testContext, TOKEN_CONFIG } from "./test-helpers";

let sim: SpecCheckedSimulator | undefined;
afterEach(async () => {
  expect(sim?.violations ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const start = async (options: Parameters<typeof startSpecCheckedSimulator>[0] = {}) => (sim = await startSpecCheckedSimulator(options));

describe("cloudflare credential expiry", () => {
  it("reads Verify Token's expires_on at check and on its own; absent is a token that never expires", async () => {
    const s = await start();
    expect(await cloudflare.credentialExpiry!(TOKEN_CONFIG, testContext(s.url))).toEqual({ expiresAt: null });
    await fetch(`${s.origin}/__control`, { method: "POST", body: JSON.stringify({ tokenExpiresOn: "2031-05-06T07:08:09Z" }) });
    expect((await cloudflare.check(TOKEN_CONFIG, testContext(s.url))).credentialExpiry).toEqual({ expiresAt: new Date("2031-05-06T07:08:09Z") });
    expect(await cloudflare.credentialExpiry!(TOKEN_CONFIG, testContext(s.url))).toEqual({ expiresAt: new Date("2031-05-06T07:08:09Z") });
    // A Global API key does not expire: nothing to read, no request made.
    s.stats.total = 0;
    expect(await cloudflare.credentialExpiry!(KEY_CONFIG, testContext(s.url))).toBeUndefined();
    expect(s.stats.total).toBe(0);
  });

  it("reads expires_on: null as never expiring", async () => {
    const body = { success: true, errors: [], messages: [], result: { id: "t1", status: "active", expires_on: null } };
    const ctx = { ...testContext("http://cloudflare.invalid"), fetch: (async () => Response.json(body)) as typeof fetch };
    expect(await cloudflare.credentialExpiry!(TOKEN_CONFIG, ctx)).toEqual({ expiresAt: null });
  });
});

describe("cloudflare check", () => {
  it("with an API token: verifies the token, then reads the account (2 requests)", async () => {
    const s = await start();
    const result = await cloudflare.check(TOKEN_CONFIG, testContext(s.url));
    expect(result).toEqual({ ok: true, summary: 'Connected to Cloudflare account "Demo Account" (cf-demo-account) with an API token.', credentialExpiry: { expiresAt: null } });
    expect(s.stats.byRoute).toEqual({ "GET /user/tokens/verify": 1, "GET /accounts/{account_id}": 1 });
    expect(s.exchanges[0].headers.authorization).toBe("Bearer cf-demo-token");
  });

  it("with email + Global API key: reads the account (1 request) with X-Auth headers", async () => {
    const s = await start();
    const result = await cloudflare.check(KEY_CONFIG, testContext(s.url));
    expect(result.summary).toMatch(/Global API key of admin@example.com/);
    expect(s.stats.byRoute).toEqual({ "GET /accounts/{account_id}": 1 });
    expect(s.exchanges[0].headers).toMatchObject({ "x-auth-email": "admin@example.com", "x-auth-key": "cf-demo-global-key" });
    expect(s.exchanges[0].headers.authorization).toBeUndefined();
  });

  it("infers the method from the credentials; an explicit authMethod wins", async () => {
    const s = await start();
    await cloudflare.check({ ...KEY_CONFIG, authMethod: "email-api-key", apiToken: "ignored" }, testContext(s.url));
    expect(s.exchanges[0].headers["x-auth-key"]).toBe("cf-demo-global-key");
  });

  it.each([
    ["a wrong API token", { ...TOKEN_CONFIG, apiToken: "nope" }, "unauthorized", "apiToken", /Invalid API Token \(1000\)/, 1],
    ["a wrong Global API key", { ...KEY_CONFIG, apiKey: "nope" }, "unauthorized", "apiKey", /Unknown X-Auth-Key or X-Auth-Email \(9103\)/, 1],
    ["an unknown email", { ...KEY_CONFIG, email: "someone@example.com" }, "unauthorized", "apiKey", /9103/, 1],
    ["a malformed Account ID (token)", { ...TOKEN_CONFIG, accountId: "not-mine" }, "not_found", "accountId", /Could not route.*\(7003\)/, 2],
    ["a foreign Account ID (key)", { ...KEY_CONFIG, accountId: "0123456789abcdef0123456789abcdef" }, "forbidden", "accountId", /Unauthorized to access requested resource \(9109\)/, 1],
  ] as const)("names %s", async (_, config, kind, field, message, requests) => {
    const s = await start();
    const error = await rejection(cloudflare.check(config, testContext(s.url)));
    expect(error).toMatchObject({ kind, field });
    expect(error.message).toMatch(message);
    expect(s.stats.total).toBe(requests);
  });

  it("names a disabled token on apiToken", async () => {
    const s = await start({ credentials: { tokenStatus: "disabled" } });
    const error = await rejection(cloudflare.check(TOKEN_CONFIG, testContext(s.url)));
    expect(error).toMatchObject({ kind: "unauthorized", field: "apiToken" });
    expect(error.message).toMatch(/token is disabled/);
    expect(s.stats.total).toBe(1);
  });

  it("names revoked credentials mid-session with Cloudflare's codes", async () => {
    const s = await start();
    s.inject({ kind: "bad-credentials", path: "/accounts" });
    const tokenError = await rejection(cloudflare.check(TOKEN_CONFIG, testContext(s.url)));
    expect(tokenError).toMatchObject({ kind: "unauthorized", field: "apiToken" });
    expect(tokenError.message).toMatch(/Invalid access token \(9109\)/);
    const keyError = await rejection(cloudflare.check(KEY_CONFIG, testContext(s.url)));
    expect(keyError).toMatchObject({ kind: "unauthorized", field: "apiKey" });
  });

  it.each([
    [{ accountId: "", apiToken: "t" }, "accountId"],
    [{ accountId: "cf-demo-account" }, "apiToken"],
    [{ accountId: "cf-demo-account", email: "admin@example.com" }, "apiKey"],
    [{ accountId: "cf-demo-account", email: "not-an-email", apiKey: "k" }, "email"],
    [{ accountId: "cf-demo-account", authMethod: "api-token", email: "a@b.co", apiKey: "k" }, "apiToken"],
    [{ accountId: "cf-demo-account", apiToken: "two words" }, "apiToken"],
  ])("refuses an invalid config %j on its field without calling Cloudflare", async (config, field) => {
    const s = await start();
    const error = await rejection(cloudflare.check(config as never, testContext(s.url)));
    expect(error).toMatchObject({ kind: "invalid_config", field });
    expect(s.stats.total).toBe(0);
  });
});
