import { describe, expect, it } from "vitest";
import { ConnectorError } from "../types";
import { namespaceSchema, serviceAccountSchema, userSchema } from "./api";
import { mapTemporalError, NothingToChangeError, StaleResourceVersionError } from "./errors";
import { accountStatus, knownAccountRoleRecords, namespaceEntitlements, namespaceResource, resourceTypeRecords, serviceAccountResource, userAccess, userResource } from "./map";
import { operationOutcome, parseCheckDuration } from "./operations";
import { withoutNamespace, withRole } from "./provision";
import { parseEntitlementId, readPermission, readRole, roleBySlug } from "./vocabulary";

const user = (access: unknown, extra: Record<string, unknown> = {}) =>
  userSchema.parse({ id: "u1", resourceVersion: "7", spec: { email: "ada@example.com", access }, state: "RESOURCE_STATE_ACTIVE", ...extra });

describe("vocabulary", () => {
  it("reads current enum names and the lowercase strings of older API versions alike", () => {
    expect(readRole("ROLE_FINANCE_ADMIN")?.known?.slug).toBe("financeadmin");
    expect(readRole("financeadmin")?.known?.slug).toBe("financeadmin");
    expect(readRole("ROLE_ADMIN")?.known?.displayName).toBe("Account Admin");
    expect(readPermission("PERMISSION_WRITE")?.known?.slug).toBe("write");
    expect(readPermission("read")?.known?.slug).toBe("read");
  });

  it("keeps unknown values and drops empty or unspecified ones", () => {
    expect(readRole("ROLE_METRICS_READ")).toEqual({ slug: "metricsread", wire: "ROLE_METRICS_READ", known: undefined });
    expect(readRole("ROLE_UNSPECIFIED")).toBeUndefined();
    expect(readRole("")).toBeUndefined();
    expect(readPermission("PERMISSION_UNSPECIFIED")).toBeUndefined();
  });

  it("parses entitlement ids back, namespace ids with dots included", () => {
    expect(parseEntitlementId("namespace:prod.a7f3c:write")).toEqual({ kind: "namespace", namespaceId: "prod.a7f3c", permissionSlug: "write" });
    expect(parseEntitlementId("account-role:financeadmin:member")).toEqual({ kind: "account-role", roleSlug: "financeadmin" });
    for (const bad of ["", "namespace", "namespace::read", "account-role:admin:owner", "team:x:member", "namespace:prod:"]) {
      expect(parseEntitlementId(bad), bad).toBeUndefined();
    }
  });
});

describe("map", () => {
  it("declares the four resource types with their traits", () => {
    expect(resourceTypeRecords().map((type) => [type.id, type.traits])).toEqual([
      ["user", ["user"]],
      ["service-account", ["user"]],
      ["namespace", []],
      ["account-role", ["role"]],
    ]);
  });

  it("emits the five account roles, Owner and Finance Admin not provisionable", () => {
    const entitlements = knownAccountRoleRecords().filter((record) => record.type === "entitlement");
    expect(entitlements.map((record) => [record.id, record.provisionable])).toEqual([
      ["account-role:owner:member", false],
      ["account-role:admin:member", true],
      ["account-role:developer:member", true],
      ["account-role:financeadmin:member", false],
      ["account-role:read:member", true],
    ]);
  });

  it("maps a namespace to a resource keyed by its full id and three permission entitlements", () => {
    const namespace = namespaceSchema.parse({ namespace: "prod.a7f3c", spec: { name: "prod", regions: ["aws-us-east-1"], retentionDays: 30 }, state: "RESOURCE_STATE_ACTIVE" });
    expect(namespaceResource(namespace)).toMatchObject({ id: "prod.a7f3c", displayName: "prod", profile: { regions: "aws-us-east-1", retentionDays: 30 } });
    expect(namespaceEntitlements(namespace).map((record) => [record.id, record.displayName, record.purpose, record.provisionable])).toEqual([
      ["namespace:prod.a7f3c:admin", "Namespace prod Admin", "permission", true],
      ["namespace:prod.a7f3c:write", "Namespace prod Write", "permission", true],
      ["namespace:prod.a7f3c:read", "Namespace prod Read", "permission", true],
    ]);
  });

  it("maps users with status and a pending invitation", () => {
    const invited = user({ accountAccess: { role: "ROLE_READ" } }, { invitation: { createdTime: "2024-06-01T00:00:00Z", expiredTime: "2024-06-08T00:00:00Z" } });
    expect(userResource(invited)).toMatchObject({
      resourceTypeId: "user",
      id: "u1",
      displayName: "ada@example.com",
      user: { email: "ada@example.com", status: "enabled" },
      profile: { invitationPending: true, invitationExpires: "2024-06-08T00:00:00Z" },
    });
    expect(accountStatus("RESOURCE_STATE_SUSPENDED")).toBe("disabled");
    expect(accountStatus("deleted")).toBe("deleted");
    expect(accountStatus("RESOURCE_STATE_ACTIVATION_FAILED")).toBe("unspecified");
  });

  it("reads a user's role and namespace accesses, including the deprecated string fields", () => {
    const current = userAccess(user({ accountAccess: { role: "ROLE_DEVELOPER" }, namespaceAccesses: { "a.x": { permission: "PERMISSION_ADMIN" } } }));
    expect(current.role?.slug).toBe("developer");
    expect(current.namespaces.map((entry) => [entry.namespaceId, entry.permission.slug])).toEqual([["a.x", "admin"]]);
    const legacy = userAccess(user({ accountAccess: { roleDeprecated: "admin" }, namespaceAccesses: { "b.x": { permissionDeprecated: "write" } } }));
    expect([legacy.role?.slug, legacy.namespaces[0].permission.slug]).toEqual(["admin", "write"]);
    expect(userAccess(user(undefined))).toEqual({ role: undefined, namespaces: [] });
  });

  it("maps service accounts as sync-only accounts", () => {
    const record = serviceAccountResource(serviceAccountSchema.parse({ id: "sa1", state: "RESOURCE_STATE_ACTIVE", spec: { name: "ci", namespaceScopedAccess: { namespace: "prod.x" } } }));
    expect(record).toMatchObject({ resourceTypeId: "service-account", id: "sa1", displayName: "ci", profile: { namespaceScoped: "prod.x" } });
  });

  it("rewrites only the role when changing it, keeping unknown spec fields", () => {
    const before = user({ accountAccess: { role: "ROLE_ADMIN", roleDeprecated: "admin" }, namespaceAccesses: { "a.x": { permission: "PERMISSION_READ" } }, futureField: 1 });
    expect(withRole(before, roleBySlug("developer")!)).toEqual({
      email: "ada@example.com",
      access: { accountAccess: { role: "ROLE_DEVELOPER" }, namespaceAccesses: { "a.x": { permission: "PERMISSION_READ" } }, futureField: 1 },
    });
    // The read user is not modified in place.
    expect(before.spec.access?.accountAccess?.role).toBe("ROLE_ADMIN");
    const legacy = user({ accountAccess: { role: "admin" } });
    expect(withRole(legacy, roleBySlug("read")!).access?.accountAccess?.role).toBe("read");
    expect(withoutNamespace(before, "a.x").access?.namespaceAccesses).toEqual({});
  });
});

