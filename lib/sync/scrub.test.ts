import { describe, expect, it } from "vitest";
import { createScrubber, secretValues } from "./scrub";

const connector = { settings: { schema: undefined as never, fields: [{ name: "apiKey", label: "API key", secret: true }, { name: "accountId", label: "Account" }] } };

describe("secret scrubbing", () => {
  it("finds the values of secret fields and of fields named like secrets", () => {
    expect(secretValues(connector, { apiKey: "tc-key-123", accountId: "acc-1", nested: { password: "hunter22" }, short: "x" }).sort()).toEqual(["hunter22", "tc-key-123"]);
    expect(secretValues(connector, null)).toEqual([]);
  });

  it("replaces secrets in their raw, URL-encoded, base64 and JSON-escaped forms", () => {
    const secret = 'k/ey+"with"=chars';
    const scrub = createScrubber([secret]);
    const message = `raw ${secret} url ${encodeURIComponent(secret)} b64 ${Buffer.from(secret).toString("base64")} json ${JSON.stringify({ secret })}`;
    const scrubbed = scrub(message);
    expect(scrubbed).not.toContain("with");
    expect(scrubbed.match(/\[redacted\]/g)).toHaveLength(4);
  });

  it("masks bearer credentials even when the secret is not known", () => {
    expect(createScrubber([])("GET /x with Authorization: Bearer abcdefghijk123")).toBe("GET /x with Authorization: Bearer [redacted]");
  });
});
