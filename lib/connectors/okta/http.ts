// Okta's own request function: the shared helper (../http) returns only the parsed body, and
// Okta needs the headers (Link paging, rate limits). Timeouts, bounded retries with backoff for
// 5xx and network failures, 429s that wait for X-Rate-Limit-Reset, pacing before a bucket runs
// out, and zod parsing of every answer.
import type { z } from "zod";
import { defaultRetryPolicy, type RetryPolicy } from "../http";
import { ConnectorError, type ConnectorContext } from "../types";
import type { RateLimiter, RateLimitPolicy } from "./rate-limit";

export type OktaFailure = { status: number; body: unknown; text: string; json: boolean; headers: Headers };

export type OktaCall<T> = {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** Absolute URL (a Link rel="next" is used as given). */
  url: string;
  /** Rate-limit bucket: the operation's path template, e.g. "GET /api/v1/groups/{groupId}/users". */
  bucket: string;
  headers: Record<string, string>;
  /**
   * Sent as application/x-www-form-urlencoded (the token endpoint). A function is called per
   * attempt: a retried token request needs a new client assertion (Okta spends each jti once).
   */
  form?: Record<string, string> | (() => Record<string, string>);
  schema: z.ZodType<T>;
  /** A non-2xx answer, or a 2xx that is not JSON, as a named error. */
  onError: (failure: OktaFailure) => ConnectorError;
  /** Network failures: which setting to name (the domain). */
  onNetworkError: (message: string, retryable: boolean) => ConnectorError;
};

export type OktaAnswer<T> = { data: T; status: number; headers: Headers };

export type OktaHttp = { retryPolicy?: RetryPolicy; timeoutMs?: number; limiter: RateLimiter; rateLimits: RateLimitPolicy };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function networkCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

export async function oktaRequest<T>(ctx: ConnectorContext, http: OktaHttp, call: OktaCall<T>): Promise<OktaAnswer<T>> {
  const sleep = ctx.sleep ?? defaultSleep;
  const policy = http.retryPolicy ?? defaultRetryPolicy;
  const method = call.method ?? "GET";
  const what = `${method} ${new URL(call.url).pathname}`;
  for (let attempt = 0; ; attempt++) {
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
    const canRetry = attempt < policy.maxRetries;
    if (ctx.pacing !== false) {
      const { waitMs, remaining, limit } = http.limiter.waitBefore(call.bucket);
      if (waitMs > http.rateLimits.maxWaitMs) {
        throw new ConnectorError("rate_limited", `Okta's rate limit for ${call.bucket} resets in ${Math.ceil(waitMs / 1000)} s, longer than we wait.`, { retryable: true });
      }
      if (waitMs > 0) {
        ctx.logger.info(`Okta: ${remaining} of ${limit} requests left for ${call.bucket}; waiting ${Math.ceil(waitMs / 1000)} s for the window to reset.`);
        await sleep(waitMs);
        http.limiter.forget(call.bucket);
      }
    }
    let response: Response;
    let text: string;
    const form = typeof call.form === "function" ? call.form() : call.form;
    try {
      const timeout = AbortSignal.timeout(http.timeoutMs ?? 30_000);
      response = await ctx.fetch(call.url, {
        method,
        headers: { accept: "application/json", ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}), ...call.headers },
        body: form ? new URLSearchParams(form).toString() : undefined,
        // A redirect means this is not an org's API (a login page, a marketing site).
        redirect: "manual",
        signal: ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout,
      });
      // Inside the try: a body that stops mid-way times out like a silent server.
      text = await response.text();
    } catch (error) {
      if (ctx.signal?.aborted) throw new ConnectorError("timeout", "The request was cancelled.", { cause: error });
      const code = networkCode(error);
      // An unknown host will not appear on retry: name the domain at once.
      if (code === "ENOTFOUND") throw call.onNetworkError(`the host does not resolve (${code})`, false);
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      if (canRetry) {
        ctx.logger.warn(`${what} ${timedOut ? "timed out" : "failed"}; retry ${attempt + 1} of ${policy.maxRetries}`);
        await sleep(backoff);
        continue;
      }
      if (timedOut) throw new ConnectorError("timeout", `Okta did not answer ${what} in time after ${attempt + 1} attempts.`, { retryable: true, cause: error });
      throw call.onNetworkError(`it could not be reached after ${attempt + 1} attempts: ${code ?? (error as Error).message}`, true);
    }
    http.limiter.record(call.bucket, response.headers);
    let body: unknown = undefined;
    let json = false;
    try {
      body = text ? JSON.parse(text) : undefined;
      json = text !== "";
    } catch {
      // Okta said JSON and sent something else: a broken answer, not a wrong host.
      if (/json/i.test(response.headers.get("content-type") ?? "")) {
        throw new ConnectorError("malformed_response", `Okta answered ${what} (${response.status}) with a body that is not valid JSON.`, { status: response.status });
      }
    }
    const failure: OktaFailure = { status: response.status, body, text, json, headers: response.headers };

    if (response.status === 429) {
      const wait = http.limiter.waitAfter429(response.headers) ?? backoff;
      if (canRetry && wait <= http.rateLimits.maxWaitMs) {
        ctx.logger.warn(`Okta rate limit on ${call.bucket}; waiting ${Math.ceil(wait / 1000)} s for the reset (retry ${attempt + 1} of ${policy.maxRetries})`);
        await sleep(Math.max(0, wait));
        http.limiter.forget(call.bucket);
        continue;
      }
      throw call.onError(failure);
    }
    if (response.status >= 500 && canRetry) {
      ctx.logger.warn(`${what} answered ${response.status}; retry ${attempt + 1} of ${policy.maxRetries}`);
      await sleep(backoff);
      continue;
    }
    if (response.status < 200 || response.status >= 300) throw call.onError(failure);
    if (response.status !== 204 && !json) throw call.onError(failure);
    const parsed = call.schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConnectorError("malformed_response", `Okta answered ${what} with an unexpected shape (${issue?.path.join(".") || "body"}: ${issue?.message}).`, {
        status: response.status,
      });
    }
    return { data: parsed.data, status: response.status, headers: response.headers };
  }
}
