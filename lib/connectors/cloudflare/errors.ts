// Cloudflare error envelopes → named ConnectorErrors that point at the settings field at fault
// and keep Cloudflare's own words. Codes are Cloudflare's: they say more than the HTTP status.
import { z } from "zod";
import { ConnectorError } from "../types";
import { credentialField, type CloudflareAuth } from "./settings";

type CloudflareMessage = { code?: number; message: string; error_chain?: CloudflareMessage[] };

const messageSchema: z.ZodType<CloudflareMessage> = z.lazy(() =>
  z.object({
    code: z.number().optional(),
    message: z.string(),
    // Not in the OpenAPI subset, but Cloudflare nests the precise cause here (6003 → 6111).
    error_chain: z.array(messageSchema).optional(),
  }),
);
const failureSchema = z.object({ errors: z.array(messageSchema) });

export const CODES = {
  invalidApiToken: 1000,
  invalidHeaders: 6003,
  invalidEmailHeader: 6102,
  invalidKeyHeader: 6103,
  invalidAuthorizationHeader: 6111,
  noRoute: 7003,
  unknownKeyOrEmail: 9103,
  missingAuthHeaders: 9106,
  unauthorizedOrInvalidToken: 9109,
  authenticationError: 10000,
} as const;

/** What the failed request was about: decides which field a 403/404 points at. */
export type ErrorSubject = "token" | "account" | "list" | "member" | "update";

export type ErrorContext = { auth: Pick<CloudflareAuth, "method">; subject: ErrorSubject; id?: string };

function flatten(messages: CloudflareMessage[]): CloudflareMessage[] {
  return messages.flatMap((m) => [m, ...flatten(m.error_chain ?? [])]);
}

/** "Invalid request headers (6003): Invalid format for Authorization header (6111)" */
export function describeCloudflareErrors(body: unknown, text: string): { codes: number[]; message: string } {
  const parsed = failureSchema.safeParse(body);
  if (!parsed.success || parsed.data.errors.length === 0) return { codes: [], message: text.slice(0, 300) || "no details" };
  const all = flatten(parsed.data.errors);
  return {
    codes: all.flatMap((m) => (m.code === undefined ? [] : [m.code])),
    message: all.map((m) => (m.code === undefined ? m.message : `${m.message} (${m.code})`)).join(": "),
  };
}

export function mapCloudflareError(status: number, body: unknown, text: string, context: ErrorContext): ConnectorError | undefined {
  const { codes, message } = describeCloudflareErrors(body, text);
  const upstream = `Cloudflare answered ${status}: ${message}`;
  const has = (code: number) => codes.includes(code);
  const secretField = credentialField(context.auth);
  const options = (field?: string) => ({ status, field });

  if (status >= 500) {
    return new ConnectorError("upstream_unavailable", `${upstream}. Gave up after retries.`, { status, retryable: true });
  }
  // Malformed credential headers: the chain says which header.
  if (has(CODES.invalidEmailHeader)) return new ConnectorError("unauthorized", upstream, options("email"));
  if (has(CODES.invalidKeyHeader)) return new ConnectorError("unauthorized", upstream, options("apiKey"));
  if (has(CODES.invalidAuthorizationHeader)) return new ConnectorError("unauthorized", upstream, options("apiToken"));
  if (has(CODES.invalidApiToken)) return new ConnectorError("unauthorized", upstream, options("apiToken"));
  if (has(CODES.unknownKeyOrEmail)) {
    return new ConnectorError("unauthorized", `${upstream}. Check the Email ID and the Global API key.`, options("apiKey"));
  }
  if (has(CODES.invalidHeaders) || has(CODES.missingAuthHeaders)) return new ConnectorError("unauthorized", upstream, options(secretField));
  if (has(CODES.unauthorizedOrInvalidToken) && /invalid access token/i.test(message)) {
    return new ConnectorError("unauthorized", upstream, options(secretField));
  }
  if (status === 404 || has(CODES.noRoute)) {
    if (context.subject === "member") return new ConnectorError("not_found", `No member ${context.id ?? ""} in this account. ${upstream}`, { status });
    if (context.subject === "update") return new ConnectorError("not_found", `The member or role is not in this account. ${upstream}`, { status });
    return new ConnectorError("not_found", `${upstream}. Check the Account ID.`, options("accountId"));
  }
  if (status === 401) return new ConnectorError("unauthorized", upstream, options(secretField));
  if (status === 403 || has(CODES.unauthorizedOrInvalidToken) || has(CODES.authenticationError)) {
    // The credentials authenticated (a bad one is caught above), so reading the account itself
    // failing means this account is not theirs; anything else is a missing permission.
    if (context.subject === "account") {
      return new ConnectorError("forbidden", `${upstream}. Check the Account ID, and that the credentials can read this account.`, options("accountId"));
    }
    const hint =
      context.subject === "update" ? "Provisioning needs Account Settings: Edit." : "Reading members needs Account Settings: Read.";
    return new ConnectorError("forbidden", `${upstream}. ${hint}`, options(secretField));
  }
  if (status === 409) return new ConnectorError("conflict", upstream, { status });
  return new ConnectorError("refused", upstream, { status });
}
