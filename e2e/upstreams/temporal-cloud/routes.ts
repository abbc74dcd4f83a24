// Routing, paging and async operations shared by the handlers, plus the read-only endpoints
// (account, namespaces, service accounts, operations). Paths follow the `google.api.http`
// annotations of temporalio/api-cloud's service.proto.
import type { FaultBook, PathKind } from "./faults";
import type { Wire } from "./gateway-wire";
import type { OrgStore, SimOperation } from "./store";
import { GatewayError, GRPC, invalid, notFound, type WireOperation } from "./wire";

export type SimSettings = { operationPendingPolls: number; checkDuration: string; wire: Wire };
export type SimEnv = { store: OrgStore; faults: FaultBook; settings: SimSettings };
export type SimRequest = { method: string; kind: PathKind; params: Record<string, string>; query: URLSearchParams; body: () => Record<string, unknown> };

const ROUTES: { method: string; pattern: RegExp; kind: PathKind; names: string[] }[] = [
  { method: "GET", pattern: /^\/cloud\/account$/, kind: "account.get", names: [] },
  { method: "GET", pattern: /^\/cloud\/users$/, kind: "users.list", names: [] },
  { method: "POST", pattern: /^\/cloud\/users$/, kind: "users.create", names: [] },
  { method: "GET", pattern: /^\/cloud\/users\/([^/]+)$/, kind: "users.get", names: ["userId"] },
  { method: "POST", pattern: /^\/cloud\/users\/([^/]+)$/, kind: "users.update", names: ["userId"] },
  { method: "DELETE", pattern: /^\/cloud\/users\/([^/]+)$/, kind: "users.delete", names: ["userId"] },
  { method: "GET", pattern: /^\/cloud\/namespaces$/, kind: "namespaces.list", names: [] },
  { method: "GET", pattern: /^\/cloud\/namespaces\/([^/]+)$/, kind: "namespaces.get", names: ["namespace"] },
  { method: "POST", pattern: /^\/cloud\/namespaces\/([^/]+)\/users\/([^/]+)\/access$/, kind: "namespace-access.set", names: ["namespace", "userId"] },
  { method: "GET", pattern: /^\/cloud\/operations\/([^/]+)$/, kind: "operations.get", names: ["operationId"] },
  { method: "GET", pattern: /^\/cloud\/service-accounts$/, kind: "service-accounts.list", names: [] },
  { method: "GET", pattern: /^\/cloud\/api-keys$/, kind: "api-keys.list", names: [] },
  { method: "GET", pattern: /^\/cloud\/api-keys\/([^/]+)$/, kind: "api-keys.get", names: ["keyId"] },
  { method: "GET", pattern: /^\/__control$/, kind: "control", names: [] },
  { method: "POST", pattern: /^\/__control$/, kind: "control", names: [] },
];

/** The route of a request; `unknown` with `allowed: false` for a known path under another method. */
export function classify(method: string, pathname: string): { kind: PathKind; params: Record<string, string>; pathKnown: boolean } {
  let pathKnown = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    pathKnown = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => (params[name] = decodeURIComponent(match[index + 1])));
    return { kind: route.kind, params, pathKnown };
  }
  return { kind: "unknown", params: {}, pathKnown };
}

/** A query parameter by proto name or JSON name (grpc-gateway accepts both). */
export function queryParam(query: URLSearchParams, snake: string): string {
  const camel = snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return query.get(snake) ?? query.get(camel) ?? "";
}

/** page_size (default 100, max 1000) and the offset an opaque page_token stands for. */
export function paging(query: URLSearchParams, list: string): { size: number; offset: number } {
  const rawSize = queryParam(query, "page_size");
  const size = rawSize === "" ? 0 : Number(rawSize);
  if (!Number.isInteger(size) || size < 0) throw invalid("page_size must be a non-negative integer");
  if (size > 1000) throw invalid("page_size cannot exceed 1000");
  const token = queryParam(query, "page_token");
  if (!token) return { size: size || 100, offset: 0 };
  const decoded = Buffer.from(token, "base64url").toString("utf8");
  const match = /^([a-z-]+):(\d+)$/.exec(decoded);
  if (!match || match[1] !== list) throw invalid("invalid page token");
  return { size: size || 100, offset: Number(match[2]) };
}

export const pageToken = (list: string, offset: number) => Buffer.from(`${list}:${offset}`, "utf8").toString("base64url");

/** proto3 JSON leaves out empty repeated fields and empty strings; so does the simulator. */
export function pageBody(field: string, items: unknown[], next: string): Record<string, unknown> {
  return { ...(items.length > 0 ? { [field]: items } : {}), ...(next ? { nextPageToken: next } : {}) };
}

export function operationView(operation: SimOperation): WireOperation {
  const { pendingPolls: _polls, failWith: _fail, ...view } = operation;
  return { ...view };
}

/** A new async operation; `operation-failed` faults decide here whether it will fail. */
export function startOperation(env: SimEnv, kind: PathKind, operationType: string, requestedId: string): SimOperation {
  const fault = env.faults.take("operation-failed", kind);
  const operation: SimOperation = {
    id: requestedId || crypto.randomUUID(),
    state: "STATE_PENDING",
    checkDuration: env.settings.checkDuration,
    operationType,
    startedTime: new Date().toISOString(),
    pendingPolls: env.settings.operationPendingPolls,
    ...(fault ? { failWith: fault.reason } : {}),
  };
  env.store.operations.set(operation.id, operation);
  return operation;
}

export function readOnlyRoute(env: SimEnv, request: SimRequest): Record<string, unknown> | undefined {
  const { store } = env;
  switch (request.kind) {
    case "account.get":
      return { account: { id: store.accountId, resourceVersion: "1", state: "RESOURCE_STATE_ACTIVE" } };
    case "namespaces.list": {
      const { size, offset } = paging(request.query, "namespaces");
      const name = queryParam(request.query, "name");
      const all = name ? store.namespaces.filter((namespace) => namespace.spec.name === name) : store.namespaces;
      const next = offset + size < all.length ? pageToken("namespaces", offset + size) : "";
      return pageBody("namespaces", all.slice(offset, offset + size), next);
    }
    case "namespaces.get": {
      const namespace = store.getNamespace(request.params.namespace);
      if (!namespace) throw notFound(`namespace ${request.params.namespace} not found`);
      return { namespace };
    }
    case "service-accounts.list": {
      const { size, offset } = paging(request.query, "service-accounts");
      const next = offset + size < store.serviceAccounts.length ? pageToken("service-accounts", offset + size) : "";
      // The repeated field is `service_account` (singular) in the proto, so `serviceAccount` in JSON.
      return pageBody("serviceAccount", store.serviceAccounts.slice(offset, offset + size), next);
    }
    case "operations.get": {
      const operation = store.operations.get(request.params.operationId);
      if (!operation) throw notFound(`async operation ${request.params.operationId} not found`);
      if (operation.state === "STATE_PENDING" || operation.state === "STATE_IN_PROGRESS") {
        if (operation.pendingPolls > 0) {
          operation.pendingPolls--;
          operation.state = "STATE_IN_PROGRESS";
        } else {
          operation.state = operation.failWith ? "STATE_FAILED" : "STATE_FULFILLED";
          if (operation.failWith) operation.failureReason = operation.failWith;
          operation.finishedTime = new Date().toISOString();
        }
      }
      return { asyncOperation: operationView(operation) };
    }
    default:
      return undefined;
  }
}

export const staleVersion = (sent: string, current: string) =>
  new GatewayError(400, GRPC.failedPrecondition, `resource version mismatch: the request has "${sent}" but the current version is "${current}"`);
