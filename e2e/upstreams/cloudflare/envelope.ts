// Cloudflare's response envelope ({ success, errors, messages, result, result_info }) and the
// error bodies the real API sends, with its codes. One place, so every route answers alike.

export type CloudflareErrorItem = { code: number; message: string; error_chain?: CloudflareErrorItem[] };

export type SimResponse = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sent as is instead of JSON.stringify(body) (the malformed-JSON fault). */
  raw?: string;
};

export function ok(result: unknown): SimResponse {
  return { status: 200, body: { success: true, errors: [], messages: [], result } };
}

export function okPage(items: unknown[], page: number, perPage: number, total: number): SimResponse {
  return {
    status: 200,
    body: {
      success: true,
      errors: [],
      messages: [],
      result: items,
      // count is this page's size; total_pages is not in the OpenAPI subset but the live API sends it.
      result_info: { page, per_page: perPage, count: items.length, total_count: total, total_pages: Math.ceil(total / perPage) },
    },
  };
}

export function fail(status: number, errors: CloudflareErrorItem[], headers?: Record<string, string>): SimResponse {
  return { status, headers, body: { success: false, errors, messages: [], result: null } };
}

/** Codes as the live API sends them; the last group is this simulator's choice where Cloudflare's is undocumented. */
export const CF_ERRORS = {
  invalidApiToken: { code: 1000, message: "Invalid API Token" },
  invalidRequestHeaders: { code: 6003, message: "Invalid request headers" },
  malformedJson: { code: 6007, message: "Malformed JSON in request body" },
  invalidEmailHeader: { code: 6102, message: "Invalid format for X-Auth-Email header" },
  invalidKeyHeader: { code: 6103, message: "Invalid format for X-Auth-Key header" },
  invalidAuthorizationHeader: { code: 6111, message: "Invalid format for Authorization header" },
  unknownKeyOrEmail: { code: 9103, message: "Unknown X-Auth-Key or X-Auth-Email" },
  missingAuthHeaders: { code: 9106, message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers" },
  invalidAccessToken: { code: 9109, message: "Invalid access token" },
  unauthorizedResource: { code: 9109, message: "Unauthorized to access requested resource" },
  authenticationError: { code: 10000, message: "Authentication error" },
  // The API's own 971 is below the spec's minimum code (1000); 1015 is Cloudflare's rate-limit error.
  rateLimited: { code: 1015, message: "You are being rate limited" },
  internal: { code: 10001, message: "Internal server error" },
  invalidParameter: { code: 1001, message: "Invalid request parameter" },
  memberNotFound: { code: 1002, message: "Member not found" },
  roleNotFound: { code: 1004, message: "Role not found" },
  noRoles: { code: 1005, message: "A member must have at least one role" },
} as const;

export function noRoute(path: string): SimResponse {
  return fail(404, [{ code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` }]);
}

export function invalidHeaders(cause: CloudflareErrorItem): SimResponse {
  return fail(400, [{ ...CF_ERRORS.invalidRequestHeaders, error_chain: [cause] }]);
}
