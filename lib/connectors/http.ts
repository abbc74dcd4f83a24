// The one HTTP helper adapters use: timeouts, bounded retries with backoff for 5xx and
// timeouts, Retry-After on 429 (bounded), optional pacing, and zod parsing of every body.
// Provider folders map upstream error bodies to named ConnectorErrors via `onError`.
import type { z } from "zod";
import { ConnectorError, type ConnectorContext } from "./types";

export type RequestOptions<T> = {
  method?: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
  path: string;
  query?: Record<string, string | number | undefined>;
  headers: Record<string, string>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Turns a non-2xx answer into a named error; return undefined to use the default. */
  onError?: (status: number, body: unknown, text: string) => ConnectorError | undefined;
  timeoutMs?: number;
};

export type RetryPolicy = {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we honour before giving up with rate_limited. */
  maxRetryAfterMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function buildUrl(baseUrl: string, path: string, query?: RequestOptions<unknown>["query"]) {
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") url.searchParams.set(key, String(value));
  }
  return url.toString();
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export async function requestJson<T>(
  ctx: ConnectorContext,
  options: RequestOptions<T>,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<T> {
  const sleep = ctx.sleep ?? defaultSleep;
  const url = buildUrl(ctx.baseUrl, options.path, options.query);
  for (let attempt = 0; ; attempt++) {
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    const canRetry = attempt < policy.maxRetries;
    let response: Response;
    try {
      const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
      response = await ctx.fetch(url, {
        method: options.method ?? "GET",
        headers: {
          accept: "application/json",
          ...(options.body === undefined ? {} : { "content-type": "application/json" }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout,
      });
    } catch (error) {
      if (ctx.signal?.aborted) throw new ConnectorError("timeout", "The request was cancelled.", { cause: error });
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      if (canRetry) {
        ctx.logger.warn(`${options.method ?? "GET"} ${options.path} ${timedOut ? "timed out" : "failed"}; retry ${attempt + 1} of ${policy.maxRetries}`);
        await sleep(backoff);
        continue;
      }
      throw new ConnectorError(
        timedOut ? "timeout" : "upstream_unavailable",
        timedOut
          ? `The upstream did not answer in time after ${attempt + 1} attempts.`
          : `The upstream could not be reached after ${attempt + 1} attempts: ${(error as Error).message}`,
        { retryable: true, cause: error },
      );
    }

    const text = await response.text();
    let body: unknown = undefined;
    let parsedJson = false;
    try {
      body = text ? JSON.parse(text) : {};
      parsedJson = true;
    } catch {
      /* handled below: non-JSON bodies are named errors, not crashes */
    }

    if (response.status === 429) {
      const wait = parseRetryAfter(response.headers.get("retry-after")) ?? backoff;
      if (canRetry && wait <= policy.maxRetryAfterMs) {
        ctx.logger.warn(`Rate limited on ${options.path}; waiting ${Math.round(wait / 1000)} s (retry ${attempt + 1} of ${policy.maxRetries})`);
        await sleep(wait);
        continue;
      }
      // Keep the upstream's own words (which limit, for how long): the person reads them.
      const said = options.onError?.(429, body, text)?.message ?? text.slice(0, 300);
      throw new ConnectorError("rate_limited", `The upstream kept answering 429 Too Many Requests after ${attempt + 1} attempts${said ? `: ${said}` : "."}`, {
        status: 429,
        retryable: true,
      });
    }
    if (response.status >= 500) {
      if (canRetry) {
        ctx.logger.warn(`${options.path} answered ${response.status}; retry ${attempt + 1} of ${policy.maxRetries}`);
        await sleep(backoff);
        continue;
      }
      const named = options.onError?.(response.status, body, text);
      throw named ?? new ConnectorError("upstream_unavailable", `The upstream answered ${response.status} after ${attempt + 1} attempts.`, {
        status: response.status,
        retryable: true,
      });
    }
    if (!response.ok) {
      const named = options.onError?.(response.status, body, text);
      throw named ?? new ConnectorError(
        response.status === 401 ? "unauthorized" : response.status === 403 ? "forbidden" : response.status === 404 ? "not_found" : "refused",
        `The upstream answered ${response.status}${text ? `: ${text.slice(0, 300)}` : ""}`,
        { status: response.status },
      );
    }
    if (!parsedJson) {
      throw new ConnectorError("malformed_response", `${options.path} answered with a body that is not JSON.`, { status: response.status });
    }
    const parsed = options.schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConnectorError(
        "malformed_response",
        `${options.path} answered with an unexpected shape (${issue?.path.join(".") || "body"}: ${issue?.message}).`,
        { status: response.status },
      );
    }
    return parsed.data;
  }
}
