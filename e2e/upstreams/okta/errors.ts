// Okta's error bodies, with the codes and summaries the real API sends, in one place so every
// route answers alike: { errorCode, errorSummary, errorLink, errorId, errorCauses }.
import { randomBytes } from "node:crypto";

export type SimResponse = {
  status: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
  /** Sent as is instead of JSON (malformed and HTML faults, logos). */
  raw?: string;
  contentType?: string;
};

export function oktaError(status: number, errorCode: string, errorSummary: string, causes: string[] = [], headers?: Record<string, string>): SimResponse {
  return {
    status,
    headers,
    body: { errorCode, errorSummary, errorLink: errorCode, errorId: `oae${randomBytes(11).toString("base64url")}`, errorCauses: causes.map((c) => ({ errorSummary: c })) },
  };
}

export const OKTA_ERRORS = {
  invalidToken: (headers?: Record<string, string>) => oktaError(401, "E0000011", "Invalid token provided", [], headers),
  forbidden: (headers?: Record<string, string>, causes: string[] = []) => oktaError(403, "E0000006", "You do not have permission to perform the requested action", causes, headers),
  notFound: (id: string, type: string) => oktaError(404, "E0000007", `Not found: Resource not found: ${id} (${type})`),
  rateLimited: (headers?: Record<string, string>) => oktaError(429, "E0000047", "API call exceeded rate limit due to too many requests.", [], headers),
  internal: (status = 500) => oktaError(status, "E0000009", "Internal Server Error"),
  invalidSearch: (cause: string) => oktaError(400, "E0000031", "Invalid search criteria.", [cause]),
  methodNotAllowed: () => oktaError(405, "E0000022", "The endpoint does not support the provided HTTP method"),
};

export function oauthError(status: number, error: string, description: string): SimResponse {
  return { status, body: { error, error_description: description } };
}

/** What a web server that is not an Okta org answers (the "wrong domain" case). */
export const NOT_OKTA_PAGE: SimResponse = {
  status: 200,
  contentType: "text/html; charset=utf-8",
  raw: "<!doctype html><html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>",
};
