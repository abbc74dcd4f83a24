// Client credentials of a self-hosted connector. The secret is shown once, right after
// Rotate; only its SHA-256 is stored (it is 256 random bits, so a slow hash buys nothing).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { hashToken, randomToken, verifyTokenHash } from "@/lib/crypto";

export const CLIENT_ID_PREFIX = "bc_";
export const CLIENT_SECRET_PREFIX = "bcs_";

export const clientIdSchema = z.string().regex(/^bc_[0-9a-f]{24}$/, "Not a Gatekeeper client ID.");
export const clientSecretSchema = z.string().regex(/^bcs_[\w-]{43}$/, "Not a Gatekeeper client secret.");

export type GeneratedCredentials = { clientId: string; clientSecret: string; secretHash: string };

export function generateClientCredentials(): GeneratedCredentials {
  const clientId = `${CLIENT_ID_PREFIX}${randomBytes(12).toString("hex")}`;
  // Prefixed so a leaked secret is recognisable in logs and by secret scanners.
  const clientSecret = `${CLIENT_SECRET_PREFIX}${randomToken(32)}`;
  return { clientId, clientSecret, secretHash: hashToken(clientSecret) };
}

// Compared against when the client id is unknown, so both cases cost the same time.
const UNKNOWN_CLIENT_HASH = hashToken(`unknown-${randomToken(16)}`);

/** Constant-time check of a presented secret against the stored hash (or none). */
export function verifyClientSecret(secret: string, storedHash: string | null | undefined): boolean {
  const matches = verifyTokenHash(secret, storedHash ?? UNKNOWN_CLIENT_HASH);
  return matches && Boolean(storedHash);
}
