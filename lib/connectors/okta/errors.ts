// Okta's answers → named ConnectorErrors that point at the settings field at fault and keep
// Okta's own words. The Management API answers { errorCode, errorSummary, errorLink, errorId,
// errorCauses }; the token endpoint answers OAuth's { error, error_description }.
import { z } from "zod";
import { ConnectorError } from "../types";
import type { OktaFailure } from "./http";
import { credentialField, type OktaAuth } from "./settings";

const oktaErrorSchema = z.object({
  errorCode: z.string(),
  errorSummary: z.string().nullable().optional(),
  errorId: z.string().nullable().optional(),
  errorCauses: z.array(z.object({ errorSummary: z.string().nullable().optional() })).nullable().optional(),
});
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().nullable().optional() });

export const OKTA_CODES = { invalidToken: "E0000011", forbidden: "E0000006", notFound: "E0000007", rateLimited: "E0000047" } as const;

/** What the failed request was doing, to say what is missing: "read groups", scope okta.groups.read. */
export type ErrorSubject = { auth: Pick<OktaAuth, "method" | "domain">; action: string; scope: string };

/** "E0000006: You do not have permission… (Cause one; cause two) [errorId oae…]" */
export function describeOktaError(body: unknown, text: string): { code?: string; message: string } {
  const parsed = oktaErrorSchema.safeParse(body);
  if (!parsed.success) return { message: text.slice(0, 300) || "no details" };
  const { errorCode, errorSummary, errorId, errorCauses } = parsed.data;
  const causes = (errorCauses ?? []).map((c) => c.errorSummary).filter(Boolean);
  return { code: errorCode, message: `${errorCode}: ${errorSummary ?? "no summary"}${causes.length ? ` (${causes.join("; ")})` : ""}${errorId ? ` [errorId ${errorId}]` : ""}` };
}

/** The scope a 403 names in WWW-Authenticate (OAuth tokens), e.g. scope="okta.groups.read". */
function challengedScope(headers: Headers): string | undefined {
  const challenge = headers.get("www-authenticate") ?? "";
  return /error="insufficient_scope"/.test(challenge) ? /scope="([^"]+)"/.exec(challenge)?.[1] : undefined;
}

export function notOktaError(domain: string, failure: OktaFailure): ConnectorError {
  const type = failure.headers.get("content-type") ?? "no content type";
  const where = failure.headers.get("location") ? `, redirecting to ${failure.headers.get("location")}` : "";
  return new ConnectorError("invalid_config", `${domain} does not answer like an Okta org (HTTP ${failure.status}, ${type}${where}). Check the Okta domain: it is your org URL, such as https://acme.okta.com.`, {
    field: "domain",
    status: failure.status,
  });
}

export function networkError(domain: string, message: string, retryable: boolean): ConnectorError {
  return new ConnectorError(retryable ? "upstream_unavailable" : "invalid_config", `Okta at ${domain}: ${message}. Check the Okta domain.`, { field: "domain", retryable });
}

export function mapOktaError(failure: OktaFailure, subject: ErrorSubject): ConnectorError {
  const { status } = failure;
  const { code, message } = describeOktaError(failure.body, failure.text);
  const field = credentialField(subject.auth);
  const upstream = `Okta answered ${status} ${message}`;
  if (status === 429 || code === OKTA_CODES.rateLimited) return new ConnectorError("rate_limited", `${upstream}. Gave up waiting for the rate-limit window.`, { status, retryable: true });
  // An outage page from a load balancer is HTML too: 5xx is Okta being down, not a wrong domain.
  if (status >= 500) return new ConnectorError("upstream_unavailable", `${upstream}. Gave up after retries.`, { status, retryable: true });
  if (!failure.json || code === undefined) return notOktaError(subject.auth.domain, failure);
  if (status === 401 || code === OKTA_CODES.invalidToken) {
    const hint = subject.auth.method === "api-token" ? "Check the API token: it may be revoked, or expired after 30 days unused." : "Okta refused the access token minted for this app.";
    return new ConnectorError("unauthorized", `${upstream}. ${hint}`, { status, field });
  }
  if (status === 403 || code === OKTA_CODES.forbidden) {
    const scope = challengedScope(failure.headers) ?? subject.scope;
    const hint =
      subject.auth.method === "api-token"
        ? `The token's administrator may not ${subject.action} (${scope}); give them a role that can, such as Read-only Administrator${scope.endsWith(".manage") ? " or Group Membership Administrator" : ""}.`
        : `The app may not ${subject.action}: grant it ${scope} (Okta API Scopes tab) and an admin role that covers it.`;
    return new ConnectorError("forbidden", `${upstream}. ${hint}`, { status, field });
  }
  if (status === 404 || code === OKTA_CODES.notFound) return new ConnectorError("not_found", upstream, { status });
  if (status === 409) return new ConnectorError("conflict", upstream, { status });
  return new ConnectorError("refused", upstream, { status });
}

/** Token endpoint failures: which setting is at fault follows from Okta's description. */
export function mapTokenError(failure: OktaFailure, auth: Pick<OktaAuth, "domain">, scopes: string): ConnectorError {
  const { status } = failure;
  const parsed = oauthErrorSchema.safeParse(failure.body);
  if (!parsed.success) {
    if (status === 429 || status >= 500) return mapOktaError(failure, { auth: { method: "oauth", domain: auth.domain }, action: "get an access token", scope: scopes });
    return notOktaError(auth.domain, failure);
  }
  const { error, error_description: description } = parsed.data;
  const upstream = `Okta's token endpoint answered ${status} ${error}${description ? `: ${description}` : ""}`;
  const named = (kind: ConstructorParameters<typeof ConnectorError>[0], field: string, hint = "") =>
    new ConnectorError(kind, hint ? `${upstream.replace(/\.$/, "")}${hint}` : upstream, { status, field });
  if (status >= 500) return new ConnectorError("upstream_unavailable", upstream, { status, retryable: true });
  if (error === "invalid_scope") return named("forbidden", "clientId", `. Grant the app these scopes in Okta (API Scopes tab): ${scopes}.`);
  if (error === "invalid_client") {
    if (/audience/i.test(description ?? "")) return named("invalid_config", "domain", ". The token URL must be the Okta domain's.");
    if (/client_id|token_endpoint_auth_method|client authentication/i.test(description ?? "")) return named("unauthorized", "clientId");
    // Signature, kid, expiry, algorithm: the key is not one Okta accepts for this app.
    return named("unauthorized", "privateKey", ". Check that its public key is registered (and active) on the app.");
  }
  if (error === "unauthorized_client" || error === "unsupported_grant_type") return named("unauthorized", "clientId", ". The app must be an API Services app using client credentials.");
  return named("refused", "clientId");
}
