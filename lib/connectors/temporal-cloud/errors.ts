// Turns the Ops API's error answers into named ConnectorErrors. The HTTP/JSON gateway answers
// with grpc-gateway's `{ code, message, details }`, but that is not verified against the live
// service and proxies in front of it answer HTML, so every mapper also copes with plain text.
import { z } from "zod";
import { ConnectorError } from "../types";

const gatewayErrorSchema = z.object({
  code: z.number().optional(),
  message: z.string().optional(),
});

/** gRPC status codes the gateway puts in `code`. */
const GRPC = { failedPrecondition: 9, aborted: 10 } as const;

/** A write whose spec equals the current one: the upstream says so with an error, we call it success. */
export class NothingToChangeError extends ConnectorError {
  constructor(message: string, status: number) {
    super("refused", message, { status });
    this.name = "NothingToChangeError";
  }
}

/** Optimistic concurrency: someone changed the user between our read and our write. */
export class StaleResourceVersionError extends ConnectorError {
  constructor(message: string, status: number) {
    super("conflict", message, { status, retryable: true });
    this.name = "StaleResourceVersionError";
  }
}

/** The upstream's own words, for messages the UI shows next to the failing field. */
export function upstreamMessage(body: unknown, text: string): string {
  const parsed = gatewayErrorSchema.safeParse(body);
  if (parsed.success && parsed.data.message) return parsed.data.message.trim();
  return text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim().slice(0, 200);
}

function grpcCode(body: unknown): number | undefined {
  const parsed = gatewayErrorSchema.safeParse(body);
  return parsed.success ? parsed.data.code : undefined;
}

const said = (message: string) => (message ? ` Temporal Cloud said: "${message}".` : "");

/** `onError` for every call: `requestJson` uses it for non-2xx answers (after its own retries for 5xx). */
export function mapTemporalError(status: number, body: unknown, text: string): ConnectorError | undefined {
  const message = upstreamMessage(body, text);
  const code = grpcCode(body);
  if (status === 401) {
    return new ConnectorError("unauthorized", `The API key is invalid or expired (HTTP 401).${said(message)} Create a new key in Temporal Cloud and paste it here.`, {
      field: "apiKey",
      status,
    });
  }
  if (status === 403) {
    return new ConnectorError(
      "forbidden",
      `The API key is invalid or expired, or its owner lacks the Account Admin role (HTTP 403).${said(message)}`,
      { field: "apiKey", status },
    );
  }
  if (/nothing to change/i.test(message)) return new NothingToChangeError(message, status);
  const versionWords = /resource[\s_-]?version/i.test(message);
  // Not every 409 is a stale version (AlreadyExists is 409 too): require Aborted or the words.
  if (code === GRPC.aborted || (versionWords && (status === 400 || status === 409 || code === GRPC.failedPrecondition))) {
    return new StaleResourceVersionError(`The user changed while this request was in flight.${said(message)}`, status);
  }
  if (status === 400 && /page[\s_-]?token/i.test(message)) {
    // An opaque token the server no longer accepts means the list moved under us.
    return new ConnectorError("conflict", `The list changed during the sync (its page token was refused). Run the sync again.${said(message)}`, {
      status,
      retryable: true,
    });
  }
  if (status === 404) return new ConnectorError("not_found", `Temporal Cloud has no such object.${said(message)}`, { status });
  if (status >= 500) {
    return new ConnectorError("upstream_unavailable", `Temporal Cloud kept failing (HTTP ${status}).${said(message)}`, {
      status,
      retryable: true,
    });
  }
  return new ConnectorError("refused", `Temporal Cloud refused the request (HTTP ${status}).${said(message)}`, { status });
}
