// Failures on purpose, set through the options, the handle or POST /__control. Each matches
// requests by method, path substring and (with `paged`) only follow-up pages, lets `skip`
// matches through, then fires `times` times (every time when absent).
import { z } from "zod";

export const faultSchema = z.object({
  kind: z.enum([
    /** 5xx (500 unless `status`) with Okta's E0000009 body. */
    "server-error",
    /** Waits `delayMs` before answering normally. */
    "slow",
    /** 200 with a truncated JSON body. */
    "malformed",
    /** 200 with an HTML page: what a host that is not an Okta org (or a captive portal) answers. */
    "html",
    /** 429 E0000047 with X-Rate-Limit-Remaining 0 and a reset `resetSeconds` ahead (a "storm" with `times`). */
    "rate-limit",
    /** 404 E0000007: the page's resource vanished (a cursor that 404s). */
    "vanish",
    /** Answers normally, then deletes the group whose members were listed: its next page 404s. */
    "delete-group",
    /** 401 E0000011: the token was revoked. */
    "bad-token",
    /** 403 E0000006: the token lost a permission. */
    "forbidden",
  ]),
  /** Substring of the path, e.g. "/groups/" or "/oauth2/v1/token". Every path when absent. */
  path: z.string().optional(),
  method: z.enum(["GET", "PUT", "POST", "DELETE"]).optional(),
  /** Only requests carrying `after` (follow-up pages). */
  paged: z.boolean().optional(),
  skip: z.number().int().nonnegative().optional(),
  times: z.number().int().positive().optional(),
  status: z.number().int().min(500).max(599).optional(),
  delayMs: z.number().int().nonnegative().optional(),
  resetSeconds: z.number().int().nonnegative().optional(),
});

export type Fault = z.infer<typeof faultSchema>;

export const controlSchema = z.object({
  /** Clears faults, counts and rate-limit buckets ("state" also restores the seeded org). */
  reset: z.union([z.literal(true), z.literal("state")]).optional(),
  fault: faultSchema.optional(),
  faults: z.array(faultSchema).optional(),
});

export type ControlRequest = z.infer<typeof controlSchema>;

/** Finds the first fault matching the request and uses up one of its `skip` or `times`. */
export function takeFault(faults: Fault[], request: { method: string; path: string; paged: boolean }): Fault | undefined {
  const index = faults.findIndex(
    (f) => (!f.method || f.method === request.method) && (!f.path || request.path.includes(f.path)) && (!f.paged || request.paged),
  );
  if (index < 0) return undefined;
  const fault = faults[index];
  if (fault.skip) {
    faults[index] = { ...fault, skip: fault.skip - 1 };
    return undefined;
  }
  if (fault.times !== undefined) {
    if (fault.times <= 1) faults.splice(index, 1);
    else faults[index] = { ...fault, times: fault.times - 1 };
  }
  return fault;
}
