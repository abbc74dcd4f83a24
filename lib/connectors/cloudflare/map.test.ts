// Answers the OpenAPI subset allows but that are unusual: fields it marks optional left out or
// null, nullable ones null. None of them may fail a sync; each reads as a sensible default.
import { describe, expect, it } from "vitest";
import { accountSchema, memberListSchema } from "./api";
import { memberGrants, memberResource } from "./map";

const page = (result: unknown, extra: Record<string, unknown> = {}) => memberListSchema.parse({ success: true, errors: [], messages: [], result, ...extra });
const ROLE = { id: "r1", name: "Administrator", description: "All of it", permissions: {} };

describe("cloudflare members with nullable and optional fields", () => {
  it("syncs an accepted member whose nullable fields are null and optional ones are null or absent", () => {
    const [member] = page([
      {
        id: "m1",
        status: "accepted",
        user: { id: null, email: "ada@example.com", first_name: null, last_name: null, two_factor_authentication_enabled: null },
        roles: [{ ...ROLE, description: null }],
        policies: null,
      },
    ]).result;
    expect(memberResource(member)).toMatchObject({
      resourceTypeId: "user",
      id: "m1",
      displayName: "ada@example.com",
      user: { email: "ada@example.com", status: "enabled" },
      profile: { user_id: null, first_name: null, last_name: null, two_factor_authentication_enabled: false, roles: "Administrator" },
    });
    expect(memberGrants(member).map((grant) => grant.entitlementId)).toEqual(["role:r1:member"]);
  });

  it("reads roles, user and result_info as absent when null", () => {
    const parsed = page([{ id: "m2", status: "accepted", user: null, roles: null }], { result_info: null });
    expect(parsed.result_info).toBeUndefined();
    const [member] = parsed.result;
    expect(member.roles).toEqual([]);
    // No user in the answer: the member still syncs, named by its id, with no email.
    expect(memberResource(member)).toMatchObject({ id: "m2", displayName: "m2", user: { email: undefined, status: "enabled" }, profile: { email: null } });
    expect(page(null).result).toEqual([]);
    expect(page([{ id: "m3", status: "pending", user: { email: "x@example.com" } }], { result_info: { page: 1, per_page: null, count: null, total_count: 1 } }).result_info).toEqual({
      page: 1,
      per_page: undefined,
      count: undefined,
      total_count: 1,
      total_pages: undefined,
    });
  });

  it("skips, without failing, a member it cannot address or classify (no id, no status)", () => {
    const members = page([{ status: "accepted", user: { email: "a@example.com" } }, { id: "m4", user: { email: "b@example.com" } }, { id: "m5", status: null }]).result;
    expect(members.map(memberResource)).toEqual([undefined, undefined, undefined]);
    expect(members.flatMap(memberGrants)).toEqual([]);
  });

  it("still refuses what the subset requires: a user without an email, a role without an id", () => {
    expect(memberListSchema.safeParse({ success: true, errors: [], messages: [], result: [{ id: "m", user: { first_name: "A" } }] }).success).toBe(false);
    expect(memberListSchema.safeParse({ success: true, errors: [], messages: [], result: [{ id: "m", roles: [{ name: "x" }] }] }).success).toBe(false);
  });

  it("reads an account answer without id or name (the subset declares any object)", () => {
    expect(accountSchema.parse({ success: true, errors: [], messages: [], result: { name: null } }).result).toEqual({ id: undefined, name: undefined });
  });
});
