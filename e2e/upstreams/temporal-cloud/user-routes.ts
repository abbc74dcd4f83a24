// The user endpoints, reads and writes. Writes behave like the Ops API: they need the current
// resource_version (optimistic concurrency), refuse a spec identical to the current one with
// "nothing to change", apply, and answer at once with an async operation to poll.
import { operationView, pageBody, pageToken, paging, queryParam, staleVersion, startOperation, type SimEnv, type SimRequest } from "./routes";
import { asObject, field, GatewayError, GRPC, invalid, notFound, readPermission, readString, readUserSpec, sameSpec, type WireUser } from "./wire";

const nothingToChange = () => new GatewayError(400, GRPC.failedPrecondition, "nothing to change");

function existingUser(env: SimEnv, id: string): WireUser {
  const user = env.store.getUser(id);
  if (!user) throw notFound(`user ${id} not found`);
  return user;
}

/** A write repeated with the same async_operation_id is answered with the first one's operation. */
function replay(env: SimEnv, operationId: string): Record<string, unknown> | undefined {
  const existing = operationId ? env.store.operations.get(operationId) : undefined;
  return existing ? { asyncOperation: operationView(existing) } : undefined;
}

function checkVersion(user: WireUser, sent: string) {
  if (!sent) throw invalid("resource_version is required");
  if (sent !== user.resourceVersion) throw staleVersion(sent, user.resourceVersion);
}

/** Applies `change` unless the operation is destined to fail, then answers with the operation. */
function write(env: SimEnv, request: SimRequest, type: string, operationId: string, change: (operationId: string) => void) {
  const operation = startOperation(env, request.kind, type, operationId);
  if (!operation.failWith) change(operation.id);
  return { asyncOperation: operationView(operation) };
}

function updated(env: SimEnv, user: WireUser, operationId: string): WireUser {
  return { ...user, resourceVersion: env.store.nextVersion(), asyncOperationId: operationId, lastModifiedTime: new Date().toISOString() };
}

function listUsers(env: SimEnv, request: SimRequest) {
  const { store, faults } = env;
  const { size, offset } = paging(request.query, "users");
  // Someone invites a user mid-sync: with offset-based tokens the next page repeats an item.
  if (faults.take("page-change", request.kind, offset > 0)) {
    const first = store.firstUserId() ?? "1";
    const now = new Date().toISOString();
    store.insertUser({
      id: first.length > 1 ? first.slice(0, -1) : "!",
      resourceVersion: store.nextVersion(),
      spec: { email: `late.joiner.${store.userCount}@example.com`, access: { accountAccess: { role: "ROLE_READ" }, namespaceAccesses: {} } },
      state: "RESOURCE_STATE_ACTIVE",
      createdTime: now,
    });
  }
  const email = queryParam(request.query, "email").toLowerCase();
  const namespace = queryParam(request.query, "namespace");
  if (email || namespace) {
    // Filters are rare and small: a scan is fine here.
    const matches: WireUser[] = [];
    for (const user of store.allUsers()) {
      if (email && user.spec.email.toLowerCase() !== email) continue;
      if (namespace && !(namespace in user.spec.access.namespaceAccesses)) continue;
      matches.push(user);
    }
    const next = offset + size < matches.length ? pageToken("users", offset + size) : "";
    return pageBody("users", matches.slice(offset, offset + size), next);
  }
  const next = offset + size < store.userCount ? pageToken("users", offset + size) : "";
  return pageBody("users", store.userPage(offset, size), next);
}

export function userRoute(env: SimEnv, request: SimRequest): Record<string, unknown> | undefined {
  const { store } = env;
  switch (request.kind) {
    case "users.list":
      return listUsers(env, request);
    case "users.get": {
      const user = existingUser(env, request.params.userId);
      // Another admin edits the user right after we answered: the caller now holds a stale version.
      if (env.faults.take("concurrent-edit", request.kind)) store.putUser({ ...user, resourceVersion: store.nextVersion(), lastModifiedTime: new Date().toISOString() });
      return { user };
    }
    case "users.create": {
      const body = request.body();
      const operationId = readString(body, "async_operation_id");
      const again = replay(env, operationId);
      if (again) return again;
      const spec = readUserSpec(field(body, "spec"));
      if (store.findUserByEmail(spec.email)) throw new GatewayError(409, GRPC.alreadyExists, `a user with email ${spec.email} already exists`);
      const id = crypto.randomUUID().replace(/-/g, "");
      const now = new Date();
      const response = write(env, request, "create-user", operationId, (opId) =>
        store.insertUser({
          id,
          resourceVersion: store.nextVersion(),
          spec,
          state: "RESOURCE_STATE_ACTIVE",
          asyncOperationId: opId,
          invitation: { createdTime: now.toISOString(), expiredTime: new Date(now.getTime() + 7 * 86_400_000).toISOString() },
          createdTime: now.toISOString(),
        }),
      );
      return { userId: id, ...response };
    }
    case "users.update": {
      const body = request.body();
      const user = existingUser(env, request.params.userId);
      const operationId = readString(body, "async_operation_id");
      const again = replay(env, operationId);
      if (again) return again;
      checkVersion(user, readString(body, "resource_version"));
      const spec = readUserSpec(field(body, "spec"));
      if (sameSpec(spec, user.spec)) throw nothingToChange();
      return write(env, request, "update-user", operationId, (opId) => store.putUser({ ...updated(env, user, opId), spec }));
    }
    case "users.delete": {
      const user = existingUser(env, request.params.userId);
      const operationId = queryParam(request.query, "async_operation_id");
      const again = replay(env, operationId);
      if (again) return again;
      checkVersion(user, queryParam(request.query, "resource_version"));
      return write(env, request, "delete-user", operationId, () => store.deleteUser(user.id));
    }
    case "namespace-access.set": {
      const body = request.body();
      if (!store.getNamespace(request.params.namespace)) throw notFound(`namespace ${request.params.namespace} not found`);
      const user = existingUser(env, request.params.userId);
      const operationId = readString(body, "async_operation_id");
      const again = replay(env, operationId);
      if (again) return again;
      checkVersion(user, readString(body, "resource_version"));
      const access = asObject(field(body, "access") ?? {}, "access");
      const raw = field(access, "permission");
      // Like SetUserGroupNamespaceAccess: an empty access removes the namespace from the user.
      const permission = raw === undefined || raw === "" ? undefined : readPermission(raw);
      const current = user.spec.access.namespaceAccesses[request.params.namespace]?.permission;
      if (current === permission) throw nothingToChange();
      const namespaceAccesses = { ...user.spec.access.namespaceAccesses };
      if (permission) namespaceAccesses[request.params.namespace] = { permission };
      else delete namespaceAccesses[request.params.namespace];
      const spec = { ...user.spec, access: { ...user.spec.access, namespaceAccesses } };
      return write(env, request, "set-user-namespace-access", operationId, (opId) => store.putUser({ ...updated(env, user, opId), spec }));
    }
    default:
      return undefined;
  }
}
