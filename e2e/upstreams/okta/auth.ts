// Authentication as Okta does it for the Management API: `SSWS <API token>` or `Bearer
// <access token>` minted by /oauth2/v1/token. A token lacking a scope gets 403 E0000006 (OAuth
// tokens also get WWW-Authenticate error="insufficient_scope"); a bad one 401 E0000011.
import { generateKeyPairSync, type JsonWebKey } from "node:crypto";
import { OKTA_ERRORS, type SimResponse } from "./errors";

export type ApiTokenGrant = { token: string; scopes: "all" | string[] };
export type OAuthClientKey = { kid: string; publicJwk: JsonWebKey; status?: "ACTIVE" | "INACTIVE" };
export type OAuthClient = { clientId: string; scopes: string[]; keys: OAuthClientKey[] };
export type OktaCredentials = { apiTokens: ApiTokenGrant[]; clients: OAuthClient[] };
export type IssuedToken = { clientId: string; scopes: Set<string>; expiresAt: number };

export const OKTA_DEMO_API_TOKEN = "00GkDemoOktaApiToken-gatekeeper-simulator1";
/** The demo service app's client id: the fixture's "Gatekeeper Connector" app. */
export const OKTA_DEMO_CLIENT_ID = "0oa1gkd0000000000008";
export const OKTA_DEMO_KEY_ID = "gk-demo-key-1";
export const OKTA_READ_SCOPES = ["okta.users.read", "okta.groups.read", "okta.apps.read"];
export const OKTA_ALL_SCOPES = [...OKTA_READ_SCOPES, "okta.groups.manage", "okta.roles.read"];

export type DemoOAuthClient = { clientId: string; keyId: string; privateKeyPem: string; privateKeyPkcs1Pem: string; privateKeyJwk: JsonWebKey; publicJwk: JsonWebKey };

let demo: DemoOAuthClient | undefined;

/** A key pair made once per process (never committed): the demo service app's credentials. */
export function demoOktaOAuthClient(): DemoOAuthClient {
  if (!demo) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    demo = {
      clientId: OKTA_DEMO_CLIENT_ID,
      keyId: OKTA_DEMO_KEY_ID,
      privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      privateKeyPkcs1Pem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
      privateKeyJwk: { ...privateKey.export({ format: "jwk" }), kid: OKTA_DEMO_KEY_ID },
      publicJwk: { ...publicKey.export({ format: "jwk" }), kid: OKTA_DEMO_KEY_ID, alg: "RS256", use: "sig" },
    };
  }
  return demo;
}

export function demoCredentials(): OktaCredentials {
  const client = demoOktaOAuthClient();
  return {
    apiTokens: [{ token: OKTA_DEMO_API_TOKEN, scopes: "all" }],
    clients: [{ clientId: client.clientId, scopes: OKTA_ALL_SCOPES, keys: [{ kid: client.keyId, publicJwk: client.publicJwk }] }],
  };
}

export type AuthContext = {
  credentials: OktaCredentials;
  tokens: Map<string, IssuedToken>;
  now: () => number;
  origin: string;
  path: string;
  /** The OAuth scope the operation declares (OpenAPI `security`). */
  scope: string;
  /** The bad-token fault: answer as if the credential were revoked. */
  revoked: boolean;
};

export type AuthResult = { ok: true; kind: "api-token" | "oauth" } | { ok: false; response: SimResponse };

function challenge(ctx: AuthContext, error: string, description: string) {
  return {
    "www-authenticate": `Bearer authorization_uri="${ctx.origin}/oauth2/v1/authorize", realm="${ctx.origin}", scope="${ctx.scope}", error="${error}", error_description="${description}", resource="${ctx.path}"`,
  };
}

export function authenticate(authorization: string | undefined, ctx: AuthContext): AuthResult {
  const ssws = /^SSWS (\S+)$/.exec(authorization ?? "");
  if (ssws) {
    const grant = ctx.credentials.apiTokens.find((t) => t.token === ssws[1]);
    if (!grant || ctx.revoked) return { ok: false, response: OKTA_ERRORS.invalidToken() };
    // An API token acts with its admin's permissions; a narrower admin role shows as a 403.
    if (grant.scopes !== "all" && !grant.scopes.includes(ctx.scope)) return { ok: false, response: OKTA_ERRORS.forbidden() };
    return { ok: true, kind: "api-token" };
  }
  const bearer = /^Bearer (\S+)$/.exec(authorization ?? "");
  if (bearer) {
    const token = ctx.tokens.get(bearer[1]);
    if (!token || ctx.revoked || token.expiresAt <= ctx.now()) {
      return { ok: false, response: OKTA_ERRORS.invalidToken(challenge(ctx, "invalid_token", "The access token is invalid.")) };
    }
    if (!token.scopes.has(ctx.scope)) {
      return { ok: false, response: OKTA_ERRORS.forbidden(challenge(ctx, "insufficient_scope", "The access token provided does not contain the required scopes.")) };
    }
    return { ok: true, kind: "oauth" };
  }
  return { ok: false, response: OKTA_ERRORS.invalidToken() };
}
