// Large organisations for contract tests and the benchmark. Every user is a pure function of
// (seed, index), so `at(index)` builds one user on demand and a 100,000-user organisation with
// 1,000,000 namespace grants costs a few hundred KB (one role byte and one grant count per user)
// until a page is asked for. The grant total is exact, so tests can assert exact counts.
import type { OrgCounts, TemporalOrg, UserSource } from "./org";
import type { WireNamespace, WireServiceAccount, WireUser } from "./wire";

export type GenerateOptions = {
  users: number;
  namespaces: number;
  /** Total namespace grants (user × namespace accesses), distributed unevenly but exactly. */
  grants: number;
  serviceAccounts?: number;
  seed?: number;
  accountId?: string;
};

// Integer hashing kept in int32 on purpose: values above 2^31 leave V8's small-integer fast path
// and made generation ten times slower.
function mix(value: number): number {
  let x = value | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x | 0;
}
/** A uniform 32-bit value for (seed, index, salt), as an unsigned number. */
const hash = (seed: number, index: number, salt: number) => mix(mix(seed ^ mix((index + 0x9e3779b9) | 0)) ^ Math.imul(salt + 1, 0x27d4eb2d)) >>> 0;
const unit = (value: number) => value / 2 ** 32;
const hex = (value: number, width = 8) => value.toString(16).padStart(width, "0");
const pad2 = (value: number) => (value < 10 ? `0${value}` : `${value}`);

// Index order of ROLE_CODES is the Uint8Array code stored per user.
const ROLE_CODES = ["ROLE_OWNER", "ROLE_ADMIN", "ROLE_DEVELOPER", "ROLE_FINANCE_ADMIN", "ROLE_READ"] as const;
// Admins and developers work in many namespaces, readers in a few, finance in almost none.
const ROLE_WEIGHT = [2, 2, 1.5, 0.2, 0.6];
// Chance of [admin, write] per role; the rest is read.
const PERMISSION_ODDS: [number, number][] = [[0.3, 0.4], [0.3, 0.4], [0.1, 0.4], [0.02, 0.08], [0.02, 0.18]];
const FIRST = ["ada", "ben", "chloe", "dev", "ella", "finn", "gia", "hugo", "ines", "jon", "kai", "lena", "milo", "nora", "omar", "pia", "quinn", "rosa", "sam", "tara"];
const LAST = ["ng", "smith", "garcia", "kim", "mueller", "rossi", "dubois", "silva", "khan", "ito", "novak", "berg", "costa", "haas", "lund"];
const TEAMS = ["payments", "orders", "billing", "search", "inventory", "shipping", "fraud", "notifications", "identity", "analytics", "checkout", "ledger"];
const ENVS = ["prod", "staging", "dev", "qa"];
const REGIONS = ["aws-us-east-1", "aws-us-west-2", "aws-eu-west-1", "gcp-us-central1"];
const EPOCH = Date.UTC(2022, 0, 1);
// Date formatting is the slowest part of building a user: format each day once.
const DAYS = Array.from({ length: 900 }, (_, day) => new Date(EPOCH + day * 86_400_000).toISOString().slice(0, 10));
const timestamp = (day: number, second: number) =>
  `${DAYS[day % DAYS.length]}T${pad2(Math.floor(second / 3600) % 24)}:${pad2(Math.floor(second / 60) % 60)}:${pad2(second % 60)}Z`;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function countRoles(roles: Uint8Array): Record<string, number> {
  const result: Record<string, number> = {};
  for (const code of roles) result[ROLE_CODES[code]] = (result[ROLE_CODES[code]] ?? 0) + 1;
  return result;
}

function validate(options: GenerateOptions) {
  for (const key of ["users", "namespaces", "grants"] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 0) throw new RangeError(`${key} must be a non-negative integer`);
  }
  if (options.grants > options.users * options.namespaces) {
    throw new RangeError(`${options.grants} grants do not fit ${options.users} users × ${options.namespaces} namespaces`);
  }
}

function makeNamespaces(count: number, accountId: string, seed: number): WireNamespace[] {
  const combos = TEAMS.length * ENVS.length;
  const list: WireNamespace[] = [];
  for (let index = 0; index < count; index++) {
    const base = `${TEAMS[index % TEAMS.length]}-${ENVS[Math.floor(index / TEAMS.length) % ENVS.length]}`;
    const name = index < combos ? base : `${base}-${Math.floor(index / combos)}`;
    const region = REGIONS[hash(seed, index, 20) % REGIONS.length];
    list.push({
      namespace: `${name}.${accountId}`,
      resourceVersion: hex(hash(seed, index, 21)),
      spec: { name, regions: [region], retentionDays: [7, 14, 30, 90][hash(seed, index, 22) % 4] },
      state: "RESOURCE_STATE_ACTIVE",
      endpoints: { webAddress: `https://cloud.temporal.io/namespaces/${name}.${accountId}`, grpcAddress: `${name}.${accountId}.tmprl.cloud:7233` },
      activeRegion: region,
      createdTime: new Date(EPOCH + (hash(seed, index, 23) % 700) * 86_400_000).toISOString(),
    });
  }
  return list.sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0));
}

/** Uneven but exact: weights by role and chance, floors, then the remainder handed out round-robin. */
function grantCounts(roles: Uint8Array, options: GenerateOptions, seed: number): Uint32Array {
  const counts = new Uint32Array(options.users);
  if (options.grants === 0) return counts;
  const weights = new Float64Array(options.users);
  let total = 0;
  for (let index = 0; index < options.users; index++) {
    weights[index] = ROLE_WEIGHT[roles[index]] * (0.2 + 1.6 * unit(hash(seed, index, 2)));
    total += weights[index];
  }
  let left = options.grants;
  for (let index = 0; index < options.users; index++) {
    counts[index] = Math.min(options.namespaces, Math.floor((options.grants * weights[index]) / total));
    left -= counts[index];
  }
  for (let index = 0; left > 0; index = (index + 1) % options.users) {
    if (counts[index] < options.namespaces) {
      counts[index]++;
      left--;
    }
  }
  return counts;
}

