// Private keys as people paste them, and client assertions Okta can verify.
import { createPublicKey, generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { demoOktaOAuthClient } from "@/e2e/upstreams/okta/auth";
import { clientAssertion } from "./auth";
import { parsePrivateKey } from "./keys";

const demo = demoOktaOAuthClient();
const oneLine = (pem: string) => pem.replace(/\n/g, "");

describe("parsePrivateKey", () => {
  it.each([
    ["PKCS#8 PEM", demo.privateKeyPem],
    ["PKCS#1 PEM", demo.privateKeyPkcs1Pem],
    ["a PEM whose newlines a one-line field removed", oneLine(demo.privateKeyPem)],
    ["a PEM with escaped \\n from a JSON copy", demo.privateKeyPem.replace(/\n/g, "\\n")],
    ["a PEM with spaces for newlines", demo.privateKeyPkcs1Pem.replace(/\n/g, " ")],
  ])("reads %s", (_, text) => {
    const key = parsePrivateKey(text);
    expect(typeof key).toBe("object");
    expect(typeof key === "object" && key.key.asymmetricKeyType).toBe("rsa");
  });

  it("reads a JWK and a one-key JWKS, keeping the kid", () => {
    expect(parsePrivateKey(JSON.stringify(demo.privateKeyJwk))).toMatchObject({ kid: demo.keyId });
    expect(parsePrivateKey(JSON.stringify({ keys: [demo.privateKeyJwk] }))).toMatchObject({ kid: demo.keyId });
  });

  it.each([
    ["the public JWK", JSON.stringify(demo.publicJwk), /no private part/],
    ["a public PEM", createPublicKey(demo.privateKeyPem).export({ type: "spki", format: "pem" }).toString(), /public key/],
    ["an EC key", generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString(), /RS256/],
    ["broken JSON", '{"kty":"RSA",', /does not parse/],
    ["a truncated PEM", demo.privateKeyPem.slice(0, 200) + "\n-----END PRIVATE KEY-----", /not a valid private key/],
    ["words", "my secret key", /PEM/],
  ])("refuses %s with a reason", (_, text, reason) => {
    expect(parsePrivateKey(text)).toMatch(reason);
  });
});

describe("clientAssertion", () => {
  it("is an RS256 JWT with iss = sub = client id, the token URL as aud, 5 minutes, a fresh jti", () => {
    const key = parsePrivateKey(demo.privateKeyPem);
    if (typeof key === "string") throw new Error(key);
    const now = Date.UTC(2026, 5, 2, 9, 0, 0);
    const jwt = clientAssertion("0oa1", key, "kid-1", "https://acme.okta.com/oauth2/v1/token", now);
    const [header, payload, signature] = jwt.split(".");
    expect(JSON.parse(Buffer.from(header, "base64url").toString())).toEqual({ alg: "RS256", typ: "JWT", kid: "kid-1" });
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    expect(claims).toMatchObject({ iss: "0oa1", sub: "0oa1", aud: "https://acme.okta.com/oauth2/v1/token", iat: now / 1000, exp: now / 1000 + 300 });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(verify("sha256", Buffer.from(`${header}.${payload}`), createPublicKey({ key: demo.publicJwk, format: "jwk" }), Buffer.from(signature, "base64url"))).toBe(true);
    expect(JSON.parse(Buffer.from(clientAssertion("0oa1", key, "kid-1", "a", now).split(".")[1], "base64url").toString()).jti).not.toBe(claims.jti);
  });
});
