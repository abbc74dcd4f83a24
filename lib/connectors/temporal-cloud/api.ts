// The raw Ops API endpoints the connector calls and zod schemas of their answers. Paths and
// shapes follow temporalio/api-cloud's protos as restated in shared/specs/temporal-cloud-ops-api.md.
// Every schema is built from proto3.ts, so an answer with every field written out (grpc-gateway's
// EmitUnpopulated: nulls, "", [], zero enums) reads the same as one with empty fields left out.
import { z } from "zod";
import { defaultRetryPolicy, requestJson, type RetryPolicy } from "../http";
import type { ConnectorContext } from "../types";
import { mapTemporalError } from "./errors";
import { p3 } from "./proto3";
import type { TemporalCloudConfig } from "./settings";

/** The maximum the API allows; the fewest requests for a given organisation. */
export const PAGE_SIZE = 1000;

// Enum values in declaration order (index = number), from the protos: a gateway may send the
// number instead of the name, and the zero value means "not set".
const ROLE = ["ROLE_UNSPECIFIED", "ROLE_OWNER", "ROLE_ADMIN", "ROLE_DEVELOPER", "ROLE_FINANCE_ADMIN", "ROLE_READ"];
const PERMISSION = ["PERMISSION_UNSPECIFIED", "PERMISSION_ADMIN", "PERMISSION_WRITE", "PERMISSION_READ"];
const RESOURCE_STATE = ["ACTIVATING", "ACTIVATION_FAILED", "ACTIVE", "UPDATING", "UPDATE_FAILED", "DELETING", "DELETE_FAILED", "DELETED", "SUSPENDED", "EXPIRED"];
const resourceState = () => p3.enum(["UNSPECIFIED", ...RESOURCE_STATE].map((name) => `RESOURCE_STATE_${name}`));
const OPERATION_STATE = ["STATE_UNSPECIFIED", "STATE_PENDING", "STATE_IN_PROGRESS", "STATE_FAILED", "STATE_CANCELLED", "STATE_FULFILLED"];

// An object without its id cannot be synced or written: a named error, not a record keyed "".
const id = () => p3.string({ minLength: 1 });

// Spec objects are loose: UpdateUser replaces the whole spec, so fields this code does not
// know yet must survive a read-modify-write instead of being silently erased. They are read in
// place; the `*Deprecated` strings (older API versions carry the value there instead of the
// enum) are optional so a compact answer's objects are left exactly as they came: a million
// namespace accesses gaining a key each made the sync's JSON.parse itself twice as slow.
const namespaceAccessSchema = p3.loose({ permissionDeprecated: p3.string().optional(), permission: p3.enum(PERMISSION) });
const accessSchema = p3.loose({
  accountAccess: p3.optional(p3.loose({ roleDeprecated: p3.string().optional(), role: p3.enum(ROLE) })),
  namespaceAccesses: p3.map(p3.orEmpty(namespaceAccessSchema)),
});
export const userSpecSchema = p3.loose({ email: p3.string(), access: p3.optional(accessSchema) });

export const userSchema = p3.message({
  id: id(),
  resourceVersion: p3.string(),
  spec: p3.orEmpty(userSpecSchema),
  stateDeprecated: p3.string(),
  state: resourceState(),
  asyncOperationId: p3.string(),
  // Set only while an invitation is open: null (or absent) is a user who accepted long ago.
  invitation: p3.optional(p3.message({ createdTime: p3.timestamp(), expiredTime: p3.timestamp() })),
  createdTime: p3.timestamp(),
  lastModifiedTime: p3.timestamp(),
});

export const namespaceSchema = p3.message({
  namespace: id(),
  resourceVersion: p3.string(),
  spec: p3.orEmpty(p3.loose({ name: p3.string(), regions: p3.repeated(p3.string()), retentionDays: p3.int32() })),
  stateDeprecated: p3.string(),
  state: resourceState(),
  activeRegion: p3.string(),
});

export const serviceAccountSchema = p3.message({
  id: id(),
  resourceVersion: p3.string(),
  spec: p3.orEmpty(
    p3.loose({
      name: p3.string(),
      description: p3.string(),
      // One of the two is set: account-wide access, or access to a single namespace.
      access: p3.optional(accessSchema),
      namespaceScopedAccess: p3.optional(p3.loose({ namespace: p3.string(), access: p3.optional(namespaceAccessSchema) })),
    }),
  ),
  stateDeprecated: p3.string(),
  state: resourceState(),
});

