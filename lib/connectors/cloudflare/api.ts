// Raw Cloudflare API v4 endpoints the adapter calls, and zod schemas of their answers
// (shapes from the official OpenAPI subset: e2e/upstreams/cloudflare/openapi-subset.json).
// Schemas hold what the adapter uses; unknown keys are ignored so Cloudflare may add fields.
// A field the subset marks optional or nullable reads null and absence alike, as a default:
// such an answer is valid, so it must never fail a sync. Required fields stay required.
import { z } from "zod";
import { requestJson, type RetryPolicy } from "../http";
import type { ConnectorContext } from "../types";
import { mapCloudflareError, type ErrorSubject } from "./errors";
import { authHeaders, type CloudflareAuth } from "./settings";

/** The largest page List Members allows (OpenAPI: per_page maximum 50). */
export const PAGE_SIZE = 50;

/** Optional or nullable in the subset: null and absence read as `fallback()`. */
const orDefault = <T extends z.ZodType>(schema: T, fallback: () => z.output<T>) =>
  schema.nullish().transform((value): z.output<T> => value ?? fallback());
/** Optional, read as undefined when null or absent (for numbers where 0 would mean something). */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value): z.output<T> | undefined => value ?? undefined);

const messages = z.array(z.object({ code: z.number(), message: z.string() }));
const envelope = <T extends z.ZodType>(result: T) =>
  z.object({ success: z.literal(true), errors: messages, messages, result });

export const resultInfoSchema = z.object({
  page: optional(z.number()),
  per_page: optional(z.number()),
  count: optional(z.number()),
  total_count: optional(z.number()),
  // Not in the OpenAPI subset, but the live API sends it; used when present.
  total_pages: optional(z.number()),
});
// Every field may be missing: parsed answers and hand-made pages (tests) alike.
export type ResultInfo = Partial<z.infer<typeof resultInfoSchema>>;

const collection = <T extends z.ZodType>(item: T) =>
  envelope(orDefault(z.array(item), () => [])).extend({ result_info: optional(resultInfoSchema) });

export const roleSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  // Required by the subset, yet only shown to people: a role without one still syncs.
  description: orDefault(z.string(), () => ""),
});
export type CloudflareRole = z.infer<typeof roleSchema>;

const memberUserSchema = z.object({
  // Empty or absent on pending invitations: the user has no Cloudflare identity yet.
  id: orDefault(z.string(), () => ""),
  email: z.string(),
  // Nullable in the subset: null is "not given", and so is absence.
  first_name: z.string().nullish().transform((name) => name ?? null),
  last_name: z.string().nullish().transform((name) => name ?? null),
  // The subset's default.
  two_factor_authentication_enabled: orDefault(z.boolean(), () => false),
});

// Every field of a member is optional in the subset. Without an id or a known status a member
// cannot be addressed or classified: it reads as "" and the sync skips it with a warning.
export const memberSchema = z.object({
  id: orDefault(z.string(), () => ""),
  // accepted | pending in the spec; kept open so a new status is skipped, not a failed sync.
  status: orDefault(z.string(), () => ""),
  user: orDefault(memberUserSchema, () => ({ id: "", email: "", first_name: null, last_name: null, two_factor_authentication_enabled: false })),
  // Members on the newer policy model may have no roles at all.
  roles: orDefault(z.array(roleSchema), () => []),
});
export type CloudflareMember = z.infer<typeof memberSchema>;

// The subset declares the account result as any object: check falls back to the configured id.
export const accountSchema = envelope(z.object({ id: optional(z.string()), name: optional(z.string()) }));
// expires_on is optional in the spec and null on some live answers: both mean "never expires".
export const tokenVerifySchema = envelope(z.object({ id: z.string(), status: z.string(), expires_on: z.iso.datetime({ offset: true }).nullish() }));
export const memberListSchema = collection(memberSchema);
export const roleListSchema = collection(roleSchema);
export const memberDetailSchema = envelope(memberSchema);

export type ApiOptions = { retryPolicy?: RetryPolicy; timeoutMs?: number };

/** One authenticated caller bound to an account: every endpoint below goes through it. */
export function cloudflareApi(auth: CloudflareAuth, ctx: ConnectorContext, options: ApiOptions = {}) {
  const account = `/accounts/${encodeURIComponent(auth.accountId)}`;
  const call = <T>(
    subject: ErrorSubject,
    request: { method?: "GET" | "PUT"; path: string; query?: Record<string, number>; body?: unknown; schema: z.ZodType<T>; id?: string },
  ) =>
    requestJson(
      ctx,
      {
        method: request.method,
        path: request.path,
        query: request.query,
        body: request.body,
        schema: request.schema,
        headers: authHeaders(auth),
        timeoutMs: options.timeoutMs,
        onError: (status, body, text) => mapCloudflareError(status, body, text, { auth, subject, id: request.id }),
      },
      options.retryPolicy,
    );

  return {
    /** GET /user/tokens/verify: API tokens only. */
    verifyToken: () => call("token", { path: "/user/tokens/verify", schema: tokenVerifySchema }),
    /** GET /accounts/{account_id} */
    getAccount: () => call("account", { path: account, schema: accountSchema }),
    /** GET /accounts/{account_id}/members?page=&per_page=50 */
    listMembers: (page: number) =>
      call("list", { path: `${account}/members`, query: { page, per_page: PAGE_SIZE }, schema: memberListSchema }),
    /** GET /accounts/{account_id}/roles?page=&per_page=50 */
    listRoles: (page: number) =>
      call("list", { path: `${account}/roles`, query: { page, per_page: PAGE_SIZE }, schema: roleListSchema }),
    /** GET /accounts/{account_id}/members/{member_id} */
    getMember: (memberId: string) =>
      call("member", { path: `${account}/members/${encodeURIComponent(memberId)}`, schema: memberDetailSchema, id: memberId }),
    /**
     * PUT /accounts/{account_id}/members/{member_id} with "Update Member with Account Roles":
     * the complete roles list, each as `{ id }` (name, description and permissions are readOnly
     * in the spec, so they are not sent).
     */
    updateMemberRoles: (memberId: string, roleIds: string[]) =>
      call("update", {
        method: "PUT",
        path: `${account}/members/${encodeURIComponent(memberId)}`,
        body: { roles: roleIds.map((id) => ({ id })) },
        schema: memberDetailSchema,
        id: memberId,
      }),
  };
}

export type CloudflareApi = ReturnType<typeof cloudflareApi>;
