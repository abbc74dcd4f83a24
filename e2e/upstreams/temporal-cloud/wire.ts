// Temporal Cloud Ops API shapes as the simulator speaks them (proto3 JSON: lowerCamelCase,
// enums as names) and the grpc-gateway error body. Deliberately not imported from the adapter:
// a simulator that shared the adapter's types would share its mistakes.

export const ROLES = ["ROLE_OWNER", "ROLE_ADMIN", "ROLE_DEVELOPER", "ROLE_FINANCE_ADMIN", "ROLE_READ", "ROLE_METRICS_READ"] as const;
export const PERMISSIONS = ["PERMISSION_ADMIN", "PERMISSION_WRITE", "PERMISSION_READ"] as const;

export type WireNamespaceAccess = { permission: string };
export type WireUserSpec = {
  email: string;
  access: { accountAccess: { role: string }; namespaceAccesses: Record<string, WireNamespaceAccess> };
};
export type WireUser = {
  id: string;
  resourceVersion: string;
  spec: WireUserSpec;
  state: string;
  asyncOperationId?: string;
  invitation?: { createdTime: string; expiredTime: string };
  createdTime: string;
  lastModifiedTime?: string;
};
export type WireNamespace = {
  namespace: string;
  resourceVersion: string;
  spec: { name: string; regions: string[]; retentionDays: number };
  state: string;
  endpoints: { webAddress: string; grpcAddress: string };
  activeRegion: string;
  createdTime: string;
  lastModifiedTime?: string;
};
export type WireServiceAccount = {
  id: string;
  resourceVersion: string;
  spec: {
    name: string;
    description?: string;
    access?: { accountAccess: { role: string }; namespaceAccesses?: Record<string, WireNamespaceAccess> };
    namespaceScopedAccess?: { namespace: string; access: WireNamespaceAccess };
  };
  state: string;
  createdTime: string;
};
export type WireOperation = {
  id: string;
  state: string;
  checkDuration: string;
  operationType: string;
  failureReason?: string;
  startedTime: string;
  finishedTime?: string;
};

/** gRPC status codes used by the gateway body's `code`. */
export const GRPC = {
  invalidArgument: 3,
  notFound: 5,
  alreadyExists: 6,
  permissionDenied: 7,
  resourceExhausted: 8,
  failedPrecondition: 9,
  unimplemented: 12,
  internal: 13,
  unauthenticated: 16,
} as const;

/** Thrown by handlers; the server turns it into `{ code, message, details: [] }`. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new GatewayError(400, GRPC.invalidArgument, message);
export const notFound = (message: string) => new GatewayError(404, GRPC.notFound, message);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Requests may use the proto field name or its JSON name (`resource_version` / `resourceVersion`). */
export function field(body: Json, snake: string): unknown {
  const camel = snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return body[camel] ?? body[snake];
}

export function asObject(value: unknown, what: string): Json {
  if (!isObject(value)) throw invalid(`${what} must be an object`);
  return value;
}

export function readString(body: Json, snake: string): string {
  const value = field(body, snake);
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw invalid(`${snake} must be a string`);
  return value;
}

export function readRole(value: unknown): string {
  if (typeof value !== "string" || !(ROLES as readonly string[]).includes(value)) throw invalid(`invalid role: ${JSON.stringify(value)}`);
  return value;
}

export function readPermission(value: unknown): string {
  if (typeof value !== "string" || !(PERMISSIONS as readonly string[]).includes(value)) {
    throw invalid(`invalid namespace permission: ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * A UserSpec from a request body, snake_case or camelCase at every level. Namespace names are
 * map keys and are taken verbatim (they may contain underscores).
 */
export function readUserSpec(value: unknown): WireUserSpec {
  const spec = asObject(value, "spec");
  const email = readString(spec, "email");
  if (!email) throw invalid("spec.email is required");
  const access = asObject(field(spec, "access") ?? {}, "spec.access");
  const account = asObject(field(access, "account_access") ?? {}, "spec.access.account_access");
  const namespaces = asObject(field(access, "namespace_accesses") ?? {}, "spec.access.namespace_accesses");
  const namespaceAccesses: Record<string, WireNamespaceAccess> = {};
  for (const [name, entry] of Object.entries(namespaces)) {
    namespaceAccesses[name] = { permission: readPermission(field(asObject(entry, `namespace access ${name}`), "permission")) };
  }
  return { email, access: { accountAccess: { role: readRole(field(account, "role")) }, namespaceAccesses } };
}

/** Two specs are the same change when email, role and the set of namespace accesses match. */
export function sameSpec(a: WireUserSpec, b: WireUserSpec): boolean {
  const canonical = (spec: WireUserSpec) =>
    JSON.stringify([
      spec.email.toLowerCase(),
      spec.access.accountAccess.role,
      Object.entries(spec.access.namespaceAccesses)
        .map(([name, entry]) => `${name}=${entry.permission}`)
        .sort(),
    ]);
  return canonical(a) === canonical(b);
}
