// Authentication as Cloudflare does it: an API token (Authorization: Bearer) or the legacy
// X-Auth-Email + X-Auth-Key pair, each rejected with the real API's codes.
import type { IncomingHttpHeaders } from "node:http";
import { CF_ERRORS, fail, invalidHeaders, type SimResponse } from "./envelope";
import type { CloudflareCredentials } from "./state";

export type AuthResult = { ok: true; method: "api-token" | "email-api-key" } | { ok: false; response: SimResponse };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `revoked` (the bad-credentials fault) answers as if the presented credentials were wrong.
 * `tokenOnly` is /user/tokens/verify, which only knows API tokens.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  credentials: CloudflareCredentials,
  options: { tokenOnly: boolean; revoked: boolean },
): AuthResult {
  const authorization = header(headers, "authorization");
  const email = header(headers, "x-auth-email");
  const key = header(headers, "x-auth-key");

  if (authorization !== undefined) {
    const match = /^Bearer ([^\s]+)$/.exec(authorization);
    if (!match) return { ok: false, response: invalidHeaders(CF_ERRORS.invalidAuthorizationHeader) };
    if (options.revoked || match[1] !== credentials.apiToken) {
      return {
        ok: false,
        response: options.tokenOnly ? fail(401, [CF_ERRORS.invalidApiToken]) : fail(403, [CF_ERRORS.invalidAccessToken]),
      };
    }
    if (credentials.tokenStatus !== "active" && !options.tokenOnly) {
      return { ok: false, response: fail(403, [CF_ERRORS.invalidAccessToken]) };
    }
    return { ok: true, method: "api-token" };
  }

  if (options.tokenOnly) {
    // Verify Token needs a token: the key pair is not a credential there.
    return { ok: false, response: invalidHeaders(CF_ERRORS.invalidAuthorizationHeader) };
  }
  if (email === undefined || key === undefined) return { ok: false, response: fail(400, [CF_ERRORS.missingAuthHeaders]) };
  if (!EMAIL.test(email)) return { ok: false, response: invalidHeaders(CF_ERRORS.invalidEmailHeader) };
  if (key.length === 0 || /\s/.test(key)) return { ok: false, response: invalidHeaders(CF_ERRORS.invalidKeyHeader) };
  if (options.revoked || email.toLowerCase() !== credentials.email.toLowerCase() || key !== credentials.apiKey) {
    return { ok: false, response: fail(403, [CF_ERRORS.unknownKeyOrEmail]) };
  }
  return { ok: true, method: "email-api-key" };
}
