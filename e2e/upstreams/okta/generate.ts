// Large deterministic orgs for benchmarks and paging tests (100,000 users, 5,000 groups,
// 1,000,000 memberships, 500 apps). Compact: members are id references into the one users
// array, and timestamps come from a small shared pool, so 100k users cost tens of MB, not GBs.
import { oktaId, stamp, type OktaOrg, type SimApp, type SimGroup, type SimRoleAssignment, type SimUser, type UserStatus } from "./state";

export type GenerateOktaOrgOptions = {
  users: number;
  /** Group 0 is the BUILT_IN Everyone group (all users); every 50th group is an APP_GROUP. */
  groups: number;
  /** Total group memberships, Everyone's included (at least `users` when groups > 0). */
  memberships: number;
  apps: number;
  orgUrl?: string;
};

const DEPARTMENTS = ["Engineering", "Sales", "Support", "Finance", "Marketing", "IT", "Security", "People", "Data", "Legal"];
const TITLES = ["Engineer", "Manager", "Analyst", "Specialist", "Director", "Associate"];
const APP_LABELS = ["Temporal Cloud", "Cloudflare", "GitHub", "Slack", "Salesforce", "Zoom"];

// A pool of timestamps: strings are shared, not one per user.
const STAMPS = Array.from({ length: 1_000 }, (_, i) => stamp(i));

/** 2% DEPROVISIONED, 2% SUSPENDED, and a sprinkle of every other status; the rest ACTIVE. */
export function generatedStatus(i: number): UserStatus {
  if (i % 50 === 7) return "DEPROVISIONED";
  if (i % 50 === 13) return "SUSPENDED";
  const rare: Record<number, UserStatus> = { 21: "STAGED", 33: "PROVISIONED", 45: "LOCKED_OUT", 57: "PASSWORD_EXPIRED", 69: "RECOVERY" };
  return rare[i % 100] ?? "ACTIVE";
}

function user(i: number, ids: string[]): SimUser {
  const status = generatedStatus(i);
  const manager = i === 0 ? undefined : Math.floor((i - 1) / 10);
  return {
    id: ids[i],
    status,
    created: STAMPS[i % 500],
    activated: status === "STAGED" ? null : STAMPS[(i % 500) + 1],
    statusChanged: status === "ACTIVE" ? null : STAMPS[600 + (i % 300)],
    lastLogin: i % 7 === 3 || status === "STAGED" || status === "PROVISIONED" ? null : STAMPS[900 + (i % 100)],
    lastUpdated: STAMPS[700 + (i % 200)],
    passwordChanged: status === "STAGED" || status === "PROVISIONED" ? null : STAMPS[(i % 500) + 2],
    profile: {
      login: `user${i}@example.com`,
      email: `user${i}@example.com`,
      firstName: `First${i}`,
      lastName: `Last${i}`,
      // Every 9th user has no department at all, as a sparse real profile would.
      ...(i % 9 === 4 ? {} : { department: DEPARTMENTS[i % DEPARTMENTS.length] }),
      title: i % 11 === 5 ? null : TITLES[i % TITLES.length],
      ...(manager === undefined ? {} : { manager: `First${manager} Last${manager}`, managerId: ids[manager] }),
      employeeNumber: `G${i}`,
      mobilePhone: null,
    },
  };
}

export function generateOktaOrg(options: GenerateOktaOrgOptions): OktaOrg {
  const userIds = Array.from({ length: options.users }, (_, i) => oktaId("00u", "1gkg", i + 1));
  const users = userIds.map((_, i) => user(i, userIds));
  const groups: SimGroup[] = [];
  const others = Math.max(0, options.groups - 1);
  const rest = Math.max(0, options.memberships - (options.groups > 0 ? options.users : 0));
  for (let g = 0; g < options.groups; g++) {
    let members: string[];
    if (g === 0) members = userIds;
    else {
      // A contiguous (wrapping) block of users: distinct members without a Set per group.
      const size = Math.min(options.users, Math.floor(rest / others) + (g - 1 < rest % others ? 1 : 0));
      const start = (g * 7_919) % Math.max(1, options.users);
      members = Array.from({ length: size }, (_, k) => userIds[(start + k) % options.users]).sort();
    }
    groups.push({
      id: oktaId("00g", "1gkg", g + 1),
      type: g === 0 ? "BUILT_IN" : g % 50 === 0 ? "APP_GROUP" : "OKTA_GROUP",
      name: g === 0 ? "Everyone" : `Group ${g}`,
      description: g === 0 ? "All users in your organization" : g % 3 === 0 ? null : `Generated group ${g}`,
      created: STAMPS[g % 300],
      lastUpdated: STAMPS[300 + (g % 300)],
      lastMembershipUpdated: STAMPS[600 + (g % 300)],
      members,
    });
  }
  const apps: SimApp[] = Array.from({ length: options.apps }, (_, a) => {
    const direct = new Set<string>();
    for (let k = 0; k < Math.min(20, options.users); k++) direct.add(userIds[(a * 211 + k * 37) % options.users]);
    // Two groups each, never Everyone (an app assigned to Everyone lists every user).
    const assigned = others > 0 ? [...new Set([1 + ((a * 13) % others), 1 + ((a * 29 + 7) % others)])].map((g) => groups[g].id) : [];
    return {
      id: oktaId("0oa", "1gkg", a + 1),
      name: a < APP_LABELS.length ? APP_LABELS[a].toLowerCase().replace(/\s+/g, "") : `generated_app_${a}`,
      label: APP_LABELS[a] ?? `Generated App ${a}`,
      status: a % 25 === 24 ? "INACTIVE" : "ACTIVE",
      signOnMode: a % 10 === 9 ? "BOOKMARK" : "SAML_2_0",
      created: STAMPS[a % 300],
      lastUpdated: STAMPS[400 + (a % 300)],
      logo: a % 5 !== 4,
      users: [...direct].sort(),
      groups: assigned.sort(),
    };
  });
  const roleTypes = ["SUPER_ADMIN", "ORG_ADMIN", "APP_ADMIN", "READ_ONLY_ADMIN", "HELP_DESK_ADMIN"];
  const roles: SimRoleAssignment[] = roleTypes.slice(0, Math.min(roleTypes.length, options.users)).map((type, i) => ({
    id: oktaId("irb", "1gkg", i + 1),
    userId: userIds[i],
    type,
    label: type.toLowerCase().replace(/(^|_)(\w)/g, (_, s: string, c: string) => `${s ? " " : ""}${c.toUpperCase()}`),
  }));
  return { orgUrl: options.orgUrl ?? "https://gatekeeper-bench.okta.com", users, groups, apps, roles };
}