export function generateTemporalOrg(options: GenerateOptions): TemporalOrg {
  validate(options);
  const seed = options.seed ?? 1;
  const accountId = options.accountId ?? hex(hash(seed, 0, 9)).slice(0, 5);
  const namespaces = makeNamespaces(options.namespaces, accountId, seed);
  const owners = Math.min(options.users, 1 + Math.floor(options.users / 50_000));
  const roles = new Uint8Array(options.users);
  for (let index = owners; index < options.users; index++) {
    const roll = unit(hash(seed, index, 1));
    roles[index] = roll < 0.005 ? 3 : roll < 0.035 ? 1 : roll < 0.335 ? 2 : 4;
  }
  const counts = grantCounts(roles, options, seed);
  const size = namespaces.length;
  // Strides coprime with the namespace count visit distinct namespaces for up to `size` slots.
  const strides: number[] = [];
  for (let stride = 1; stride < Math.max(2, size); stride++) if (gcd(stride, Math.max(1, size)) === 1) strides.push(stride);

  /** Distinct namespaces per user: a start skewed towards the first ones, a stride coprime with their number. */
  const picks = (index: number): [number, string][] => {
    const count = counts[index];
    if (count === 0) return [];
    const start = Math.floor(unit(hash(seed, index, 3)) ** 2 * size);
    const stride = strides[hash(seed, index, 4) % strides.length];
    const [admin, write] = PERMISSION_ODDS[roles[index]];
    const result: [number, string][] = [];
    for (let slot = 0; slot < count; slot++) {
      const roll = unit(hash(seed, index, 100 + slot));
      result.push([(start + slot * stride) % size, roll < admin ? "PERMISSION_ADMIN" : roll < admin + write ? "PERMISSION_WRITE" : "PERMISSION_READ"]);
    }
    return result;
  };

  const idAt = (index: number) => hex(index) + hex(hash(seed, index, 5)) + hex(hash(seed, index, 6)) + hex(hash(seed, index, 7));
  const at = (index: number): WireUser => {
    // A null-prototype object starts in V8's dictionary mode: plain `{}` with thousands of
    // distinct namespace keys builds a hidden-class tree that made each user ~30 µs.
    const namespaceAccesses: Record<string, { permission: string }> = Object.create(null);
    for (const [position, permission] of picks(index)) namespaceAccesses[namespaces[position].namespace] = { permission };
    const createdDay = hash(seed, index, 10) % 893;
    const createdSecond = hash(seed, index, 14) % 86_400;
    const invited = unit(hash(seed, index, 11)) < 0.03;
    return {
      id: idAt(index),
      resourceVersion: hex(hash(seed, index, 8)),
      spec: {
        email: `${FIRST[hash(seed, index, 12) % FIRST.length]}.${LAST[hash(seed, index, 13) % LAST.length]}.${index}@example.com`,
        access: { accountAccess: { role: ROLE_CODES[roles[index]] }, namespaceAccesses },
      },
      state: "RESOURCE_STATE_ACTIVE",
      ...(invited ? { invitation: { createdTime: timestamp(createdDay, createdSecond), expiredTime: timestamp(createdDay + 7, createdSecond) } } : {}),
      createdTime: timestamp(createdDay, createdSecond),
    };
  };
  const users: UserSource = {
    size: options.users,
    at,
    idAt,
    indexOf: (id) => {
      const index = Number.parseInt(id.slice(0, 8), 16);
      return Number.isInteger(index) && index >= 0 && index < options.users && idAt(index) === id ? index : undefined;
    },
  };

  const serviceAccounts: WireServiceAccount[] = [];
  const saCount = options.serviceAccounts ?? Math.max(1, Math.round(options.users / 1000));
  for (let index = 0; index < saCount; index++) {
    const target = size > 0 ? namespaces[hash(seed, index, 30) % size].namespace : undefined;
    serviceAccounts.push({
      id: hex(index) + hex(hash(seed, index, 31)) + hex(hash(seed, index, 32)) + hex(hash(seed, index, 33)),
      resourceVersion: hex(hash(seed, index, 34)),
      spec:
        index % 2 === 0 || !target
          ? { name: `svc-${TEAMS[index % TEAMS.length]}-${index}`, description: "Worker deployment", access: { accountAccess: { role: "ROLE_DEVELOPER" }, namespaceAccesses: target ? { [target]: { permission: "PERMISSION_WRITE" } } : {} } }
          : { name: `svc-${TEAMS[index % TEAMS.length]}-${index}`, namespaceScopedAccess: { namespace: target, access: { permission: "PERMISSION_READ" } } },
      state: "RESOURCE_STATE_ACTIVE",
      createdTime: new Date(EPOCH + index * 86_400_000).toISOString(),
    });
  }

  const orgCounts: OrgCounts = {
    users: options.users,
    namespaces: size,
    serviceAccounts: saCount,
    namespaceGrants: options.grants,
    roles: countRoles(roles),
    permissions: {},
  };
  // Exact per-permission totals need every pick; this is a counting pass, nothing is kept.
  for (let index = 0; index < options.users; index++) {
    for (const [, permission] of picks(index)) orgCounts.permissions[permission] = (orgCounts.permissions[permission] ?? 0) + 1;
  }
  return { accountId, namespaces, serviceAccounts, users, counts: orgCounts };
}
