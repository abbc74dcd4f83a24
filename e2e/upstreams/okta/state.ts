// The simulator's world: one Okta org (users, groups with members, apps with assignments, admin
// role assignments), built from fixture.json or generated for large-org benchmarks. Every list
// is sorted by id, as Okta's id cursors assume, so paging stays stable while the org changes.
import { readFileSync } from "node:fs";
import { z } from "zod";

export const USER_STATUSES = ["ACTIVE", "DEPROVISIONED", "LOCKED_OUT", "PASSWORD_EXPIRED", "PROVISIONED", "RECOVERY", "STAGED", "SUSPENDED"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export type GroupType = "OKTA_GROUP" | "APP_GROUP" | "BUILT_IN";

export type SimUser = {
  id: string;
  status: UserStatus;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  /** Okta's base profile; absent attributes are left out or null as the schema allows. */
  profile: { login: string; email: string; firstName: string | null; lastName: string | null; department?: string; title?: string | null; manager?: string | null; managerId?: string | null; employeeNumber?: string; mobilePhone?: string | null };
};

export type SimGroup = {
  id: string;
  type: GroupType;
  name: string;
  description: string | null;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  /** Member user ids, sorted. */
  members: string[];
};

export type SimApp = {
  id: string;
  name: string;
  label: string;
  status: "ACTIVE" | "INACTIVE";
  signOnMode: "SAML_2_0" | "BOOKMARK" | "OPENID_CONNECT";
  created: string;
  lastUpdated: string;
  /** Whether Okta has a logo for it (`_links.logo`). */
  logo: boolean;
  /** Directly assigned user ids and assigned group ids, sorted. */
  users: string[];
  groups: string[];
};

export type SimRoleAssignment = { id: string; userId: string; type: string; label: string; customRoleId?: string };

export type OktaOrg = { orgUrl: string; users: SimUser[]; groups: SimGroup[]; apps: SimApp[]; roles: SimRoleAssignment[] };

export const DEMO_ORG_URL = "https://gatekeeper-demo.okta.com";

/** 20 characters from [0-9a-z] after a 3-character type prefix, like Okta's ids (00u…, 00g…, 0oa…). */
export function oktaId(prefix: "00u" | "00g" | "0oa" | "irb" | "ra1" | "cr0", infix: string, n: number): string {
  return `${prefix}${infix}${n.toString(36).padStart(17 - infix.length, "0")}`;
}

/** Deterministic timestamps: day `n` after 2023-01-02, at a time that varies with `n`. */
export function stamp(n: number): string {
  return new Date(Date.UTC(2023, 0, 2) + n * 86_400_000 + (n % 86_400) * 1_000).toISOString();
}

export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const fixtureSchema = z.object({
  orgUrl: z.string(),
  users: z.array(
    z.object({
      key: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      status: z.enum(USER_STATUSES),
      department: z.string().optional(),
      title: z.string().optional(),
      manager: z.string().optional(),
      employeeNumber: z.string().optional(),
      lastLogin: z.string().nullable().default(null),
    }),
  ),
  groups: z.array(z.object({ key: z.string(), name: z.string(), type: z.enum(["OKTA_GROUP", "APP_GROUP", "BUILT_IN"]), description: z.string().nullable(), members: z.union([z.literal("*"), z.array(z.string())]) })),
  apps: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      label: z.string(),
      status: z.enum(["ACTIVE", "INACTIVE"]),
      signOnMode: z.enum(["SAML_2_0", "BOOKMARK", "OPENID_CONNECT"]),
      logo: z.boolean(),
      users: z.array(z.string()),
      groups: z.array(z.string()),
    }),
  ),
  roles: z.array(z.object({ user: z.string(), type: z.string(), label: z.string(), customRoleId: z.string().optional() })),
});
export type OktaFixture = z.infer<typeof fixtureSchema>;

export function loadOktaFixture(): OktaFixture {
  return fixtureSchema.parse(JSON.parse(readFileSync(new URL("./fixture.json", import.meta.url), "utf8")));
}

/** The demo org: fixture keys become Okta ids in fixture order (so ids sort as the file reads). */
export function demoOktaOrg(fixture: OktaFixture = loadOktaFixture()): OktaOrg {
  const ids = new Map<string, string>();
  fixture.users.forEach((u, i) => ids.set(`user:${u.key}`, oktaId("00u", "1gkd", i + 1)));
  fixture.groups.forEach((g, i) => ids.set(`group:${g.key}`, oktaId("00g", "1gkd", i + 1)));
  const ref = (kind: string, key: string) => {
    const id = ids.get(`${kind}:${key}`);
    if (!id) throw new Error(`fixture.json: no ${kind} "${key}"`);
    return id;
  };
  const users: SimUser[] = fixture.users.map((u, i) => {
    const manager = u.manager ? fixture.users.find((m) => m.key === u.manager) : undefined;
    if (u.manager && !manager) throw new Error(`fixture.json: no manager "${u.manager}"`);
    return {
      id: ref("user", u.key),
      status: u.status,
      created: stamp(10 + i),
      activated: u.status === "STAGED" ? null : stamp(11 + i),
      statusChanged: u.status === "ACTIVE" ? null : stamp(300 + i),
      lastLogin: u.lastLogin,
      lastUpdated: stamp(400 + i),
      passwordChanged: u.status === "STAGED" || u.status === "PROVISIONED" ? null : stamp(12 + i),
      profile: {
        login: u.email,
        email: u.email,
        firstName: u.firstName,
        lastName: u.lastName,
        ...(u.department ? { department: u.department } : {}),
        title: u.title ?? null,
        ...(manager ? { manager: `${manager.firstName} ${manager.lastName}`, managerId: ref("user", manager.key) } : {}),
        ...(u.employeeNumber ? { employeeNumber: u.employeeNumber } : {}),
        mobilePhone: null,
      },
    };
  });
  const groups: SimGroup[] = fixture.groups.map((g, i) => ({
    id: ref("group", g.key),
    type: g.type,
    name: g.name,
    description: g.description,
    created: stamp(i),
    lastUpdated: stamp(200 + i),
    lastMembershipUpdated: stamp(420 + i),
    members: (g.members === "*" ? users.map((u) => u.id) : g.members.map((k) => ref("user", k))).sort(),
  }));
  const apps: SimApp[] = fixture.apps.map((a, i) => ({
    id: oktaId("0oa", "1gkd", i + 1),
    name: a.name,
    label: a.label,
    status: a.status,
    signOnMode: a.signOnMode,
    created: stamp(5 + i),
    lastUpdated: stamp(250 + i),
    logo: a.logo,
    users: a.users.map((k) => ref("user", k)).sort(),
    groups: a.groups.map((k) => ref("group", k)).sort(),
  }));
  const roles = fixture.roles.map((r, i) => ({ id: oktaId("irb", "1gkd", i + 1), userId: ref("user", r.user), type: r.type, label: r.label, customRoleId: r.customRoleId }));
  return { orgUrl: fixture.orgUrl, users, groups, apps, roles };
}

/** A deep copy: writes through the API must not leak into the caller's org object. */
export function cloneOrg(org: OktaOrg): OktaOrg {
  return {
    orgUrl: org.orgUrl,
    users: org.users, // users are never written through the API; shared to keep large orgs cheap
    groups: org.groups.map((g) => ({ ...g, members: [...g.members] })),
    apps: org.apps.map((a) => ({ ...a, users: [...a.users], groups: [...a.groups] })),
    roles: org.roles,
  };
}
