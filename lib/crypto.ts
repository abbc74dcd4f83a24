// AES-256-GCM sealing of stored secrets, and hashing of tokens and client secrets.
// A sealed value is "v1.<iv>.<tag>.<ciphertext>" (base64url), so a future key rotation can
// tell versions apart.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

export class KeyError extends Error {
  name = "KeyError";
}

export function parseKey(raw: string | undefined): Buffer {
  if (!raw) throw new KeyError("ENCRYPTION_KEY is not set: give it 32 random bytes, base64 or hex (openssl rand -base64 32).");
  const trimmed = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new KeyError("ENCRYPTION_KEY must be 32 bytes, written as base64 or 64 hex characters.");
  return key;
}

function currentKey() {
  return parseKey(getEnv().ENCRYPTION_KEY);
}

export function seal(plaintext: string, key: Buffer = currentKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function open(sealed: string, key: Buffer = currentKey()): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) throw new KeyError("Not a sealed value.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new KeyError("The sealed value cannot be opened with this ENCRYPTION_KEY.");
  }
}

export function sealJson(value: unknown, key?: Buffer) {
  return seal(JSON.stringify(value), key);
}

export function openJson<T>(sealed: string, key?: Buffer): T {
  return JSON.parse(open(sealed, key)) as T;
}

/** For high-entropy tokens (set-password links, client secrets): SHA-256 is enough. */
export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export function verifyTokenHash(token: string, hash: string) {
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export function randomToken(bytes = 32) {
  return randomBytes(bytes).toString("base64url");
}

/** The last four characters at most, for showing a stored secret. */
export function maskSecret(value: string) {
  const tail = value.length > 8 ? value.slice(-4) : "";
  return `••••••••${tail}`;
}
