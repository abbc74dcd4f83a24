// The raw Ops API endpoints the connector calls and zod schemas of their answers (proto3 JSON:
// lowerCamelCase, enums as names, empty fields omitted, hence the defaults). Paths and shapes
// follow temporalio/api-cloud's protos as restated in shared/specs/temporal-cloud-ops-api.md.
import { z } from "zod";
import { defaultRetryPolicy, requestJson, type RetryPolicy } from "../http";
import type { ConnectorContext } from "../types";
import { mapTemporalError } from "./errors";
import type { TemporalCloudConfig } from "./settings";

/** The maximum the API allows; the fewest requests for a given organisation. */
export const PAGE_SIZE = 1000;

// Roles and permissions are enum names, but a gateway that meets an enum value its descriptor
// lacks prints the number: accept both and keep the raw value so a whole-spec write echoes it.
const enumValue = z.union([z.string(), z.number()]);

// Spec objects are loose: UpdateUser replaces the whole spec, so fields this code does not
// know yet must survive a read-modify-write instead of being silently erased.
const namespaceAccessSchema = z.looseObject({ permission: enumValue.optional(), permissionDeprecated: z.string().optional() });
type NamespaceAccess = z.infer<typeof namespaceAccessSchema>;

const isEnumValue = (value: unknown) => value === undefined || typeof value === "string" || typeof value === "number";
/**
 * The namespace map is checked in place rather than with z.record: rebuilding a map keyed by
 * thousands of distinct namespace names, for every user, cost more than the rest of a 1,000,000
 * grant sync (V8 grows a hidden class per new key combination). Same checks, no copy.
 */
const namespaceAccessesSchema = z.custom<Record<string, NamespaceAccess>>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(
      (entry: unknown) =>
        typeof entry === "object" &&
        entry !== null &&
        isEnumValue((entry as NamespaceAccess).permission) &&
        ((entry as NamespaceAccess).permissionDeprecated === undefined || typeof (entry as NamespaceAccess).permissionDeprecated === "string"),
    ),
  { message: "expected a map of namespace name to { permission }" },
);
const accessSchema = z.looseObject({
  accountAccess: z.looseObject({ role: enumValue.optional(), roleDeprecated: z.string().optional() }).optional(),
  namespaceAccesses: namespaceAccessesSchema.optional(),
});
export const userSpecSchema = z.looseObject({ email: z.string().optional(), access: accessSchema.optional() });

export const userSchema = z.object({
  id: z.string().min(1),
  resourceVersion: z.string().default(""),
  spec: userSpecSchema.default({}),
  state: z.string().default(""),
  invitation: z.object({ createdTime: z.string().optional(), expiredTime: z.string().optional() }).optional(),
  createdTime: z.string().optional(),
  lastModifiedTime: z.string().optional(),
});

export const namespaceSchema = z.object({
  namespace: z.string().min(1),
  resourceVersion: z.string().default(""),
  spec: z.looseObject({ name: z.string().optional(), regions: z.array(z.string()).optional(), retentionDays: z.number().optional() }).default({}),
  state: z.string().default(""),
  activeRegion: z.string().optional(),
});

export const serviceAccountSchema = z.object({
  id: z.string().min(1),
  resourceVersion: z.string().default(""),
  spec: z
    .looseObject({
      name: z.string().optional(),
      description: z.string().optional(),
      access: accessSchema.optional(),
      namespaceScopedAccess: z.looseObject({ namespace: z.string().optional(), access: namespaceAccessSchema.optional() }).optional(),
    })
    .default({}),
  state: z.string().default(""),
});

export const asyncOperationSchema = z.object({
  id: z.string().default(""),
  state: z.string().default(""),
  checkDuration: z.string().optional(),
  operationType: z.string().optional(),
  failureReason: z.string().optional(),
});

export type ApiUser = z.infer<typeof userSchema>;
export type ApiUserSpec = z.infer<typeof userSpecSchema>;
export type ApiNamespace = z.infer<typeof namespaceSchema>;
export type ApiServiceAccount = z.infer<typeof serviceAccountSchema>;
export type ApiAsyncOperation = z.infer<typeof asyncOperationSchema>;

const accountResponse = z.object({
  account: z.object({ id: z.string().min(1), state: z.string().optional(), resourceVersion: z.string().optional() }),
});
const usersPage = z.object({ users: z.array(userSchema).default([]), nextPageToken: z.string().default("") });
const namespacesPage = z.object({ namespaces: z.array(namespaceSchema).default([]), nextPageToken: z.string().default("") });
// The repeated field is `service_account` (singular) in the proto; `serviceAccounts` is accepted
// too in case a later API version fixes the name.
const serviceAccountsPage = z
  .object({
    serviceAccount: z.array(serviceAccountSchema).optional(),
    serviceAccounts: z.array(serviceAccountSchema).optional(),
    nextPageToken: z.string().default(""),
  })
  .transform((page) => ({ items: page.serviceAccount ?? page.serviceAccounts ?? [], nextPageToken: page.nextPageToken }));
