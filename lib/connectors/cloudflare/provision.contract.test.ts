// Contract: grant and revoke over real HTTP, with the exact requests each rule costs.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSpecCheckedSimulator, type SpecCheckedSimulator } from "@/e2e/upstreams/cloudflare/spec-checked";
import { loadCloudflareFixture, SUPER_ADMIN_ROLE_ID } from "@/e2e/upstreams/cloudflare/state";
import { cloudflare } from "./index";
import { KEY_CONFIG, rejection, testContext, TOKEN_CONFIG } from "./test-helpers";

const fixture = loadCloudflareFixture();
const role = (name: string) => fixture.roles.find((r) => r.name === name)?.id ?? "";
const member = (email: string) => fixture.members.find((m) => m.user.email === email)?.id ?? "";
const ent = (roleId: string) => `role:${roleId}:member`;
const ADMIN = role("Administrator");
const BILLING = role("Billing");
const DNS = role("DNS");
const alan = member("alan@example.com"); // Billing + Analytics
const katherine = member("katherine@example.com"); // DNS only
const invitee = member("new.hire@example.com"); // pending

const GET_MEMBER = "GET /accounts/{account_id}/members/{member_id}";
const PUT_MEMBER = "PUT /accounts/{account_id}/members/{member_id}";

let sim: SpecCheckedSimulator;
beforeEach(async () => {
  sim = await startSpecCheckedSimulator();
});
afterEach(async () => {
  expect(sim.violations).toEqual([]);
  await sim.close();
});

const rolesOf = (id: string) => sim.state.members.find((m) => m.id === id)?.roleIds;

describe("cloudflare grant", () => {
  it.each([
    ["API token", TOKEN_CONFIG],
    ["Email + API key", KEY_CONFIG],
  ])("adds the role, keeping the others, in one read and one write (%s)", async (_, config) => {
    const result = await cloudflare.grant(config, { entitlementId: ent(ADMIN), principalId: alan }, testContext(sim.url));
    expect(result).toEqual({ changed: true, message: "Granted Administrator to alan@example.com." });
    expect(rolesOf(alan)).toEqual([BILLING, role("Analytics"), ADMIN]);
    expect(sim.stats.byRoute).toEqual({ [GET_MEMBER]: 1, [PUT_MEMBER]: 1 });
    // The full list, as { id } objects: name, description and permissions are readOnly.
    expect(sim.exchanges[1].requestBody).toEqual({ roles: [{ id: BILLING }, { id: role("Analytics") }, { id: ADMIN }] });
  });

  it("is idempotent: an existing role is success with changed: false and no write", async () => {
    const result = await cloudflare.grant(TOKEN_CONFIG, { entitlementId: ent(BILLING), principalId: alan }, testContext(sim.url));
    expect(result.changed).toBe(false);
    expect(result.message).toMatch(/already has role Billing/);
    expect(sim.stats.byRoute).toEqual({ [GET_MEMBER]: 1 });
  });

  it("grants Super Administrator, the role List Roles omits", async () => {
    const result = await cloudflare.grant(TOKEN_CONFIG, { entitlementId: ent(SUPER_ADMIN_ROLE_ID), principalId: katherine }, testContext(sim.url));
    expect(result.changed).toBe(true);
    expect(rolesOf(katherine)).toEqual([DNS, SUPER_ADMIN_ROLE_ID]);
  });

  it("refuses pending invitations after reading them, without writing", async () => {
    const error = await rejection(cloudflare.grant(TOKEN_CONFIG, { entitlementId: ent(ADMIN), principalId: invitee }, testContext(sim.url)));
    expect(error).toMatchObject({ kind: "refused" });
    expect(error.message).toMatch(/new.hire@example.com has not accepted/);
    expect(sim.stats.byRoute).toEqual({ [GET_MEMBER]: 1 });
  });

  it("names an unknown member (404) after one request", async () => {
    const error = await rejection(cloudflare.grant(TOKEN_CONFIG, { entitlementId: ent(ADMIN), principalId: "0000000000000000000000000000beef" }, testContext(sim.url)));
    expect(error).toMatchObject({ kind: "not_found" });
    expect(error.message).toMatch(/Member not found \(1002\)/);
    expect(sim.stats.total).toBe(1);
  });

  it("names an unknown role with Cloudflare's message, changing nothing", async () => {
    const error = await rejection(cloudflare.grant(TOKEN_CONFIG, { entitlementId: ent("feedfeedfeedfeedfeedfeedfeedfeed"), principalId: alan }, testContext(sim.url)));
    expect(error).toMatchObject({ kind: "not_found" });
    expect(error.message).toMatch(/Role feedfeedfeedfeedfeedfeedfeedfeed not found/);
    expect(rolesOf(alan)).toEqual([BILLING, role("Analytics")]);
    expect(sim.stats.byRoute).toEqual({ [GET_MEMBER]: 1, [PUT_MEMBER]: 1 });
  });

  it.each([
    ["an entitlement that is not a role membership", { entitlementId: "role:abc:admin", principalId: alan }],
    ["a principal that is not a member id", { entitlementId: ent(ADMIN), principalId: "user:../../accounts" }],
  ])("refuses %s before calling Cloudflare", async (_, request) => {
    const error = await rejection(cloudflare.grant(TOKEN_CONFIG, request, testContext(sim.url)));
    expect(error.kind).toBe("refused");
    expect(sim.stats.total).toBe(0);
  });

  it("names a token without edit permission: forbidden on apiToken, with Cloudflare's message", async () => {
    sim.inject({ kind: "permission-denied", method: "PUT" });
    const error = await rejection(cloudflare.grant(TOKEN_CONFIG, { entitlementId: ent(ADMIN), principalId: alan }, testContext(sim.url)));
    expect(error).toMatchObject({ kind: "forbidden", field: "apiToken" });
    expect(error.message).toMatch(/Authentication error \(10000\).*Account Settings: Edit/);
  });
});

