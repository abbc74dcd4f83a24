// POST /oauth2/v1/token of the org authorization server, client_credentials with
// private_key_jwt only (what Okta requires for Okta API scopes): the client assertion's RS256
// signature is checked against the client's registered public keys, with aud, iss/sub, exp and
// jti checked as Okta does; answers are TokenResponseOrgAs or OAuthError.
import { createPublicKey, randomBytes, verify } from "node:crypto";
import { oauthError, type SimResponse } from "./errors";
import type { IssuedToken, OktaCredentials } from "./auth";

export type TokenContext = {
  credentials: OktaCredentials;
  tokens: Map<string, IssuedToken>;
  /** jti values already presented, with their expiry (a client assertion is single use). */
  usedJtis: Map<string, number>;
  now: () => number;
  /** The token URLs a client assertion's aud may name (the simulator's own, and the org URL's). */
  audiences: string[];
};

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const invalidClient = (description: string) => oauthError(401, "invalid_client", description);

type Claims = { iss?: unknown; sub?: unknown; aud?: unknown; exp?: unknown; iat?: unknown; jti?: unknown };

function decode(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function issueToken(form: Record<string, string>, ctx: TokenContext): SimResponse {
  if (form.client_assertion_type !== JWT_BEARER || !form.client_assertion) {
    return invalidClient("Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.");
  }
  const parts = form.client_assertion.split(".");
  const header = parts.length === 3 ? decode(parts[0]) : undefined;
  const claims = (parts.length === 3 ? decode(parts[1]) : undefined) as Claims | undefined;
  if (!header || !claims) return invalidClient("The client_assertion token is malformed.");
  const clientId = typeof form.client_id === "string" && form.client_id ? form.client_id : claims.iss;
  const client = ctx.credentials.clients.find((c) => c.clientId === clientId);
  if (!client) return invalidClient("Invalid value for 'client_id' parameter.");
  if (claims.iss !== client.clientId || claims.sub !== client.clientId) {
    return invalidClient("The client_assertion token must have the client_id as its 'iss' and 'sub' claims.");
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.some((a) => typeof a === "string" && ctx.audiences.includes(a))) {
    return invalidClient("The audience claim for client_assertion must be the endpoint invoked for the request.");
  }
  const nowSeconds = Math.floor(ctx.now() / 1000);
  if (typeof claims.exp !== "number" || claims.exp <= nowSeconds) return invalidClient("The client_assertion token is expired.");
  if (claims.exp - (typeof claims.iat === "number" ? claims.iat : nowSeconds) > 3_600) {
    return invalidClient("The client_assertion token has an expiration too far into the future.");
  }
  if (header.alg !== "RS256") return invalidClient(`The client_assertion token was signed with an unsupported algorithm: ${String(header.alg)}.`);
  const active = client.keys.filter((k) => k.status !== "INACTIVE");
  const key = typeof header.kid === "string" ? active.find((k) => k.kid === header.kid) : active.length === 1 ? active[0] : undefined;
  if (!key) {
    return invalidClient(
      typeof header.kid === "string"
        ? `The client_assertion token has a kid (${header.kid}) that does not identify an active key of this client.`
        : "The client_assertion token has no kid and the client has more than one active key.",
    );
  }
  const signed = verify("sha256", Buffer.from(`${parts[0]}.${parts[1]}`), createPublicKey({ key: key.publicJwk, format: "jwk" }), Buffer.from(parts[2], "base64url"));
  if (!signed) return invalidClient("The client_assertion signature is invalid.");
  if (typeof claims.jti !== "string" || claims.jti.length === 0) return invalidClient("The client_assertion token must have a 'jti' claim.");
  for (const [jti, exp] of ctx.usedJtis) if (exp <= nowSeconds) ctx.usedJtis.delete(jti);
  if (ctx.usedJtis.has(claims.jti)) return invalidClient("The client_assertion token has already been used.");
  ctx.usedJtis.set(claims.jti, claims.exp);

  if (form.grant_type !== "client_credentials") {
    return oauthError(400, "unsupported_grant_type", `The grant_type '${form.grant_type ?? ""}' is not supported for this client.`);
  }
  const scopes = (form.scope ?? "").split(/\s+/).filter(Boolean);
  if (scopes.length === 0) return oauthError(400, "invalid_scope", "The authorization server resource does not have any configured default scopes, 'scope' must be provided.");
  const missing = scopes.filter((s) => !client.scopes.includes(s));
  if (missing.length > 0) return oauthError(400, "invalid_scope", `The following scopes are not granted to this client: ${missing.join(" ")}.`);

  const accessToken = `eyJ${randomBytes(24).toString("base64url")}`;
  ctx.tokens.set(accessToken, { clientId: client.clientId, scopes: new Set(scopes), expiresAt: ctx.now() + 3_600_000 });
  return { status: 200, body: { token_type: "Bearer", expires_in: 3_600, access_token: accessToken, scope: scopes.join(" ") } };
}