export const asyncOperationSchema = p3.message({
  id: p3.string(),
  stateDeprecated: p3.string(),
  state: p3.enum(OPERATION_STATE),
  checkDuration: p3.duration(),
  operationType: p3.string(),
  failureReason: p3.string(),
});

// identity/v1 ApiKey: GetApiKeys lists the account's keys with their expiry. An unset
// expiryTime (null on the grpc-gateway wire) is a key that does not expire.
export const apiKeySchema = p3.message({
  id: id(),
  spec: p3.orEmpty(p3.loose({ ownerId: p3.string(), displayName: p3.string(), expiryTime: p3.timestamp(), disabled: p3.bool() })),
  state: resourceState(),
});
export type ApiKeyRecord = z.infer<typeof apiKeySchema>;
const apiKeysPage = p3.message({ apiKeys: p3.repeated(apiKeySchema), nextPageToken: p3.string() });
const apiKeyResponse = p3.message({ apiKey: apiKeySchema });

export type ApiUser = z.infer<typeof userSchema>;
export type ApiUserSpec = z.infer<typeof userSpecSchema>;
type Loose = { [field: string]: unknown };
/**
 * What UpdateUser and CreateUser send: a spec as read (every field at least at its default) or
 * one with default fields left out, which proto3 JSON reads the same. Echoed values are what was
 * read, so a write never turns a null into something that means more.
 */
export type UserSpecWrite = Loose & {
  email: string;
  access?: Loose & {
    accountAccess?: Loose & { role?: string | number; roleDeprecated?: string };
    namespaceAccesses?: Record<string, Loose & { permission?: string | number; permissionDeprecated?: string }>;
  };
};
export type ApiNamespace = z.infer<typeof namespaceSchema>;
export type ApiServiceAccount = z.infer<typeof serviceAccountSchema>;
export type ApiAsyncOperation = z.infer<typeof asyncOperationSchema>;

// Message fields the connector cannot do without are plain (not p3.optional): null fails them by name.
const accountResponse = p3.message({ account: p3.message({ id: id(), state: resourceState(), resourceVersion: p3.string() }) });
const usersPage = p3.message({ users: p3.repeated(userSchema), nextPageToken: p3.string() });
const namespacesPage = p3.message({ namespaces: p3.repeated(namespaceSchema), nextPageToken: p3.string() });
// The repeated field is `service_account` (singular) in the proto; `serviceAccounts` is accepted
// too in case a later API version fixes the name.
const serviceAccountsPage = p3
  .message({ serviceAccount: p3.repeated(serviceAccountSchema), serviceAccounts: p3.repeated(serviceAccountSchema), nextPageToken: p3.string() })
  .transform((page) => ({ items: page.serviceAccount.length > 0 ? page.serviceAccount : page.serviceAccounts, nextPageToken: page.nextPageToken }));
const userResponse = p3.message({ user: userSchema });
// A write answered without an operation has nothing left to wait for.
const writeResponse = p3.message({ asyncOperation: p3.optional(asyncOperationSchema), userId: p3.string() });
const operationResponse = p3.message({ asyncOperation: asyncOperationSchema });

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
    updateUser: (userId: string, spec: UserSpecWrite, resourceVersion: string, asyncOperationId: string) =>
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
    createUser: (spec: UserSpecWrite, asyncOperationId: string) =>
      call({ method: "POST", path: "/cloud/users", body: { spec, async_operation_id: asyncOperationId }, schema: writeResponse }),
    deleteUser: (userId: string, resourceVersion: string, asyncOperationId: string) =>
      call({
        method: "DELETE",
        path: `/cloud/users/${enc(userId)}`,
        query: { resource_version: resourceVersion, async_operation_id: asyncOperationId },
        schema: writeResponse,
      }),
    listApiKeys: (pageToken: string): Promise<Page<ApiKeyRecord>> =>
      call({ path: "/cloud/api-keys", query: { page_size: PAGE_SIZE, page_token: pageToken }, schema: apiKeysPage }).then((r) => ({ items: r.apiKeys, nextPageToken: r.nextPageToken })),
    getApiKey: (keyId: string) => call({ path: `/cloud/api-keys/${enc(keyId)}`, schema: apiKeyResponse }).then((r) => r.apiKey),
    getAsyncOperation: (id: string) => call({ path: `/cloud/operations/${enc(id)}`, schema: operationResponse }).then((r) => r.asyncOperation),
  };
}
