// The Authorization header for each call: `SSWS <API token>`, or `Bearer <access token>` from
// the org authorization server's client-credentials grant with a private_key_jwt client
// assertion (RS256, signed with node:crypto), cached until shortly before it expires.
import { createHash, randomUUID, sign } from "node:crypto";
import { z } from "zod";
import { ConnectorError } from "../types";
import { parsePrivateKey, type SigningKey } from "./keys";
import type { OktaAnswer } from "./http";
import type { OktaAuth } from "./settings";

export const TOKEN_PATH = "/oauth2/v1/token";
export const READ_SCOPES = ["okta.users.read", "okta.groups.read", "okta.apps.read"];
export const MANAGE_SCOPE = "okta.groups.manage";
export const ROLES_SCOPE = "okta.roles.read";
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** TokenResponseOrgAs, as much as we use. */
export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
  scope: z.string().nullable().optional(),
});
export type TokenAnswer = z.infer<typeof tokenSchema>;

/** Which access token a call needs: the sync's, or the separate one for admin roles (optional). */
export type ScopeSet = "directory" | "roles";

export function scopesFor(auth: Extract<OktaAuth, { method: "oauth" }>, set: ScopeSet): string[] {
  return set === "roles" ? [ROLES_SCOPE] : auth.provisioning ? [...READ_SCOPES, MANAGE_SCOPE] : READ_SCOPES;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

/** The signed JWT Okta takes as client_assertion: iss = sub = client id, aud = the token URL, 5 minutes. */
export function clientAssertion(clientId: string, key: SigningKey, keyId: string | undefined, audience: string, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const kid = keyId ?? key.kid;
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT", ...(kid ? { kid } : {}) }));
  const payload = base64url(JSON.stringify({ iss: clientId, sub: clientId, aud: audience, iat, exp: iat + 300, jti: randomUUID() }));
  const signature = sign("sha256", Buffer.from(`${header}.${payload}`), key.key);
  return `${header}.${payload}.${base64url(signature)}`;
}

type Cached = { token: string; expiresAt: number };
export type TokenCache = Map<string, Promise<Cached>>;

export type Authorizer = {
  headers(set: ScopeSet): Promise<Record<string, string>>;
  /** Drops a cached token Okta refused, so the next call mints a new one. */
  invalidate(set: ScopeSet): void;
  /** Whether a 401 may be a stale token worth one retry with a new one. */
  canRefresh: boolean;
};

export function createAuthorizer(
  auth: OktaAuth,
  deps: { baseUrl: string; cache: TokenCache; now: () => number; requestToken: (form: () => Record<string, string>, scopes: string) => Promise<OktaAnswer<TokenAnswer>> },
): Authorizer {
  if (auth.method === "api-token") {
    return { headers: async () => ({ authorization: `SSWS ${auth.apiToken}` }), invalidate: () => undefined, canRefresh: false };
  }
  const key = parsePrivateKey(auth.privateKey);
  if (typeof key === "string") throw new ConnectorError("invalid_config", key, { field: "privateKey" });
  const audience = `${deps.baseUrl}${TOKEN_PATH}`;
  const fingerprint = createHash("sha256").update(auth.privateKey).digest("base64url").slice(0, 16);
  const cacheKey = (set: ScopeSet) => `${audience}|${auth.clientId}|${auth.keyId ?? ""}|${fingerprint}|${scopesFor(auth, set).join(" ")}`;

  const mint = async (set: ScopeSet): Promise<Cached> => {
    const scope = scopesFor(auth, set).join(" ");
    // A function: each attempt (retries included) signs a new assertion with a fresh jti.
    const form = () => ({ grant_type: "client_credentials", scope, client_assertion_type: JWT_BEARER, client_assertion: clientAssertion(auth.clientId, key, auth.keyId, audience, deps.now()) });
    const answer = await deps.requestToken(form, scope);
    const seconds = answer.data.expires_in;
    // Renew a minute early (a tenth of the lifetime for short ones), so no call carries a token
    // that expires in flight.
    return { token: answer.data.access_token, expiresAt: deps.now() + (seconds - Math.min(60, seconds / 10)) * 1000 };
  };

  return {
    canRefresh: true,
    async headers(set) {
      const k = cacheKey(set);
      const cached = deps.cache.get(k);
      const current = cached ? await cached.catch(() => undefined) : undefined;
      if (current && current.expiresAt > deps.now()) return { authorization: `Bearer ${current.token}` };
      // Concurrent callers share one mint: the promise is cached before it settles.
      const latest = deps.cache.get(k);
      const entry = latest && latest !== cached ? latest : mint(set);
      deps.cache.set(k, entry);
      // A failed mint must not be cached: the next call tries again.
      entry.catch(() => deps.cache.get(k) === entry && deps.cache.delete(k));
      return { authorization: `Bearer ${(await entry).token}` };
    },
    invalidate(set) {
      deps.cache.delete(cacheKey(set));
    },
  };
}
