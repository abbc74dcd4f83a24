// Contract: check over real HTTP. A failure names the field at fault and keeps Okta's words.
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { demoOktaOAuthClient, OKTA_READ_SCOPES } from "@/e2e/upstreams/okta/auth";
import { startSpecCheckedOktaSimulator, type SpecCheckedOktaSimulator } from "@/e2e/upstreams/okta/spec-checked";
import { createOktaConnector, okta } from "./index";
import { oauthConfig, rejection, testContext, TOKEN_CONFIG } from "./test-helpers";

let sim: SpecCheckedOktaSimulator | undefined;
afterEach(async () => {
  expect(sim?.violations ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});
const start = async (options: Parameters<typeof startSpecCheckedOktaSimulator>[0] = {}) => (sim = await startSpecCheckedOktaSimulator(options));
const CHECK_ROUTES = { "GET /api/v1/users": 1, "GET /api/v1/groups": 1, "GET /api/v1/apps": 1 };

describe("okta check", () => {
  it("with an API token: reads one user, one group and one app (3 requests, SSWS)", async () => {
    const s = await start();
    expect(await okta.check(TOKEN_CONFIG, testContext(s.url))).toEqual({ ok: true, summary: "Connected to Okta org https://gatekeeper-demo.okta.com with an API token: users, groups and apps are readable." });
    expect(s.stats.byRoute).toEqual(CHECK_ROUTES);
    expect(s.exchanges.map((e) => e.query.limit)).toEqual(["1", "1", "1"]);
    expect(s.exchanges[0].headers.authorization).toMatch(/^SSWS /);
  });

  it.each([
    ["a PKCS#8 PEM", oauthConfig()],
    ["a PKCS#1 PEM", oauthConfig({ pkcs1: true })],
    ["a JWK (kid from the key)", oauthConfig({ jwk: true })],
  ])("with OAuth and %s: one token, then Bearer calls", async (_, config) => {
    const s = await start();
    const result = await createOktaConnector().check(config, testContext(s.url));
    expect(result.summary).toMatch(/with OAuth service app 0oa1gkd0000000000008: users, groups and apps are readable/);
    expect(s.stats.byRoute).toEqual({ "POST /oauth2/v1/token": 1, ...CHECK_ROUTES });
    const [tokenRequest] = s.exchanges;
    expect(tokenRequest.requestBody).toMatchObject({ grant_type: "client_credentials", scope: OKTA_READ_SCOPES.join(" "), client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" });
    expect(s.exchanges.slice(1).every((e) => /^Bearer eyJ/.test(String(e.headers.authorization)))).toBe(true);
  });

  it("caches the access token across calls and asks for okta.groups.manage only with provisioning on", async () => {
    const s = await start();
    const connector = createOktaConnector();
    await connector.check(oauthConfig({ provisioning: true }), testContext(s.url));
    await connector.check(oauthConfig({ provisioning: true }), testContext(s.url));
    expect(s.stats.byRoute["POST /oauth2/v1/token"]).toBe(1);
    expect(s.exchanges[0].requestBody).toMatchObject({ scope: "okta.users.read okta.groups.read okta.apps.read okta.groups.manage" });
  });

  it("names a wrong API token (401 E0000011) on apiToken, keeping Okta's summary", async () => {
    const s = await start();
    const error = await rejection(okta.check({ ...TOKEN_CONFIG, apiToken: "00wrong" }, testContext(s.url)));
    expect(error).toMatchObject({ kind: "unauthorized", field: "apiToken" });
    expect(error.message).toMatch(/Okta answered 401 E0000011: Invalid token provided/);
    expect(s.stats.total).toBe(1);
  });

  it("names a token whose admin cannot read groups (403 E0000006), saying what is missing", async () => {
    const s = await start({ credentials: { apiTokens: [{ token: "00users", scopes: ["okta.users.read", "okta.apps.read"] }], clients: [] } });
    const error = await rejection(okta.check({ ...TOKEN_CONFIG, apiToken: "00users" }, testContext(s.url)));
    expect(error).toMatchObject({ kind: "forbidden", field: "apiToken" });
    expect(error.message).toMatch(/403 E0000006: You do not have permission to perform the requested action.*may not read groups \(okta\.groups\.read\)/);
    expect(s.stats.byRoute).toEqual({ "GET /api/v1/users": 1, "GET /api/v1/groups": 1 });
  });

  it("names an OAuth token without a scope (insufficient_scope) on clientId with the scope", async () => {
    const s = await start();
    const connector = createOktaConnector();
    await connector.check(oauthConfig(), testContext(s.url));
    // The app lost okta.apps.read after the token was minted.
    for (const token of s.tokens.values()) token.scopes.delete("okta.apps.read");
    const error = await rejection(connector.check(oauthConfig(), testContext(s.url)));
    expect(error).toMatchObject({ kind: "forbidden", field: "clientId" });
    expect(error.message).toMatch(/E0000006.*grant it okta\.apps\.read/);
  });

  it("names scopes the app was not granted at the token endpoint (invalid_scope) on clientId", async () => {
    const client = demoOktaOAuthClient();
    const s = await start({ credentials: { apiTokens: [], clients: [{ clientId: client.clientId, scopes: ["okta.users.read"], keys: [{ kid: client.keyId, publicJwk: client.publicJwk }] }] } });
    const error = await rejection(createOktaConnector().check(oauthConfig(), testContext(s.url)));
    expect(error).toMatchObject({ kind: "forbidden", field: "clientId" });
    expect(error.message).toMatch(/invalid_scope: The following scopes are not granted to this client: okta\.groups\.read okta\.apps\.read. Grant the app these scopes/);
  });

  it.each([
    ["an unknown kid", () => ({ ...oauthConfig(), keyId: "rotated-away" }), "privateKey", /kid \(rotated-away\)/],
    ["a key Okta does not hold", () => ({ ...oauthConfig(), keyId: undefined, privateKey: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString() }), "privateKey", /signature is invalid/],
    ["an unknown client id", () => ({ ...oauthConfig(), clientId: "0oanotmine" }), "clientId", /Invalid value for 'client_id'/],
  ])("names %s", async (_, config, field, message) => {
    const s = await start();
    const error = await rejection(createOktaConnector().check(config(), testContext(s.url)));
    expect(error).toMatchObject({ kind: "unauthorized", field });
    expect(error.message).toMatch(message);
    expect(s.stats.byRoute).toEqual({ "POST /oauth2/v1/token": 1 });
  });

  it("names an expired (deactivated) key on privateKey", async () => {
    const s = await start();
    s.credentials.clients[0].keys[0].status = "INACTIVE";
    const error = await rejection(createOktaConnector().check(oauthConfig(), testContext(s.url)));
    expect(error).toMatchObject({ kind: "unauthorized", field: "privateKey" });
    expect(error.message).toMatch(/does not identify an active key/);
  });

  it("names the domain when the host answers HTML", async () => {
    const s = await start();
    s.inject({ kind: "html", times: 1 });
    const error = await rejection(okta.check(TOKEN_CONFIG, testContext(s.url)));
    expect(error).toMatchObject({ kind: "invalid_config", field: "domain" });
    expect(error.message).toMatch(/does not answer like an Okta org \(HTTP 200, text\/html/);
  });

  it("names the domain for a 404 without Okta's error shape, and for a host that does not resolve", async () => {
    const server = createServer((_, res) => res.writeHead(404, { "content-type": "application/json" }).end('{"message":"no such route"}'));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect(await rejection(okta.check(TOKEN_CONFIG, testContext(url)))).toMatchObject({ kind: "invalid_config", field: "domain" });
    } finally {
      server.close();
    }
    const dns = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("getaddrinfo ENOTFOUND acme.okta.example"), { code: "ENOTFOUND" }) });
    const ctx = testContext("", { fetch: async () => Promise.reject(dns) });
    const error = await rejection(okta.check({ ...TOKEN_CONFIG, domain: "https://acme.okta.example" }, ctx));
    expect(error).toMatchObject({ kind: "invalid_config", field: "domain" });
    expect(error.message).toMatch(/https:\/\/acme\.okta\.example: the host does not resolve \(ENOTFOUND\)/);
    expect(ctx.sleeps).toEqual([]);
  });

  it("uses the domain as the base URL when the context has none", async () => {
    const s = await start();
    const result = await okta.check({ ...TOKEN_CONFIG, domain: s.url }, testContext(""));
    expect(result.summary).toContain(s.url);
  });

  it.each([
    [{ domain: "", apiToken: "t" }, "domain"],
    [{ domain: "acme.okta.com" }, "apiToken"],
    [{ domain: "acme.okta.com", authMethod: "oauth", clientId: "0oa1", privateKey: "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----" }, "privateKey"],
  ])("refuses an invalid config %j on its field without calling Okta", async (config, field) => {
    const s = await start();
    const error = await rejection(okta.check(config as never, testContext(s.url)));
    expect(error).toMatchObject({ kind: "invalid_config", field });
    expect(s.stats.total).toBe(0);
  });
});
