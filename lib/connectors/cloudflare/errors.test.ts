// Cloudflare error bodies → named errors: each documented code points at its settings field.
import { describe, expect, it } from "vitest";
import { mapCloudflareError, type ErrorSubject } from "./errors";

const body = (...errors: { code: number; message: string; error_chain?: { code: number; message: string }[] }[]) => ({
  success: false,
  errors,
  messages: [],
  result: null,
});
const token = { method: "api-token" } as const;
const key = { method: "email-api-key" } as const;

describe("mapCloudflareError", () => {
  it.each([
    ["1000 invalid API token", 401, body({ code: 1000, message: "Invalid API Token" }), token, "token", "unauthorized", "apiToken"],
    ["6003 → 6111 Authorization format", 400, body({ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }] }), token, "account", "unauthorized", "apiToken"],
    ["6003 → 6102 email format", 400, body({ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6102, message: "Invalid format for X-Auth-Email header" }] }), key, "account", "unauthorized", "email"],
    ["6003 → 6103 key format", 400, body({ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6103, message: "Invalid format for X-Auth-Key header" }] }), key, "account", "unauthorized", "apiKey"],
    ["6003 alone (key auth)", 400, body({ code: 6003, message: "Invalid request headers" }), key, "list", "unauthorized", "apiKey"],
    ["9103 unknown key or email", 403, body({ code: 9103, message: "Unknown X-Auth-Key or X-Auth-Email" }), key, "account", "unauthorized", "apiKey"],
    ["9106 missing headers", 400, body({ code: 9106, message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers" }), token, "list", "unauthorized", "apiToken"],
    ["9109 invalid access token", 403, body({ code: 9109, message: "Invalid access token" }), token, "list", "unauthorized", "apiToken"],
    ["9109 foreign account", 403, body({ code: 9109, message: "Unauthorized to access requested resource" }), token, "account", "forbidden", "accountId"],
    ["10000 on the account", 403, body({ code: 10000, message: "Authentication error" }), token, "account", "forbidden", "accountId"],
    ["10000 on a write", 403, body({ code: 10000, message: "Authentication error" }), token, "update", "forbidden", "apiToken"],
    ["10000 on a list (key)", 403, body({ code: 10000, message: "Authentication error" }), key, "list", "forbidden", "apiKey"],
    ["7003 no route for the account", 404, body({ code: 7003, message: "Could not route to /accounts/x" }), token, "account", "not_found", "accountId"],
    ["404 member", 404, body({ code: 1002, message: "Member not found" }), token, "member", "not_found", undefined],
    ["409", 409, body({ code: 1010, message: "Conflict" }), token, "update", "conflict", undefined],
    ["400 other", 400, body({ code: 1001, message: "Invalid request parameter" }), token, "update", "refused", undefined],
    ["401 without a body", 401, {}, key, "list", "unauthorized", "apiKey"],
    ["5xx after retries", 502, "<html>Bad gateway</html>", token, "list", "upstream_unavailable", undefined],
  ] as const)("%s", (_, status, errorBody, auth, subject, kind, field) => {
    const text = typeof errorBody === "string" ? errorBody : JSON.stringify(errorBody);
    const error = mapCloudflareError(status, errorBody, text, { auth, subject: subject as ErrorSubject });
    expect({ kind: error?.kind, status: error?.options.status, field: error?.field }).toEqual({ kind, status, field });
  });

  it("keeps Cloudflare's messages and codes, chain included", () => {
    const error = mapCloudflareError(
      400,
      body({ code: 6003, message: "Invalid request headers", error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }] }),
      "",
      { auth: token, subject: "account" },
    );
    expect(error?.message).toBe("Cloudflare answered 400: Invalid request headers (6003): Invalid format for Authorization header (6111)");
  });
});
