import { describe, expect, it } from "vitest";
import { decidePasswordSignIn, decideSsoSignIn, readClaims, type KnownUser, type SsoPolicy } from "./decide";

const policy: SsoPolicy = {
  allowSignUp: true,
  defaultRole: "USER",
  groupsClaim: "groups",
  groupRoles: [
    { group: "gatekeeper-connector-admins", role: "CONNECTOR_ADMIN" },
    { group: "gatekeeper-super-admins", role: "SUPER_ADMIN" },
  ],
};
const claims = (extra: Record<string, unknown> = {}, p: SsoPolicy = policy) => readClaims({ sub: "s-1", email: "Ada@Corp.test", email_verified: true, name: "Ada", ...extra }, p.groupsClaim);
const user = (over: Partial<KnownUser> = {}): KnownUser => ({ id: "u1", email: "ada@corp.test", role: "USER", disabled: false, ...over });

describe("an unknown email at its first SSO sign-in", () => {
  it("gets an account with the default role when sign-up is allowed", () => {
    expect(decideSsoSignIn(claims(), policy, null)).toEqual({ outcome: "create", role: "USER" });
    expect(decideSsoSignIn(claims(), { ...policy, defaultRole: "CONNECTOR_ADMIN" }, null)).toEqual({ outcome: "create", role: "CONNECTOR_ADMIN" });
  });

  it("is refused when sign-up is not allowed", () => {
    expect(decideSsoSignIn(claims(), { ...policy, allowSignUp: false }, null)).toEqual({ outcome: "refuse", reason: "unknown-email" });
  });

  it("is refused without an email, or with one the provider has not verified", () => {
    expect(decideSsoSignIn(claims({ email: undefined }), policy, null)).toEqual({ outcome: "refuse", reason: "no-email" });
    expect(decideSsoSignIn(claims({ email_verified: false }), policy, null)).toEqual({ outcome: "refuse", reason: "email-unverified" });
    // A provider that does not say is trusted (many leave email_verified out).
    expect(decideSsoSignIn(claims({ email_verified: undefined }), policy, null).outcome).toBe("create");
  });
});

describe("roles from the groups claim", () => {
  it("takes the highest mapped role among the person's groups", () => {
    expect(decideSsoSignIn(claims({ groups: ["everyone", "gatekeeper-connector-admins"] }), policy, null)).toEqual({ outcome: "create", role: "CONNECTOR_ADMIN" });
    expect(decideSsoSignIn(claims({ groups: ["gatekeeper-super-admins", "gatekeeper-connector-admins"] }), policy, null)).toEqual({ outcome: "create", role: "SUPER_ADMIN" });
    // One group as a plain string, as some providers send it.
    expect(decideSsoSignIn(claims({ groups: "gatekeeper-super-admins" }), policy, null)).toEqual({ outcome: "create", role: "SUPER_ADMIN" });
  });

  it("is recomputed at each sign-in: leaving the group demotes to the default role", () => {
    expect(decideSsoSignIn(claims({ groups: ["gatekeeper-super-admins"] }), policy, user({ role: "USER" }))).toEqual({ outcome: "sign-in", role: "SUPER_ADMIN" });
    expect(decideSsoSignIn(claims({ groups: ["everyone"] }), policy, user({ role: "SUPER_ADMIN" }))).toEqual({ outcome: "sign-in", role: "USER" });
  });

  it("leaves an existing user's role alone when no mapping is configured", () => {
    const unmapped = { ...policy, groupsClaim: null, groupRoles: [] };
    expect(decideSsoSignIn(claims({ groups: ["gatekeeper-super-admins"] }, unmapped), unmapped, user({ role: "CONNECTOR_ADMIN" }))).toEqual({ outcome: "sign-in", role: "CONNECTOR_ADMIN" });
  });

  it("reads the configured claim only", () => {
    const other = { ...policy, groupsClaim: "roles" };
    expect(decideSsoSignIn(claims({ groups: ["gatekeeper-super-admins"] }, other), other, null)).toEqual({ outcome: "create", role: "USER" });
    expect(decideSsoSignIn(claims({ roles: ["gatekeeper-super-admins"] }, other), other, null)).toEqual({ outcome: "create", role: "SUPER_ADMIN" });
  });
});

describe("a disabled user", () => {
  it("stays refused, whatever their groups", () => {
    expect(decideSsoSignIn(claims({ groups: ["gatekeeper-super-admins"] }), policy, user({ disabled: true }))).toEqual({ outcome: "refuse", reason: "disabled" });
  });
});

describe("password sign-in with SSO required", () => {
  const breakGlass = { userIds: ["admin-1"], emails: ["bg@corp.test"] };
  const required = { requireSso: true, breakGlass };

  it("is allowed for everyone while SSO is not required or not set up", () => {
    expect(decidePasswordSignIn(user(), null)).toEqual({ allowed: true });
    expect(decidePasswordSignIn(user(), { requireSso: false, breakGlass })).toEqual({ allowed: true });
  });

  it("is refused for everyone but the named break-glass Super Administrators", () => {
    expect(decidePasswordSignIn(user(), required)).toEqual({ allowed: false, reason: "sso-required" });
    expect(decidePasswordSignIn(user({ id: "admin-2", role: "SUPER_ADMIN" }), required)).toEqual({ allowed: false, reason: "sso-required" });
    expect(decidePasswordSignIn(user({ id: "admin-1", role: "SUPER_ADMIN" }), required)).toEqual({ allowed: true });
    expect(decidePasswordSignIn(user({ id: "x", email: "BG@corp.test", role: "SUPER_ADMIN" }), required)).toEqual({ allowed: true });
  });

  it("is refused for a named account that is no longer a Super Administrator", () => {
    expect(decidePasswordSignIn(user({ id: "admin-1", role: "CONNECTOR_ADMIN" }), required)).toEqual({ allowed: false, reason: "sso-required" });
  });
});
