// JSON answers of the ingest API: { error, message } for every refusal, no-store always (a
// token must never sit in a cache).

const NO_STORE = { "cache-control": "no-store" };

export function respondJson(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function respondError(status: number, error: string, message: string, headers: Record<string, string> = {}) {
  return respondJson({ error, message }, status, headers);
}

export function respondUnauthorized(message: string, error: "invalid_client" | "invalid_token" = "invalid_token") {
  // RFC 6750: a Bearer challenge tells clients to fetch a new token.
  return respondError(401, error, message, error === "invalid_token" ? { "www-authenticate": `Bearer error="invalid_token"` } : {});
}

export function respondTooManyRequests(retryAfterSeconds: number) {
  return respondError(429, "rate_limited", `Too many requests. Try again in ${retryAfterSeconds} s.`, { "retry-after": String(retryAfterSeconds) });
}

/** The caller's address as the proxy in front reports it; only a rate-limit key, never trusted for access. */
export function clientAddress(request: Request) {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "unknown";
}
