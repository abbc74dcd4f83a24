// Okta's error bodies → named errors: each code and token-endpoint error points at its field.
import { describe, expect, it } from "vitest";
import type { OktaFailure } from "./http";
import { mapOktaError, mapTokenError } from "./errors";

const failure = (status: number, body: unknown, headers: Record<string, string> = {}): OktaFailure => {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { status, body: typeof body === "string" ? undefined : body, text, json: typeof body !== "string", headers: new Headers({ "content-type": typeof body === "string" ? "text/html" : "application/json", ...headers }) };
};
const okta = (errorCode: string, errorSummary: string, causes: string[] = []) => ({ errorCode, errorSummary, errorLink: errorCode, errorId: "oae123", errorCauses: causes.map((c) => ({ errorSummary: c })) });
const token = { auth: { method: "api-token", domain: "https://acme.okta.com" }, action: "read groups", scope: "okta.groups.read" } as const;
const oauth = { ...token, auth: { method: "oauth", domain: "https://acme.okta.com" } } as const;

describe("mapOktaError", () => {
  it.each([
    ["401 E0000011 (token)", failure(401, okta("E0000011", "Invalid token provided")), token, "unauthorized", "apiToken"],
    ["401 E0000011 (OAuth)", failure(401, okta("E0000011", "Invalid token provided")), oauth, "unauthorized", "clientId"],
    ["403 E0000006 (token)", failure(403, okta("E0000006", "You do not have permission to perform the requested action")), token, "forbidden", "apiToken"],
    ["404 E0000007", failure(404, okta("E0000007", "Not found: Resource not found: 00g1 (UserGroup)")), token, "not_found", undefined],
    ["429 E0000047", failure(429, okta("E0000047", "API call exceeded rate limit due to too many requests.")), token, "rate_limited", undefined],
    ["500 E0000009", failure(500, okta("E0000009", "Internal Server Error")), token, "upstream_unavailable", undefined],
    ["502 from a load balancer, in HTML", failure(502, "<html>Bad gateway</html>"), token, "upstream_unavailable", undefined],
    ["400 E0000031", failure(400, okta("E0000031", "Invalid search criteria.")), token, "refused", undefined],
    ["an HTML page", failure(200, "<!doctype html><title>Welcome</title>"), token, "invalid_config", "domain"],
    ["404 without Okta's error shape", failure(404, { message: "Not Found" }), token, "invalid_config", "domain"],
    ["a redirect", failure(302, "", { location: "https://www.okta.com/" }), token, "invalid_config", "domain"],
  ] as const)("%s", (_, f, subject, kind, field) => {
    const error = mapOktaError(f, subject);
    expect({ kind: error.kind, field: error.field }).toEqual({ kind, field });
  });

  it("keeps Okta's code, summary, causes and errorId", () => {
    const error = mapOktaError(failure(403, okta("E0000006", "You do not have permission to perform the requested action", ["Group type APP_GROUP"])), token);
    expect(error.message).toMatch(/^Okta answered 403 E0000006: You do not have permission to perform the requested action \(Group type APP_GROUP\) \[errorId oae123\]/);
    expect(error.message).toMatch(/Read-only Administrator/);
  });

  it("names the scope an OAuth token lacks, from WWW-Authenticate when Okta says", () => {
    const challenge = 'Bearer authorization_uri="https://acme.okta.com/oauth2/v1/authorize", realm="https://acme.okta.com", scope="okta.apps.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/apps"';
    const error = mapOktaError(failure(403, okta("E0000006", "You do not have permission"), { "www-authenticate": challenge }), oauth);
    expect(error).toMatchObject({ kind: "forbidden", field: "clientId" });
    expect(error.message).toMatch(/grant it okta\.apps\.read/);
    expect(mapOktaError(failure(403, okta("E0000006", "x")), oauth).message).toMatch(/okta\.groups\.read/);
  });

  it("says a wrong domain does not answer like an Okta org", () => {
    expect(mapOktaError(failure(200, "<html></html>"), token).message).toMatch(/^https:\/\/acme\.okta\.com does not answer like an Okta org \(HTTP 200, text\/html\)/);
  });
});

describe("mapTokenError", () => {
  const auth = { domain: "https://acme.okta.com" };
  const oauthError = (status: number, error: string, description: string) => failure(status, { error, error_description: description });
  it.each([
    ["unknown client", oauthError(401, "invalid_client", "Invalid value for 'client_id' parameter."), "unauthorized", "clientId"],
    ["client secret app", oauthError(401, "invalid_client", "Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method."), "unauthorized", "clientId"],
    ["bad signature", oauthError(401, "invalid_client", "The client_assertion signature is invalid."), "unauthorized", "privateKey"],
    ["unknown kid", oauthError(401, "invalid_client", "The client_assertion token has a kid (k9) that does not identify an active key of this client."), "unauthorized", "privateKey"],
    ["expired assertion", oauthError(401, "invalid_client", "The client_assertion token is expired."), "unauthorized", "privateKey"],
    ["wrong audience", oauthError(401, "invalid_client", "The audience claim for client_assertion must be the endpoint invoked for the request."), "invalid_config", "domain"],
    ["scope not granted", oauthError(400, "invalid_scope", "The following scopes are not granted to this client: okta.apps.read."), "forbidden", "clientId"],
    ["wrong app type", oauthError(400, "unauthorized_client", "The client is not authorized to use the provided grant type."), "unauthorized", "clientId"],
    ["an HTML page", failure(404, "<html>nope</html>"), "invalid_config", "domain"],
    ["429", failure(429, okta("E0000047", "API call exceeded rate limit due to too many requests.")), "rate_limited", undefined],
  ] as const)("%s", (_, f, kind, field) => {
    const error = mapTokenError(f, auth, "okta.users.read okta.groups.read okta.apps.read");
    expect({ kind: error.kind, field: error.field }).toEqual({ kind, field });
  });

  it("keeps Okta's description and lists the scopes to grant", () => {
    const error = mapTokenError(oauthError(400, "invalid_scope", "The following scopes are not granted to this client: okta.apps.read."), auth, "okta.users.read okta.apps.read");
    expect(error.message).toBe("Okta's token endpoint answered 400 invalid_scope: The following scopes are not granted to this client: okta.apps.read. Grant the app these scopes in Okta (API Scopes tab): okta.users.read okta.apps.read.");
  });
});
