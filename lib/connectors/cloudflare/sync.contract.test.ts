// Contract: sync over real HTTP against the simulator, every exchange checked against the spec.
import { afterEach, describe, expect, it } from "vitest";
import { startSpecCheckedSimulator, type SpecCheckedSimulator } from "@/e2e/upstreams/cloudflare/spec-checked";
import { generateCloudflareAccount, SUPER_ADMIN_ROLE_ID } from "@/e2e/upstreams/cloudflare/state";
import type { SyncRecord } from "../types";
import { cloudflare } from "./index";
import { collect, count, KEY_CONFIG, testContext, TOKEN_CONFIG } from "./test-helpers";

let sim: SpecCheckedSimulator | undefined;
afterEach(async () => {
  expect(sim?.violations ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const MEMBERS = "GET /accounts/{account_id}/members";
const ROLES = "GET /accounts/{account_id}/roles";

describe("cloudflare sync", () => {
  it.each([
    ["API token", TOKEN_CONFIG],
    ["Email + API key", KEY_CONFIG],
  ])("syncs an org of 173 members and 60 roles with %s in exactly 4 + 2 requests", async (_, config) => {
    const fixture = generateCloudflareAccount({ members: 173, roles: 60 });
    sim = await startSpecCheckedSimulator({ fixture });
    const records = await collect(cloudflare.sync(config, testContext(sim.url)));

    const pending = fixture.members.filter((m) => m.status === "pending");
    const accepted = fixture.members.filter((m) => m.status === "accepted");
    expect(count(records, "resourceType")).toBe(3);
    expect(count(records, "resource", "user")).toBe(accepted.length);
    expect(count(records, "resource", "invitation")).toBe(pending.length);
    expect(count(records, "resource", "role")).toBe(61); // 60 listed + Super Administrator
    expect(count(records, "entitlement")).toBe(61);
    expect(count(records, "grant")).toBe(accepted.reduce((n, m) => n + m.roleIds.length, 0));
    // The minimum: ceil(173 / 50) member pages and ceil(60 / 50) role pages, nothing else.
    expect(sim.stats.byRoute).toEqual({ [MEMBERS]: 4, [ROLES]: 2 });
    expect(sim.stats.total).toBe(6);
    expect(sim.exchanges.every((e) => e.query.per_page === "50")).toBe(true);
  });

  it("needs exactly three requests for exactly three full pages (no probe for a fourth)", async () => {
    sim = await startSpecCheckedSimulator({ fixture: generateCloudflareAccount({ members: 150, roles: 5 }) });
    const records = await collect(cloudflare.sync(TOKEN_CONFIG, testContext(sim.url)));
    expect(count(records, "resource", "user") + count(records, "resource", "invitation")).toBe(150);
    expect(sim.stats.byRoute).toEqual({ [MEMBERS]: 3, [ROLES]: 1 });
  });

  it("emits resource types, then roles and entitlements, then members before their grants", async () => {
    sim = await startSpecCheckedSimulator();
    const records = await collect(cloudflare.sync(TOKEN_CONFIG, testContext(sim.url)));
    const firstMember = records.findIndex((r) => r.type === "resource" && r.resourceTypeId !== "role");
    expect(records.slice(0, 3).every((r) => r.type === "resourceType")).toBe(true);
    expect(records.slice(3, firstMember).every((r) => r.type === "entitlement" || (r.type === "resource" && r.resourceTypeId === "role"))).toBe(true);
    const seen = new Set<string>();
    for (const record of records) {
      if (record.type === "entitlement" || record.type === "resource") seen.add(record.type === "entitlement" ? record.id : `${record.resourceTypeId}:${record.id}`);
      if (record.type === "grant") {
        expect(seen.has(record.entitlementId)).toBe(true);
        expect(seen.has(`${record.principal.resourceTypeId}:${record.principal.id}`)).toBe(true);
      }
    }
  });

  it("maps the fixture: Super Administrator added once, users with email and status, the invitation sync only", async () => {
    sim = await startSpecCheckedSimulator();
    const records = await collect(cloudflare.sync(KEY_CONFIG, testContext(sim.url)));
    const superAdmin = records.filter((r) => r.type === "resource" && r.id === SUPER_ADMIN_ROLE_ID);
    expect(superAdmin).toHaveLength(1);
    const ada = records.find((r): r is Extract<SyncRecord, { type: "resource" }> => r.type === "resource" && r.displayName === "Ada Lovelace");
    expect(ada?.resourceTypeId).toBe("user");
    expect(ada?.user).toEqual({ email: "admin@example.com", login: "admin@example.com", status: "enabled" });
    expect(records).toContainEqual(
      expect.objectContaining({ type: "grant", entitlementId: `role:${SUPER_ADMIN_ROLE_ID}:member`, principal: { resourceTypeId: "user", id: ada?.id } }),
    );
    const invitation = records.find((r) => r.type === "resource" && r.resourceTypeId === "invitation");
    expect(invitation).toMatchObject({ displayName: "new.hire@example.com", user: { email: "new.hire@example.com", status: "unspecified" } });
    expect(records.some((r) => r.type === "grant" && r.principal.id === invitation?.id)).toBe(false);
    const admin = records.find((r) => r.type === "entitlement" && r.displayName === "Administrator Member Role");
    expect(admin).toMatchObject({ slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true });
  });

  it("does not add Super Administrator twice when the list has it, and adds roles only members reveal", async () => {
    const fixture = generateCloudflareAccount({ members: 12, roles: 3 });
    const hidden = { id: "c0ffee00c0ffee00c0ffee00c0ffee00", name: "Hidden Custom", description: "Only on members.", permissions: [] };
    fixture.roles.push(...fixture.unlistedRoles);
    fixture.unlistedRoles = [hidden];
    fixture.members[1].roleIds.push(hidden.id);
    sim = await startSpecCheckedSimulator({ fixture });
    const records = await collect(cloudflare.sync(TOKEN_CONFIG, testContext(sim.url)));
    expect(records.filter((r) => r.type === "entitlement" && r.id === `role:${SUPER_ADMIN_ROLE_ID}:member`)).toHaveLength(1);
    const hiddenAt = records.findIndex((r) => r.type === "entitlement" && r.id === `role:${hidden.id}:member`);
    const grantAt = records.findIndex((r) => r.type === "grant" && r.entitlementId === `role:${hidden.id}:member`);
    expect(hiddenAt).toBeGreaterThan(0);
    expect(grantAt).toBeGreaterThan(hiddenAt);
  });

  it("syncs accepted members whose nullable fields are null and optional ones absent, as the spec allows", async () => {
    const fixture = generateCloudflareAccount({ members: 12, roles: 3 });
    const sparse = fixture.members.filter((m) => m.status === "accepted").slice(1, 4);
    for (const member of sparse) {
      member.user = { email: member.user.email, first_name: null, last_name: null };
    }
    sim = await startSpecCheckedSimulator({ fixture });
    const context = testContext(sim.url);
    const records = await collect(cloudflare.sync(TOKEN_CONFIG, context));
    for (const member of sparse) {
      expect(records).toContainEqual(
        expect.objectContaining({
          type: "resource",
          resourceTypeId: "user",
          id: member.id,
          displayName: member.user.email,
          profile: expect.objectContaining({ user_id: null, first_name: null, last_name: null, two_factor_authentication_enabled: false }),
        }),
      );
      expect(records.filter((r) => r.type === "grant" && r.principal.id === member.id)).toHaveLength(member.roleIds.length);
    }
    expect(count(records, "resource", "user") + count(records, "resource", "invitation")).toBe(12);
    expect(context.logs.filter((line) => line.startsWith("warn"))).toEqual([]);
  });

  it("streams: the second member page is not fetched before the first page's records are consumed", async () => {
    sim = await startSpecCheckedSimulator({ fixture: generateCloudflareAccount({ members: 120, roles: 2 }) });
    const iterator = cloudflare.sync(TOKEN_CONFIG, testContext(sim.url))[Symbol.asyncIterator]();
    let result = await iterator.next();
    while (!result.done && !(result.value.type === "resource" && result.value.resourceTypeId === "user")) result = await iterator.next();
    expect(sim.stats.byRoute[MEMBERS]).toBe(1);
    await iterator.return?.(undefined);
    expect(sim.stats.byRoute[MEMBERS]).toBe(1);
  });
});
