// Failures on purpose, set through POST /__control or the handle: each matches requests by
// method and path and fires `times` times (every time when absent).
import { z } from "zod";

export const faultSchema = z.object({
  kind: z.enum([
    /** Answers as if the credentials were wrong, with Cloudflare's codes for the method used. */
    "bad-credentials",
    /** 403 Authentication error (10000): the token lacks the permission (e.g. read-only token on a PUT). */
    "permission-denied",
    /** 429 with Retry-After. */
    "rate-limit",
    /** 5xx (500 unless `status`). */
    "server-error",
    /** Waits `delayMs` before answering normally. */
    "slow",
    /** 200 with a truncated JSON body. */
    "malformed-json",
    /** Answers normally, then a new invitation is added at the front of the member list. */
    "page-drift",
  ]),
  /** Substring of the path after /client/v4, e.g. "/members". Every path when absent. */
  path: z.string().optional(),
  method: z.enum(["GET", "PUT", "POST", "DELETE", "PATCH"]).optional(),
  times: z.number().int().positive().optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  delayMs: z.number().int().nonnegative().optional(),
  status: z.number().int().min(500).max(599).optional(),
});

export type Fault = z.infer<typeof faultSchema>;

export const controlSchema = z.object({
  /** Clears faults and request counts (and restores the seeded data with "state"). */
  reset: z.union([z.literal(true), z.literal("state")]).optional(),
  fault: faultSchema.optional(),
  faults: z.array(faultSchema).optional(),
  /** Sets when the API token expires (Verify Token's `expires_on`); null: never. */
  tokenExpiresOn: z.iso.datetime().nullable().optional(),
});

export type ControlRequest = z.infer<typeof controlSchema>;

/** Finds the first fault matching the request and uses up one of its `times`. */
export function takeFault(faults: Fault[], method: string, path: string): Fault | undefined {
  const index = faults.findIndex((fault) => (!fault.method || fault.method === method) && (!fault.path || path.includes(fault.path)));
  if (index < 0) return undefined;
  const fault = faults[index];
  if (fault.times !== undefined) {
    if (fault.times <= 1) faults.splice(index, 1);
    else faults[index] = { ...fault, times: fault.times - 1 };
  }
  return fault;
}