describe("cloudflare revoke", () => {
  it.each([
    ["API token", TOKEN_CONFIG],
    ["Email + API key", KEY_CONFIG],
  ])("removes only that role in one read and one write (%s)", async (_, config) => {
    const result = await cloudflare.revoke(config, { entitlementId: ent(BILLING), principalId: alan }, testContext(sim.url));
    expect(result).toEqual({ changed: true, message: "Revoked Billing from alan@example.com." });
    expect(rolesOf(alan)).toEqual([role("Analytics")]);
    expect(sim.stats.byRoute).toEqual({ [GET_MEMBER]: 1, [PUT_MEMBER]: 1 });
  });

  it("is idempotent: a role the member lacks is success with changed: false and no write", async () => {
    const result = await cloudflare.revoke(TOKEN_CONFIG, { entitlementId: ent(ADMIN), principalId: alan }, testContext(sim.url));
    expect(result.changed).toBe(false);
    expect(sim.stats.byRoute).toEqual({ [GET_MEMBER]: 1 });
  });

  it("refuses to take a member's last role (that is removing the member)", async () => {
    const error = await rejection(cloudflare.revoke(TOKEN_CONFIG, { entitlementId: ent(DNS), principalId: katherine }, testContext(sim.url)));
    expect(error.kind).toBe("refused");
    expect(error.message).toMatch(/only role of katherine@example.com/);
    expect(rolesOf(katherine)).toEqual([DNS]);
    expect(sim.stats.byRoute).toEqual({ [GET_MEMBER]: 1 });
  });

  it("refuses invitations", async () => {
    const error = await rejection(cloudflare.revoke(TOKEN_CONFIG, { entitlementId: ent(role("Administrator Read Only")), principalId: invitee }, testContext(sim.url)));
    expect(error.kind).toBe("refused");
  });

  it("grant then revoke round-trips, and a repeat of each changes nothing", async () => {
    const ctx = testContext(sim.url);
    const request = { entitlementId: ent(ADMIN), principalId: katherine };
    expect((await cloudflare.grant(TOKEN_CONFIG, request, ctx)).changed).toBe(true);
    expect((await cloudflare.grant(TOKEN_CONFIG, request, ctx)).changed).toBe(false);
    expect((await cloudflare.revoke(TOKEN_CONFIG, request, ctx)).changed).toBe(true);
    expect((await cloudflare.revoke(TOKEN_CONFIG, request, ctx)).changed).toBe(false);
    expect(rolesOf(katherine)).toEqual([DNS]);
    expect(sim.stats.byRoute).toEqual({ [GET_MEMBER]: 4, [PUT_MEMBER]: 2 });
  });
});
