// "Test discovery": is there an OpenID provider at this issuer, and does it call itself by
// that name? Each failure is worded for the issuer field. next-auth discovers again at every
// sign-in (openid-client), so this is the same document it will read.
export type DiscoveryResult =
  | { ok: true; issuer: string; authorizationEndpoint: string; tokenEndpoint: string; jwksUri: string }
  | { ok: false; problem: "unreachable" | "not-openid" | "issuer-mismatch"; message: string };

export function discoveryUrl(issuer: string) {
  return `${issuer}/.well-known/openid-configuration`;
}

const text = (v: unknown) => (typeof v === "string" && v ? v : null);

export async function discoverIssuer(issuer: string, fetchImpl: typeof fetch = fetch, timeoutMs = 8_000): Promise<DiscoveryResult> {
  const url = discoveryUrl(issuer);
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { accept: "application/json" }, redirect: "error", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : (cause?.code ?? cause?.message ?? "the connection failed");
    return { ok: false, problem: "unreachable", message: `The issuer cannot be reached (${reason}). Check the URL and that this server can reach it.` };
  }
  const notOpenId = (why: string): DiscoveryResult => ({ ok: false, problem: "not-openid", message: `This is not an OpenID provider: ${url} ${why}.` });
  if (!response.ok) return notOpenId(`answered HTTP ${response.status}`);
  let body: Record<string, unknown>;
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    return notOpenId("did not answer JSON");
  }
  if (!body || typeof body !== "object") return notOpenId("did not answer a JSON object");
  const [found, authorizationEndpoint, tokenEndpoint, jwksUri] = [text(body.issuer), text(body.authorization_endpoint), text(body.token_endpoint), text(body.jwks_uri)];
  if (!found || !authorizationEndpoint || !tokenEndpoint || !jwksUri) return notOpenId("lacks issuer, authorization_endpoint, token_endpoint or jwks_uri");
  const responseTypes = body.response_types_supported;
  if (Array.isArray(responseTypes) && !responseTypes.includes("code")) return notOpenId("does not offer the authorization code flow");
  // OpenID Connect Discovery 1.0 §4.3: the issuer in the document must be exactly the one asked for.
  if (found !== issuer) return { ok: false, problem: "issuer-mismatch", message: `The provider calls itself ${found}, not ${issuer}. Enter its issuer exactly.` };
  return { ok: true, issuer: found, authorizationEndpoint, tokenEndpoint, jwksUri };
}
