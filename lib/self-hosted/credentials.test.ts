// Client credentials and access tokens, without a database: shapes, constant-time checks,
// expiry, tampering, and the rotation time bound into every token.
import { describe, expect, it } from "vitest";
import { hashToken } from "@/lib/crypto";
import { deriveTokenKey, readBearerToken, signAccessToken, verifyAccessToken } from "./access-token";
import { clientIdSchema, clientSecretSchema, generateClientCredentials, verifyClientSecret } from "./credentials";

describe("client credentials", () => {
  it("are a bc_ id and a bcs_ secret, stored as the secret's SHA-256 only", () => {
    const a = generateClientCredentials();
    const b = generateClientCredentials();
    expect(clientIdSchema.safeParse(a.clientId).success).toBe(true);
    expect(clientSecretSchema.safeParse(a.clientSecret).success).toBe(true);
    expect(a.secretHash).toBe(hashToken(a.clientSecret));
    expect(a.secretHash).not.toContain(a.clientSecret);
    expect(new Set([a.clientId, b.clientId, a.clientSecret, b.clientSecret]).size).toBe(4);
  });

  it("verify only the matching secret, and nothing against a missing hash", () => {
    const { clientSecret, secretHash } = generateClientCredentials();
    expect(verifyClientSecret(clientSecret, secretHash)).toBe(true);
    expect(verifyClientSecret(`${clientSecret}x`, secretHash)).toBe(false);
    expect(verifyClientSecret(generateClientCredentials().clientSecret, secretHash)).toBe(false);
    expect(verifyClientSecret(clientSecret, null)).toBe(false);
    expect(verifyClientSecret(clientSecret, "not-hex")).toBe(false);
  });
});

describe("access tokens", () => {
  const key = deriveTokenKey("session-secret");
  const claims = { connectorId: "c1", clientId: "bc_0123456789abcdef01234567", rotatedAt: 1_700_000_000_000 };
  const now = 1_800_000_000_000;

  it("carry the connector, client id and rotation time until they expire", () => {
    const { token, expiresAt } = signAccessToken(claims, key, { now, ttlMs: 60_000 });
    expect(expiresAt).toBe(now + 60_000);
    expect(verifyAccessToken(token, key, now)).toEqual({ ok: true, claims: { ...claims, expiresAt } });
    expect(verifyAccessToken(token, key, now + 59_999).ok).toBe(true);
    expect(verifyAccessToken(token, key, now + 60_000)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuse a token signed with another key (a different NEXTAUTH_SECRET, or the session key itself)", () => {
    const { token } = signAccessToken(claims, key, { now });
    expect(verifyAccessToken(token, deriveTokenKey("other-secret"), now)).toEqual({ ok: false, reason: "signature" });
    expect(verifyAccessToken(token, Buffer.from("session-secret"), now)).toEqual({ ok: false, reason: "signature" });
  });

  it("refuse any tampering: another connector, a later rotation, a longer life, a cut signature", () => {
    const { token } = signAccessToken(claims, key, { now });
    const [prefix, payload, signature] = token.split(".");
    const body = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    for (const change of [{ c: "c2" }, { r: claims.rotatedAt + 1 }, { e: now + 10 ** 9 }]) {
      const forged = Buffer.from(JSON.stringify({ ...body, ...change })).toString("base64url");
      expect(verifyAccessToken(`${prefix}.${forged}.${signature}`, key, now)).toEqual({ ok: false, reason: "signature" });
    }
    expect(verifyAccessToken(`${prefix}.${payload}.${signature.slice(0, -2)}`, key, now)).toEqual({ ok: false, reason: "signature" });
    for (const garbage of ["", "gat1", "gat1..", "Bearer x", `gat2.${payload}.${signature}`, `${token}.x`]) {
      expect(verifyAccessToken(garbage, key, now)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  it("are read from a Bearer header only", () => {
    const request = (authorization?: string) => new Request("http://x/", { headers: authorization ? { authorization } : {} });
    expect(readBearerToken(request("Bearer abc.def"))).toBe("abc.def");
    expect(readBearerToken(request("bearer abc"))).toBe("abc");
    expect(readBearerToken(request("Basic abc"))).toBeNull();
    expect(readBearerToken(request())).toBeNull();
  });
});