const userResponse = z.object({ user: userSchema });
// A write answered without an operation has nothing left to wait for.
const writeResponse = z.object({ asyncOperation: asyncOperationSchema.optional(), userId: z.string().optional() });
const operationResponse = z.object({ asyncOperation: asyncOperationSchema });

export type Page<T> = { items: T[]; nextPageToken: string };

export type ApiTuning = { timeoutMs?: number; retryPolicy?: RetryPolicy; pacingIntervalMs?: number };

export type TemporalCloudApi = ReturnType<typeof createApi>;

export function createApi(config: TemporalCloudConfig, ctx: ConnectorContext, tuning: ApiTuning = {}) {
  const headers = { authorization: `Bearer ${config.apiKey}`, "temporal-cloud-api-version": config.apiVersion };
  const policy = tuning.retryPolicy ?? defaultRetryPolicy;
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Pacing (real host only) keeps a big sync well under the Ops API's per-account rate limit
  // instead of leaning on 429s; simulators and tests switch it off.
  const interval = ctx.pacing ? (tuning.pacingIntervalMs ?? 250) : 0;
  let lastCall = 0;

  async function call<T>(options: {
    method?: "GET" | "POST" | "DELETE";
    path: string;
    query?: Record<string, string | number | undefined>;
    body?: unknown;
    schema: z.ZodType<T>;
  }): Promise<T> {
    if (interval > 0) {
      const wait = lastCall + interval - Date.now();
      if (wait > 0) await sleep(wait);
      lastCall = Date.now();
    }
    return requestJson(ctx, { ...options, headers, onError: mapTemporalError, timeoutMs: tuning.timeoutMs }, policy);
  }

  const enc = encodeURIComponent;
  return {
    getAccount: () => call({ path: "/cloud/account", schema: accountResponse }).then((r) => r.account),
    listUsers: (pageToken: string): Promise<Page<ApiUser>> =>
      call({ path: "/cloud/users", query: { page_size: PAGE_SIZE, page_token: pageToken }, schema: usersPage }).then((r) => ({
        items: r.users,
        nextPageToken: r.nextPageToken,
      })),
    listNamespaces: (pageToken: string): Promise<Page<ApiNamespace>> =>
      call({ path: "/cloud/namespaces", query: { page_size: PAGE_SIZE, page_token: pageToken }, schema: namespacesPage }).then((r) => ({
        items: r.namespaces,
        nextPageToken: r.nextPageToken,
      })),
    listServiceAccounts: (pageToken: string): Promise<Page<ApiServiceAccount>> =>
      call({ path: "/cloud/service-accounts", query: { page_size: PAGE_SIZE, page_token: pageToken }, schema: serviceAccountsPage }),
    getUser: (userId: string) => call({ path: `/cloud/users/${enc(userId)}`, schema: userResponse }).then((r) => r.user),
    updateUser: (userId: string, spec: ApiUserSpec, resourceVersion: string, asyncOperationId: string) =>
      call({
        method: "POST",
        path: `/cloud/users/${enc(userId)}`,
        body: { spec, resource_version: resourceVersion, async_operation_id: asyncOperationId },
        schema: writeResponse,
      }),
    setUserNamespaceAccess: (namespace: string, userId: string, permission: string, resourceVersion: string, asyncOperationId: string) =>
      call({
        method: "POST",
        path: `/cloud/namespaces/${enc(namespace)}/users/${enc(userId)}/access`,
        body: { access: { permission }, resource_version: resourceVersion, async_operation_id: asyncOperationId },
        schema: writeResponse,
      }),
    createUser: (spec: ApiUserSpec, asyncOperationId: string) =>
      call({ method: "POST", path: "/cloud/users", body: { spec, async_operation_id: asyncOperationId }, schema: writeResponse }),
    deleteUser: (userId: string, resourceVersion: string, asyncOperationId: string) =>
      call({
        method: "DELETE",
        path: `/cloud/users/${enc(userId)}`,
        query: { resource_version: resourceVersion, async_operation_id: asyncOperationId },
        schema: writeResponse,
      }),
    getAsyncOperation: (id: string) => call({ path: `/cloud/operations/${enc(id)}`, schema: operationResponse }).then((r) => r.asyncOperation),
  };
}