describe("writing back a spec read with every field written out (grpc-gateway)", () => {
  const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

  it("echoes what was read, zero enums left out and nulls only where they were (still meaning default)", () => {
    const read = user({
      accountAccess: { roleDeprecated: "", role: "ROLE_ADMIN" },
      namespaceAccesses: { "a.x": { permissionDeprecated: "", permission: "PERMISSION_READ" }, "b.x": { permissionDeprecated: "", permission: 0 } },
      futureMessage: null,
    });
    expect(json(withoutNamespace(read, "a.x"))).toEqual({
      email: "ada@example.com",
      access: { accountAccess: { roleDeprecated: "", role: "ROLE_ADMIN" }, namespaceAccesses: { "b.x": { permissionDeprecated: "" } }, futureMessage: null },
    });
    expect(json(withRole(read, roleBySlug("developer")!))).toMatchObject({ access: { accountAccess: { role: "ROLE_DEVELOPER" } } });
  });

  it("writes a role into a spec whose access was null without inventing anything else", () => {
    expect(json(withRole(user(null), roleBySlug("read")!))).toEqual({ email: "ada@example.com", access: { accountAccess: { role: "ROLE_READ" } } });
  });

  it("keeps an unknown role number as the number, not as a lowercase legacy string", () => {
    const numbered = user({ accountAccess: { role: 9 }, namespaceAccesses: {} });
    expect(userAccess(numbered).role?.wire).toBe("9");
    expect(withRole(numbered, roleBySlug("read")!).access?.accountAccess?.role).toBe("ROLE_READ");
  });
});

describe("operations and errors", () => {
  it("parses proto durations and bounds them", () => {
    expect(parseCheckDuration("5s")).toBe(5000);
    expect(parseCheckDuration("0.250s")).toBe(250);
    expect(parseCheckDuration("0s")).toBe(100);
    expect(parseCheckDuration("3600s")).toBe(30_000);
    expect(parseCheckDuration(undefined)).toBe(1000);
    expect(parseCheckDuration("soon")).toBe(1000);
  });

  it("classifies operation states, new ones as still pending", () => {
    expect(["STATE_FULFILLED", "fulfilled", "STATE_FAILED", "STATE_CANCELLED", "STATE_IN_PROGRESS", "STATE_SOMETHING_NEW"].map(operationOutcome)).toEqual([
      "done",
      "done",
      "failed",
      "failed",
      "pending",
      "pending",
    ]);
  });

  it("maps gateway errors to named errors that keep the upstream's words", () => {
    const unauthorized = mapTemporalError(401, { code: 16, message: "API key expired" }, "");
    expect([unauthorized?.kind, unauthorized?.field]).toEqual(["unauthorized", "apiKey"]);
    expect(unauthorized?.message).toMatch(/invalid or expired.*API key expired/);
    const forbidden = mapTemporalError(403, undefined, "<html><body>Forbidden by proxy</body></html>");
    expect([forbidden?.kind, forbidden?.field]).toEqual(["forbidden", "apiKey"]);
    expect(forbidden?.message).toContain("Forbidden by proxy");
    expect(mapTemporalError(400, { code: 9, message: "nothing to change" }, "")).toBeInstanceOf(NothingToChangeError);
    expect(mapTemporalError(400, { code: 9, message: "resource version mismatch" }, "")).toBeInstanceOf(StaleResourceVersionError);
    expect(mapTemporalError(409, { code: 10, message: "aborted" }, "")).toBeInstanceOf(StaleResourceVersionError);
    // AlreadyExists is a 409 too, but not a stale version.
    expect(mapTemporalError(409, { code: 6, message: "user exists" }, "")).not.toBeInstanceOf(StaleResourceVersionError);
    expect(mapTemporalError(400, { code: 3, message: "invalid page token" }, "")?.kind).toBe("conflict");
    expect(mapTemporalError(404, { code: 5, message: "user not found" }, "")?.kind).toBe("not_found");
    const other = mapTemporalError(400, { code: 3, message: "invalid role" }, "");
    expect(other).toBeInstanceOf(ConnectorError);
    expect([other?.kind, other?.message.includes("invalid role")]).toEqual(["refused", true]);
  });
});
