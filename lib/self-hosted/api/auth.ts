// Authentication of the ingest API: client credentials for a short-lived token (POST
// /api/v1/token), then that token as a Bearer on every other call. A token names its connector,
// client id and rotation time; all three are checked against the row on every request.
import { z } from "zod";
import { findConnectorByClientId, getSelfHostedConnector, recordRunnerContact, type SelfHostedConnector } from "@/lib/data/self-hosted";
import { ACCESS_TOKEN_TTL_MS, readBearerToken, signAccessToken, verifyAccessToken } from "../access-token";
import { readLimitedBody, UploadError } from "../body";
import { clientIdSchema, verifyClientSecret } from "../credentials";
import type { IngestApiDeps } from "./deps";
import { clientAddress, respondError, respondJson, respondTooManyRequests, respondUnauthorized } from "./respond";

const BATON = "baton";
const WRONG_CREDENTIALS = "The client ID or secret is wrong, or was revoked by a rotation.";

const tokenRequestSchema = z.object({
  grant_type: z.literal("client_credentials").optional(),
  client_id: z.string().min(1).max(200),
  client_secret: z.string().min(1).max(200),
});

/** JSON or an OAuth-style form body, 8 KiB at most. */
async function readTokenRequest(request: Request): Promise<unknown> {
  const text = new TextDecoder().decode(await readLimitedBody(request, 8 * 1024, "token request"));
  if ((request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function handleTokenRequest(request: Request, deps: IngestApiDeps): Promise<Response> {
  let body: unknown;
  try {
    body = await readTokenRequest(request);
  } catch (error) {
    if (error instanceof UploadError) return respondError(error.status, error.kind, error.message);
    throw error;
  }
  const parsed = tokenRequestSchema.safeParse(body);
  if (!parsed.success) return respondError(400, "invalid_request", 'Send {"client_id": "...", "client_secret": "..."} as JSON.');
  const { client_id: clientId, client_secret: secret } = parsed.data;

  const now = deps.now();
  const byAddress = await deps.addressLimiter.take(clientAddress(request), now);
  if (!byAddress.ok) return respondTooManyRequests(byAddress.retryAfterSeconds);
  const byClient = await deps.tokenLimiter.take(clientId, now);
  if (!byClient.ok) return respondTooManyRequests(byClient.retryAfterSeconds);

  const connector = clientIdSchema.safeParse(clientId).success ? await findConnectorByClientId(clientId) : null;
  // Always compare, even for an unknown id: the answer takes the same time either way.
  const valid = verifyClientSecret(secret, connector?.clientSecretHash);
  if (!connector || !valid || connector.catalogId !== BATON || !connector.clientRotatedAt) return respondUnauthorized(WRONG_CREDENTIALS, "invalid_client");
  if (connector.disabled) return respondError(403, "connector_disabled", "This connector is disabled in Gatekeeper. Enable it before the runner can sync.");

  const { token, expiresAt } = signAccessToken({ connectorId: connector.id, clientId, rotatedAt: connector.clientRotatedAt.getTime() }, deps.tokenKey(), { now, ttlMs: deps.tokenTtlMs ?? ACCESS_TOKEN_TTL_MS });
  await recordRunnerContact(connector.id, { at: new Date(now) });
  return respondJson({
    access_token: token,
    token_type: "Bearer",
    expires_in: Math.floor((expiresAt - now) / 1000),
    connector: {
      id: connector.id,
      name: connector.displayName,
      app: connector.application.name,
      provider: connector.provider,
      provisioning: connector.provisioningEnabled,
      syncIntervalMinutes: connector.syncIntervalMinutes,
    },
  });
}

export type Authenticated = { ok: true; connector: SelfHostedConnector } | { ok: false; response: Response };

/** Bearer token → the connector it acts for, or the refusal to send back. */
export async function authenticate(request: Request, deps: IngestApiDeps): Promise<Authenticated> {
  const token = readBearerToken(request);
  if (!token) return { ok: false, response: respondUnauthorized("Send Authorization: Bearer <token> from POST /api/v1/token.") };
  const now = deps.now();
  const verified = verifyAccessToken(token, deps.tokenKey(), now);
  if (!verified.ok) {
    const message = verified.reason === "expired" ? "The access token has expired: get a new one from POST /api/v1/token." : "The access token is not valid.";
    return { ok: false, response: respondUnauthorized(message) };
  }
  const { claims } = verified;
  const limited = await deps.apiLimiter.take(claims.connectorId, now);
  if (!limited.ok) return { ok: false, response: respondTooManyRequests(limited.retryAfterSeconds) };
  const connector = await getSelfHostedConnector(claims.connectorId);
  // A rotation changes the client id and the rotation time: every older token stops here.
  const current = connector && connector.clientId === claims.clientId && connector.clientRotatedAt?.getTime() === claims.rotatedAt;
  if (!connector || !current) return { ok: false, response: respondUnauthorized("The access token was revoked by a rotation of the client credentials.") };
  if (connector.disabled) return { ok: false, response: respondError(403, "connector_disabled", "This connector is disabled in Gatekeeper.") };
  return { ok: true, connector };
}
