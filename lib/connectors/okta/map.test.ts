// The pure mappers, on answers as Okta's serializer writes them (nulls and missing fields).
import { describe, expect, it } from "vitest";
import { appJson, userJson } from "@/e2e/upstreams/okta/serialize";
import { demoOktaOrg } from "@/e2e/upstreams/okta/state";
import { appSchema, groupSchema, userSchema } from "./api";
import { accountStatus, appRecords, groupRecords, parseEntitlementId, roleRecords, text, userResource } from "./map";

describe("okta answer schemas", () => {
  it("accept what Okta's serializer writes: nulls, and missing credentials, logos and profile attributes", () => {
    const org = demoOktaOrg();
    const staged = org.users.find((u) => u.status === "STAGED")!;
    expect(userSchema.parse(userJson("https://x.okta.com", staged))).toMatchObject({ id: staged.id, lastLogin: null, activated: null });
    expect(userSchema.parse({ id: "00u1", status: "ACTIVE", lastLogin: null, profile: null, credentials: undefined })).toMatchObject({ profile: null });
    expect(appSchema.parse(appJson("https://x.okta.com", org.apps.find((a) => !a.logo)!))._links?.logo).toBeUndefined();
    expect(appSchema.parse({ id: "0oa1", label: null, _links: { logo: null } })).toMatchObject({ label: null });
    expect(groupSchema.parse({ id: "00g1", type: null, profile: null, _links: null })).toMatchObject({ id: "00g1" });
  });

  it("refuse answers without the ids everything hangs on", () => {
    expect(userSchema.safeParse({ status: "ACTIVE" }).success).toBe(false);
    expect(appSchema.safeParse({ id: "" }).success).toBe(false);
  });
});

describe("okta mappers", () => {
  it.each([
    ["ACTIVE", "enabled"],
    ["PROVISIONED", "enabled"],
    ["STAGED", "enabled"],
    ["RECOVERY", "enabled"],
    ["PASSWORD_EXPIRED", "enabled"],
    ["LOCKED_OUT", "enabled"],
    ["SUSPENDED", "disabled"],
    ["DEPROVISIONED", "deleted"],
    ["SOMETHING_NEW", "unspecified"],
  ])("maps status %s to %s", (status, expected) => {
    expect(accountStatus(status)).toBe(expected);
  });

  it("maps a user with every profile key, flat strings or null", () => {
    const record = userResource({
      id: "00u1",
      status: "SUSPENDED",
      lastLogin: null,
      profile: { login: "ada@example.com", email: "ada@example.com", firstName: "Ada", lastName: "Lovelace", department: "IT", title: null, managerId: "00u0", manager: "Olivia Ortega", employeeNumber: 1002, costCenter: ["a"] },
    });
    expect(record).toEqual({
      type: "resource",
      resourceTypeId: "user",
      id: "00u1",
      displayName: "Ada Lovelace",
      user: { email: "ada@example.com", login: "ada@example.com", status: "disabled" },
      profile: { oktaUserId: "00u1", login: "ada@example.com", email: "ada@example.com", oktaStatus: "SUSPENDED", firstName: "Ada", lastName: "Lovelace", department: "IT", title: null, manager: "Olivia Ortega", managerId: "00u0", employeeNumber: "1002", lastLogin: null },
    });
  });

  it("survives a user without a profile, names or email", () => {
    expect(userResource({ id: "00u2", status: "STAGED" })).toMatchObject({ displayName: "00u2", user: { status: "enabled" }, profile: { login: null, department: null, manager: null } });
    expect(userResource({ id: "00u3", status: "ACTIVE", profile: { login: "x@y.z", firstName: null } })).toMatchObject({ displayName: "x@y.z", user: { email: "x@y.z", login: "x@y.z" } });
  });

  it("flattens custom attribute values", () => {
    expect([text(null), text(""), text(3), text(true), text(["a", 2]), text({})]).toEqual([null, null, "3", "true", "a, 2", null]);
  });

  it.each([
    ["OKTA_GROUP", true],
    ["APP_GROUP", false],
    ["BUILT_IN", false],
  ])("a %s group's member entitlement is provisionable: %s", (type, provisionable) => {
    const [resource, entitlement] = groupRecords({ id: "00g1", type, profile: { name: "Engineering", description: null } });
    expect(resource).toMatchObject({ resourceTypeId: "group", id: "00g1", displayName: "Engineering", profile: { groupType: type, description: null } });
    expect(entitlement).toMatchObject({ id: "group:00g1:member", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable });
  });

  it("maps an app with and without a logo link", () => {
    const [withLogo, entitlement] = appRecords({ id: "0oa1", name: "slack", label: "Slack", status: "ACTIVE", signOnMode: "SAML_2_0", _links: { logo: [{ href: "https://ok.example/logo.png", name: "medium" }] } });
    expect(withLogo.profile).toEqual({ oktaAppId: "0oa1", name: "slack", label: "Slack", status: "ACTIVE", logoUrl: "https://ok.example/logo.png", signOnMode: "SAML_2_0" });
    expect(entitlement).toMatchObject({ id: "app:0oa1:assigned", slug: "assigned", grantableTo: ["user", "group"], provisionable: false });
    const [bare] = appRecords({ id: "0oa2", _links: null });
    expect(bare).toMatchObject({ displayName: "0oa2", profile: { logoUrl: null, label: null } });
  });

  it("keys standard roles by type and custom roles by role id", () => {
    expect(roleRecords({ id: "ra1", type: "SUPER_ADMIN", label: "Super Administrator" })[0]).toMatchObject({ id: "SUPER_ADMIN", displayName: "Super Administrator" });
    expect(roleRecords({ id: "ra2", type: "CUSTOM", label: "Help Desk", role: "cr01" })[1]).toMatchObject({ id: "role:cr01:assigned", provisionable: false });
  });

  it.each([
    ["group:00g1:member", { kind: "group", resourceId: "00g1" }],
    ["app:0oa1:assigned", { kind: "app", resourceId: "0oa1" }],
    ["role:SUPER_ADMIN:assigned", { kind: "role", resourceId: "SUPER_ADMIN" }],
    ["group:00g1:assigned", undefined],
    ["user:00u1", undefined],
  ])("parses entitlement id %s", (id, expected) => {
    expect(parseEntitlementId(id)).toEqual(expected);
  });
});
