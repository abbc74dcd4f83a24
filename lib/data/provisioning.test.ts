// The console's own refusals before any upstream call, and the side effects the confirmation
// dialog names: the same rules the buttons and the server action use.
import { describe, expect, it } from "vitest";
import { describeEffects, provisioningRefusal, type ProvisioningTarget } from "./provisioning";

const target = (over: { connector?: Partial<ProvisioningTarget["connector"]>; entitlement?: Partial<NonNullable<ProvisioningTarget["entitlement"]>> | null; principal?: null } = {}): ProvisioningTarget => ({
  connector: { id: "c1", catalogId: "temporal-cloud", displayName: "Temporal Cloud", provisioningEnabled: true, disabled: false, runId: "r1", rules: "temporal-cloud", ...over.connector },
  entitlement: over.entitlement === null ? null : { externalId: "account-role:admin:member", name: "Account Admin Role Member", provisionable: true, grantableTo: ["user"], ...over.entitlement },
  principal: over.principal === null ? null : { resourceTypeId: "user", externalId: "u1", name: "ada@example.com", email: "ada@example.com", isUser: true },
});

describe("provisioningRefusal", () => {
  it("allows a provisionable entitlement on a connector with provisioning on", () => {
    expect(provisioningRefusal("grant", target())).toBeNull();
    expect(provisioningRefusal("revoke", target())).toBeNull();
  });

  it("refuses when provisioning is off, the connector is disabled or gone", () => {
    expect(provisioningRefusal("grant", target({ connector: { provisioningEnabled: false } }))).toBe("Provisioning is off for Temporal Cloud. An administrator can turn it on on the connector's page.");
    expect(provisioningRefusal("grant", target({ connector: { disabled: true } }))).toMatch(/is disabled/);
    expect(provisioningRefusal("grant", null)).toBe("This connector no longer exists.");
  });

  it("refuses Account Owner and Finance Admin (not provisionable), and revoking Read (the floor)", () => {
    const owner = target({ entitlement: { externalId: "account-role:owner:member", name: "Account Owner Role Member", provisionable: false } });
    expect(provisioningRefusal("grant", owner)).toBe("Account Owner Role Member is not provisionable: the connector syncs it but never grants or revokes it.");
    expect(provisioningRefusal("revoke", owner)).toMatch(/not provisionable/);
    const read = target({ entitlement: { externalId: "account-role:read:member", name: "Read Role Member" } });
    expect(provisioningRefusal("grant", read)).toBeNull();
    expect(provisioningRefusal("revoke", read)).toMatch(/cannot be revoked/);
  });

  it("refuses what is not in the latest sync, and a Baton runner that runs no adapter", () => {
    expect(provisioningRefusal("grant", target({ entitlement: null }))).toMatch(/entitlement is not in the connector's latest sync/);
    expect(provisioningRefusal("grant", target({ principal: null }))).toMatch(/account is not in the connector's latest sync/);
    const base = target();
    const serviceAccount = { ...base, principal: base.principal && { ...base.principal, resourceTypeId: "service-account", name: "ci-deployer", isUser: false } };
    expect(provisioningRefusal("grant", serviceAccount)).toBe("ci-deployer is not an account: the connector grants and revokes accounts' access only.");
    // Synced with the user trait (so isUser), but the entitlement is grantable to users only.
    const traitOnly = { ...base, principal: base.principal && { ...base.principal, resourceTypeId: "service-account", name: "ci-deployer" } };
    expect(provisioningRefusal("grant", traitOnly)).toBe("Account Admin Role Member cannot be granted to ci-deployer: it is for user accounts only.");
    expect(provisioningRefusal("grant", target({ connector: { catalogId: "baton", rules: null, displayName: "Okta" } }))).toMatch(/Okta's runner cannot provision/);
    expect(provisioningRefusal("grant", target({ connector: { catalogId: "baton", rules: "cloudflare" } }))).toBeNull();
  });
});

describe("describeEffects", () => {
  it("names Temporal Cloud's downgrade and replacement, and nothing for Cloudflare", () => {
    expect(describeEffects("temporal-cloud", "account-role:admin:member")).toEqual({
      grantNote: "Temporal Cloud users hold exactly one account role, so this replaces their current one.",
      revokeNote: "Temporal Cloud users must keep a role, so they will be downgraded to Developer.",
      revokable: true,
    });
    expect(describeEffects("temporal-cloud", "account-role:developer:member").revokeNote).toMatch(/downgraded to Read\.$/);
    expect(describeEffects("temporal-cloud", "namespace:prod.a1:write").revokeNote).toBe("They lose all access to the namespace prod.a1.");
    expect(describeEffects("cloudflare", "role:abc:member")).toEqual({ grantNote: null, revokeNote: null, revokable: true });
  });
});
