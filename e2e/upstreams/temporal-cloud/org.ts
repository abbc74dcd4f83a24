// What a simulated organisation is made of. Users come from a `UserSource` so a 100,000-user
// organisation is produced lazily, one page at a time, instead of sitting in memory; the
// fixture is just a small array-backed source.
import fixture from "./fixture.json";
import type { WireNamespace, WireServiceAccount, WireUser } from "./wire";

export type UserSource = {
  size: number;
  /** Users in ascending id order, the order GetUsers pages in. */
  at(index: number): WireUser;
  /** The id of `at(index)`, cheaply (binary searches call it). */
  idAt(index: number): string;
  indexOf(id: string): number | undefined;
};

/** Exact numbers an organisation holds, for assertions and benchmarks. */
export type OrgCounts = {
  users: number;
  namespaces: number;
  serviceAccounts: number;
  namespaceGrants: number;
  /** Users per role wire value, e.g. `{ ROLE_OWNER: 1, ... }`. */
  roles: Record<string, number>;
  /** Namespace grants per permission wire value. */
  permissions: Record<string, number>;
};

export type TemporalOrg = {
  accountId: string;
  /** Ascending by `namespace`, the order GetNamespaces pages in. */
  namespaces: WireNamespace[];
  serviceAccounts: WireServiceAccount[];
  users: UserSource;
  counts: OrgCounts;
};

export function arraySource(users: WireUser[]): UserSource {
  const sorted = [...users].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(sorted.map((user, position) => [user.id, position]));
  return {
    size: sorted.length,
    at: (position) => structuredClone(sorted[position]),
    idAt: (position) => sorted[position].id,
    indexOf: (id) => index.get(id),
  };
}

export function countOrg(users: UserSource, namespaces: WireNamespace[], serviceAccounts: WireServiceAccount[]): OrgCounts {
  const counts: OrgCounts = { users: users.size, namespaces: namespaces.length, serviceAccounts: serviceAccounts.length, namespaceGrants: 0, roles: {}, permissions: {} };
  for (let index = 0; index < users.size; index++) {
    const access = users.at(index).spec.access;
    counts.roles[access.accountAccess.role] = (counts.roles[access.accountAccess.role] ?? 0) + 1;
    for (const entry of Object.values(access.namespaceAccesses)) {
      counts.namespaceGrants++;
      counts.permissions[entry.permission] = (counts.permissions[entry.permission] ?? 0) + 1;
    }
  }
  return counts;
}

/** The fixture organisation: an Owner, a Finance Admin, admins, developers, readers, an invitee, a user with a newer role. */
export function fixtureOrg(): TemporalOrg {
  const data = structuredClone(fixture) as unknown as {
    accountId: string;
    namespaces: WireNamespace[];
    users: WireUser[];
    serviceAccounts: WireServiceAccount[];
  };
  const namespaces = [...data.namespaces].sort((a, b) => (a.namespace < b.namespace ? -1 : 1));
  const users = arraySource(data.users);
  return { accountId: data.accountId, namespaces, serviceAccounts: data.serviceAccounts, users, counts: countOrg(users, namespaces, data.serviceAccounts) };
}
