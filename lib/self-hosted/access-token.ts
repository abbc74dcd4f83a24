// Short-lived access tokens for the ingest API: HMAC-SHA256 over the connector, the client id
// and the moment its secret was rotated. Verification re-reads that moment from the database,
// so Rotate revokes every token of the previous secret at once, with no token table.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const ACCESS_TOKEN_TTL_MS = 15 * 60_000;
const PREFIX = "gat1";

export type AccessClaims = { connectorId: string; clientId: string; rotatedAt: number; expiresAt: number };

const claimsSchema = z.object({
  c: z.string().min(1).max(64),
  k: z.string().min(1).max(64),
  r: z.number().int().nonnegative(),
  e: z.number().int().positive(),
});

/** A key of its own, derived from the session secret: a session token is never an API token. */
export function deriveTokenKey(secret: string): Buffer {
  if (!secret) throw new Error("A secret is needed to sign access tokens (NEXTAUTH_SECRET).");
  return Buffer.from(hkdfSync("sha256", secret, "gatekeeper", "self-hosted access token v1", 32));
}

function sign(payload: string, key: Buffer) {
  return createHmac("sha256", key).update(`${PREFIX}.${payload}`).digest();
}

export function signAccessToken(
  claims: Omit<AccessClaims, "expiresAt">,
  key: Buffer,
  options: { now?: number; ttlMs?: number } = {},
): { token: string; expiresAt: number } {
  const expiresAt = (options.now ?? Date.now()) + (options.ttlMs ?? ACCESS_TOKEN_TTL_MS);
  const payload = Buffer.from(JSON.stringify({ c: claims.connectorId, k: claims.clientId, r: claims.rotatedAt, e: expiresAt })).toString("base64url");
  return { token: `${PREFIX}.${payload}.${sign(payload, key).toString("base64url")}`, expiresAt };
}

export type VerifiedToken = { ok: true; claims: AccessClaims } | { ok: false; reason: "malformed" | "signature" | "expired" };

/** Signature and expiry only; the caller still checks the claims against the connector row. */
export function verifyAccessToken(token: string, key: Buffer, now = Date.now()): VerifiedToken {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== PREFIX || !parts[1] || !parts[2]) return { ok: false, reason: "malformed" };
  const [, payload, signature] = parts;
  const expected = sign(payload, key);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "signature" };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = claimsSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  const { c, k, r, e } = parsed.data;
  if (e <= now) return { ok: false, reason: "expired" };
  return { ok: true, claims: { connectorId: c, clientId: k, rotatedAt: r, expiresAt: e } };
}

/** The token from "Authorization: Bearer <token>", or null. */
export function readBearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  return match ? match[1] : null;
}
