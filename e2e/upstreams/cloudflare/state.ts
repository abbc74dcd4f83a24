// The simulator's world: one Cloudflare account with roles and members, seeded from
// fixture.json or generated for large-org tests. Plain data so tests can read and change it.
import { readFileSync } from "node:fs";
import { z } from "zod";

const roleSchema = z.object({
  id: z.string().max(32),
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
});

const memberSchema = z.object({
  id: z.string().max(32),
  status: z.enum(["accepted", "pending"]),
  user: z.object({
    id: z.string().max(32).optional(),
    email: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    // Optional in the subset (default false): a fixture may leave it out to test that.
    two_factor_authentication_enabled: z.boolean().optional(),
  }),
  roleIds: z.array(z.string()),
});

export const cloudflareFixtureSchema = z.object({
  account: z.object({ id: z.string().max(32), name: z.string() }),
  /** What List Roles returns. */
  roles: z.array(roleSchema),
  /** Roles members can hold that List Roles omits (Super Administrator, as on the real API). */
  unlistedRoles: z.array(roleSchema),
  members: z.array(memberSchema),
});

export type SimRole = z.infer<typeof roleSchema>;
export type SimMember = z.infer<typeof memberSchema>;
export type CloudflareFixture = z.infer<typeof cloudflareFixtureSchema>;

export type CloudflareCredentials = {
  apiToken: string;
  tokenId: string;
  tokenStatus: "active" | "disabled" | "expired";
  /** Verify Token's `expires_on`; absent (the default) is a token that never expires, as Cloudflare leaves it out. */
  tokenExpiresOn?: string;
  email: string;
  apiKey: string;
};

export type CloudflareSimState = CloudflareFixture & { credentials: CloudflareCredentials };

export const DEMO_CREDENTIALS: CloudflareCredentials = {
  apiToken: "cf-demo-token",
  tokenId: "ed17574386854bf78a67040be0a770b0",
  tokenStatus: "active",
  email: "admin@example.com",
  apiKey: "cf-demo-global-key",
};

export const DEMO_ACCOUNT_ID = "cf-demo-account";
export const SUPER_ADMIN_ROLE_ID = "33666b9c79b9a5273fc7344ff42f953d";

export function loadCloudflareFixture(): CloudflareFixture {
  const text = readFileSync(new URL("./fixture.json", import.meta.url), "utf8");
  return cloudflareFixtureSchema.parse(JSON.parse(text));
}

/** 32 lowercase hex characters, deterministic: the shape of every Cloudflare identifier. */
export function hexId(kind: number, n: number) {
  return `${kind.toString(16)}${n.toString(16).padStart(31, "0")}`.slice(0, 32);
}

const superAdmin: SimRole = {
  id: SUPER_ADMIN_ROLE_ID,
  name: "Super Administrator - All Privileges",
  description: "Can edit any Cloudflare setting, make purchases, update billing, and manage memberships.",
  permissions: ["#organization:read", "#organization:edit", "#billing:read", "#billing:edit", "#zones:read", "#zones:edit"],
};

/**
 * A large account: `roles` listed roles (Administrator first), Super Administrator unlisted,
 * and `members` members: the first a Super Administrator, every tenth a pending invitation,
 * every third holding a second role.
 */
export function generateCloudflareAccount(options: { members: number; roles: number; accountId?: string }): CloudflareFixture {
  const roles: SimRole[] = Array.from({ length: Math.max(1, options.roles) }, (_, i) =>
    i === 0
      ? { id: hexId(1, 0), name: "Administrator", description: "Can access the full account, except for membership management and billing.", permissions: ["#organization:read", "#zones:read", "#zones:edit"] }
      : { id: hexId(1, i), name: `Generated Role ${i}`, description: `Generated role number ${i}.`, permissions: ["#zones:read"] },
  );
  const members: SimMember[] = Array.from({ length: options.members }, (_, i) => {
    const pending = i % 10 === 9;
    const roleIds = i === 0 ? [SUPER_ADMIN_ROLE_ID] : [roles[i % roles.length].id];
    if (i > 0 && i % 3 === 0 && roles.length > 1) roleIds.push(roles[(i + 1) % roles.length].id);
    return {
      id: hexId(2, i),
      status: pending ? "pending" : "accepted",
      user: {
        ...(pending ? {} : { id: hexId(3, i) }),
        email: `member${i}@example.com`,
        first_name: pending ? null : `First${i}`,
        last_name: pending ? null : `Last${i}`,
        two_factor_authentication_enabled: i % 2 === 0,
      },
      roleIds: [...new Set(roleIds)],
    };
  });
  return { account: { id: options.accountId ?? DEMO_ACCOUNT_ID, name: "Generated Account" }, roles, unlistedRoles: [superAdmin], members };
}

export function createState(fixture: CloudflareFixture, credentials: Partial<CloudflareCredentials> = {}): CloudflareSimState {
  // A deep copy: writes through the API must not leak into the caller's fixture object.
  return { ...structuredClone(fixture), credentials: { ...DEMO_CREDENTIALS, ...credentials } };
}

export function findRole(state: CloudflareSimState, roleId: string): SimRole | undefined {
  return state.roles.find((role) => role.id === roleId) ?? state.unlistedRoles.find((role) => role.id === roleId);
}

/** The iam_member_with_policies shape the API answers with. */
export function memberJson(state: CloudflareSimState, member: SimMember) {
  return {
    id: member.id,
    status: member.status,
    user: member.user,
    roles: member.roleIds.flatMap((id) => {
      const role = findRole(state, id);
      return role ? [role] : [];
    }),
  };
}
