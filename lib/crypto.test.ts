import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashToken, maskSecret, open, parseKey, seal, verifyTokenHash } from "./crypto";

const key = randomBytes(32);

describe("crypto", () => {
  it("seals and opens a value, and the sealed text does not contain it", () => {
    const sealed = seal("tc-secret-api-key", key);
    expect(sealed).not.toContain("tc-secret-api-key");
    expect(open(sealed, key)).toBe("tc-secret-api-key");
  });

  it("uses a fresh IV each time", () => {
    expect(seal("same", key)).not.toBe(seal("same", key));
  });

  it("refuses to open with another key or a tampered value", () => {
    const sealed = seal("value", key);
    expect(() => open(sealed, randomBytes(32))).toThrow(/cannot be opened/);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => open(parts.join("."), key)).toThrow(/cannot be opened/);
  });

  it("parses base64 and hex keys and rejects wrong lengths", () => {
    expect(parseKey(key.toString("base64")).equals(key)).toBe(true);
    expect(parseKey(key.toString("hex")).equals(key)).toBe(true);
    expect(() => parseKey("c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseKey(undefined)).toThrow(/not set/);
  });

  it("verifies token hashes", () => {
    const hash = hashToken("abc");
    expect(verifyTokenHash("abc", hash)).toBe(true);
    expect(verifyTokenHash("abd", hash)).toBe(false);
  });

  it("masks all but the last four characters", () => {
    expect(maskSecret("cf-demo-token-1234")).toBe("••••••••1234");
    expect(maskSecret("short")).toBe("••••••••");
  });
});
