// Contract: grant and revoke Okta group memberships over real HTTP; idempotent, and refusing
// what Okta must not change (app assignments, roles, imported and built-in groups).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSpecCheckedOktaSimulator, type SpecCheckedOktaSimulator } from "@/e2e/upstreams/okta/spec-checked";
import { createOktaConnector, okta } from "./index";
import { oauthConfig, rejection, testContext, TOKEN_CONFIG } from "./test-helpers";

let sim: SpecCheckedOktaSimulator;
beforeEach(async () => {
  sim = await startSpecCheckedOktaSimulator();
});
afterEach(async () => {
  expect(sim.violations).toEqual([]);
  await sim.close();
});

const GET_GROUP = "GET /api/v1/groups/{groupId}";
const USER_GROUPS = "GET /api/v1/users/{id}/groups";
const PUT = "PUT /api/v1/groups/{groupId}/users/{userId}";
const DELETE = "DELETE /api/v1/groups/{groupId}/users/{userId}";
const group = (name: string) => sim.state.org.groups.find((g) => g.name === name)!;
const user = (email: string) => sim.state.org.users.find((u) => u.profile.email === email)!.id;
const member = (name: string) => `group:${group(name).id}:member`;

describe("okta grant and revoke", () => {
  it("adds a user to an OKTA_GROUP in one read of the group, one of the user's groups, one PUT", async () => {
    const alan = user("alan@example.com");
    const result = await okta.grant(TOKEN_CONFIG, { entitlementId: member("Finance"), principalId: alan }, testContext(sim.url));
    expect(result).toEqual({ changed: true, message: `Added ${alan} to Finance.` });
    expect(group("Finance").members).toContain(alan);
    expect(sim.stats.byRoute).toEqual({ [GET_GROUP]: 1, [USER_GROUPS]: 1, [PUT]: 1 });
  });

  it("is idempotent: an existing member is changed: false without a write; revoking a non-member too", async () => {
    const grace = user("grace@example.com");
    const ctx = testContext(sim.url);
    expect((await okta.grant(TOKEN_CONFIG, { entitlementId: member("Engineering"), principalId: grace }, ctx)).changed).toBe(false);
    expect((await okta.revoke(TOKEN_CONFIG, { entitlementId: member("Finance"), principalId: grace }, ctx)).changed).toBe(false);
    expect(sim.stats.byRoute).toEqual({ [GET_GROUP]: 2, [USER_GROUPS]: 2 });
  });

  it("grant then revoke round-trips, and a repeat of each changes nothing", async () => {
    const ctx = testContext(sim.url);
    const request = { entitlementId: member("Sales"), principalId: user("chen.wei@example.com") };
    expect((await okta.grant(TOKEN_CONFIG, request, ctx)).changed).toBe(true);
    expect((await okta.grant(TOKEN_CONFIG, request, ctx)).changed).toBe(false);
    const revoked = await okta.revoke(TOKEN_CONFIG, request, ctx);
    expect(revoked).toEqual({ changed: true, message: `Removed ${request.principalId} from Sales.` });
    expect((await okta.revoke(TOKEN_CONFIG, request, ctx)).changed).toBe(false);
    expect(group("Sales").members).not.toContain(request.principalId);
    expect(sim.stats.byRoute).toMatchObject({ [PUT]: 1, [DELETE]: 1 });
  });

  it("provisions with OAuth when provisioning is on (okta.groups.manage in the token)", async () => {
    const connector = createOktaConnector();
    const request = { entitlementId: member("Support"), principalId: user("mia.metrics@example.com") };
    expect((await connector.grant(oauthConfig({ provisioning: true }), request, testContext(sim.url))).changed).toBe(true);
    expect(sim.exchanges[0].requestBody).toMatchObject({ scope: expect.stringContaining("okta.groups.manage") });
  });

  it("refuses OAuth provisioning while the setting is off, naming the field, without calling Okta", async () => {
    const error = await rejection(createOktaConnector().grant(oauthConfig(), { entitlementId: member("Support"), principalId: user("mia.metrics@example.com") }, testContext(sim.url)));
    expect(error).toMatchObject({ kind: "invalid_config", field: "provisioning" });
    expect(sim.stats.total).toBe(0);
  });

  it.each([
    ["an app assignment", () => `app:${sim.state.org.apps[0].id}:assigned`, /App assignments are sync only/],
    ["an admin role", () => "role:SUPER_ADMIN:assigned", /admin roles are sync only/],
    ["something that is not an Okta entitlement", () => "group:../../users:member", /not an Okta group membership/],
  ])("refuses %s before calling Okta", async (_, entitlementId, message) => {
    const error = await rejection(okta.grant(TOKEN_CONFIG, { entitlementId: entitlementId(), principalId: user("alan@example.com") }, testContext(sim.url)));
    expect(error.kind).toBe("refused");
    expect(error.message).toMatch(message);
    expect(sim.stats.total).toBe(0);
  });

  it("refuses a principal that is not an Okta user id", async () => {
    const error = await rejection(okta.revoke(TOKEN_CONFIG, { entitlementId: member("Finance"), principalId: "alan@example.com" }, testContext(sim.url)));
    expect(error.kind).toBe("refused");
    expect(sim.stats.total).toBe(0);
  });

  it.each([
    ["Domain Users", /imported from an app \(APP_GROUP\)/],
    ["Everyone", /built-in Okta group \(BUILT_IN\)/],
  ])("refuses to change %s after reading its type, with no write", async (name, message) => {
    const error = await rejection(okta.grant(TOKEN_CONFIG, { entitlementId: member(name), principalId: user("sam.sales@example.com") }, testContext(sim.url)));
    expect(error.kind).toBe("refused");
    expect(error.message).toMatch(message);
    expect(sim.stats.byRoute).toEqual({ [GET_GROUP]: 1 });
  });

  it("names a group or user that no longer exists", async () => {
    const gone = await rejection(okta.grant(TOKEN_CONFIG, { entitlementId: "group:00g1gkd00000000000zz:member", principalId: user("alan@example.com") }, testContext(sim.url)));
    expect(gone).toMatchObject({ kind: "not_found" });
    expect(gone.message).toMatch(/E0000007/);
    const nobody = await rejection(okta.grant(TOKEN_CONFIG, { entitlementId: member("Finance"), principalId: "00u1gkd00000000000zz" }, testContext(sim.url)));
    expect(nobody).toMatchObject({ kind: "not_found" });
    expect(nobody.message).toMatch(/No Okta user 00u1gkd00000000000zz/);
  });

  it("names a token without permission to manage groups on apiToken", async () => {
    sim.inject({ kind: "forbidden", method: "PUT" });
    const error = await rejection(okta.grant(TOKEN_CONFIG, { entitlementId: member("Finance"), principalId: user("alan@example.com") }, testContext(sim.url)));
    expect(error).toMatchObject({ kind: "forbidden", field: "apiToken" });
    expect(error.message).toMatch(/E0000006.*may not add group members \(okta\.groups\.manage\).*Group Membership Administrator/);
  });
});
