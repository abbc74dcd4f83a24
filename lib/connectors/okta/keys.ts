// The OAuth service app's private key, as people paste it: PEM (PKCS#8 or PKCS#1), a JWK, or
// the JWKS Okta's key generator shows. A one-line settings field strips a PEM's newlines, and
// JSON copies escape them as "\n", so the PEM is rebuilt before node:crypto reads it.
import { createPrivateKey, type JsonWebKey, type KeyObject } from "node:crypto";

export type SigningKey = { key: KeyObject; kid?: string };

const PEM = /-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/;

function rebuildPem(text: string): { label: string; pem: string } | undefined {
  const match = PEM.exec(text.replace(/\\n/g, "\n"));
  if (!match) return undefined;
  const body = match[2].replace(/\s+/g, "");
  const lines = body.match(/.{1,64}/g) ?? [];
  return { label: match[1], pem: `-----BEGIN ${match[1]}-----\n${lines.join("\n")}\n-----END ${match[1]}-----\n` };
}

function fromJwk(text: string): SigningKey | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "The private key looks like JSON but does not parse: paste the whole JWK.";
  }
  const keys = typeof value === "object" && value !== null && Array.isArray((value as { keys?: unknown }).keys) ? (value as { keys: unknown[] }).keys : [value];
  const privateKeys = keys.filter((k): k is JsonWebKey => typeof k === "object" && k !== null && typeof (k as JsonWebKey).d === "string");
  if (privateKeys.length === 0) return "This JWK has no private part (\"d\"): paste the private key, not the public one.";
  if (privateKeys.length > 1) return "This JWKS has more than one private key: paste the one registered for Gatekeeper.";
  try {
    const jwk = privateKeys[0];
    return { key: createPrivateKey({ key: jwk, format: "jwk" }), kid: typeof jwk.kid === "string" && jwk.kid ? jwk.kid : undefined };
  } catch (error) {
    return `The JWK is not a valid private key: ${(error as Error).message}`;
  }
}

/** The key and the kid it carries, or why it cannot sign Okta client assertions. */
export function parsePrivateKey(text: string): SigningKey | string {
  const trimmed = text.trim();
  let parsed: SigningKey | string;
  if (trimmed.startsWith("{")) parsed = fromJwk(trimmed);
  else {
    const pem = rebuildPem(trimmed);
    if (!pem) return "Paste the private key as PEM (-----BEGIN PRIVATE KEY----- …) or as a JWK.";
    if (pem.label.includes("PUBLIC")) return "This is a public key: paste the private key (its public half is what Okta holds).";
    if (pem.label.includes("ENCRYPTED")) return "This private key is encrypted with a passphrase: export it without one.";
    try {
      parsed = { key: createPrivateKey(pem.pem) };
    } catch (error) {
      return `The PEM is not a valid private key: ${(error as Error).message}`;
    }
  }
  if (typeof parsed === "string") return parsed;
  if (parsed.key.asymmetricKeyType !== "rsa") {
    return `This is an ${parsed.key.asymmetricKeyType?.toUpperCase() ?? "unknown"} key; Gatekeeper signs with RS256, so generate an RSA key (2048 bits or more) for the app.`;
  }
  return parsed;
}
