// The simulator's mutable state over an organisation. Users stay in the lazy source until written:
// `order` holds one number per user (a source index, or a negative key for users created here),
// edited users live in `overrides`, so writes cost memory per changed user, not per user.
import type { TemporalOrg } from "./org";
import type { WireNamespace, WireOperation, WireServiceAccount, WireUser } from "./wire";

export type SimOperation = WireOperation & {
  /** GetAsyncOperation answers still "in progress" before the final state. */
  pendingPolls: number;
  /** Set when the operation is destined to fail (fault injection). */
  failWith?: string;
};

export class OrgStore {
  readonly accountId: string;
  readonly namespaces: WireNamespace[];
  readonly serviceAccounts: WireServiceAccount[];
  readonly operations = new Map<string, SimOperation>();
  private readonly order: number[];
  private readonly overrides = new Map<number, WireUser>();
  private readonly created: WireUser[] = [];
  private readonly createdIndex = new Map<string, number>();
  private readonly removed = new Set<number>();
  private version = 0;

  constructor(private readonly org: TemporalOrg) {
    this.accountId = org.accountId;
    this.namespaces = org.namespaces.map((namespace) => structuredClone(namespace));
    this.serviceAccounts = org.serviceAccounts.map((account) => structuredClone(account));
    this.order = Array.from({ length: org.users.size }, (_, index) => index);
  }

  get userCount(): number {
    return this.order.length;
  }

  /** A fresh opaque resource version, as every write produces. */
  nextVersion(): string {
    this.version++;
    return `sim-${this.version.toString(36)}`;
  }

  private idOfKey(key: number): string {
    return key >= 0 ? this.org.users.idAt(key) : this.created[-key - 1].id;
  }

  /** A copy the caller may change: sources build a fresh object per call, stored users are cloned. */
  private userOfKey(key: number): WireUser {
    const stored = this.overrides.get(key) ?? (key < 0 ? this.created[-key - 1] : undefined);
    return stored ? structuredClone(stored) : this.org.users.at(key);
  }

  private keyOf(id: string): number | undefined {
    const index = this.org.users.indexOf(id);
    if (index !== undefined) return this.removed.has(index) ? undefined : index;
    const created = this.createdIndex.get(id);
    return created === undefined || this.removed.has(-created - 1) ? undefined : -created - 1;
  }

  /** Position where `id` is or would be inserted, by binary search over ascending ids. */
  private position(id: string): number {
    let low = 0;
    let high = this.order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.idOfKey(this.order[middle]) < id) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Users [offset, offset + limit) in id order, as copies: handlers cannot change state by accident. */
  userPage(offset: number, limit: number): WireUser[] {
    return this.order.slice(offset, offset + limit).map((key) => this.userOfKey(key));
  }

  *allUsers(): Generator<WireUser> {
    for (const key of this.order) yield this.userOfKey(key);
  }

  getUser(id: string): WireUser | undefined {
    const key = this.keyOf(id);
    return key === undefined ? undefined : this.userOfKey(key);
  }

  firstUserId(): string | undefined {
    return this.order.length > 0 ? this.idOfKey(this.order[0]) : undefined;
  }

  findUserByEmail(email: string): WireUser | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.allUsers()) if (user.spec.email.toLowerCase() === wanted) return user;
    return undefined;
  }

  /** Replaces a user (same id) with a new version. */
  putUser(user: WireUser): void {
    const key = this.keyOf(user.id);
    if (key === undefined) throw new Error(`no user ${user.id}`);
    if (key >= 0) this.overrides.set(key, structuredClone(user));
    else this.created[-key - 1] = structuredClone(user);
  }

  insertUser(user: WireUser): void {
    if (this.keyOf(user.id) !== undefined) throw new Error(`user ${user.id} exists`);
    this.created.push(structuredClone(user));
    this.createdIndex.set(user.id, this.created.length - 1);
    this.order.splice(this.position(user.id), 0, -this.created.length);
  }

  deleteUser(id: string): void {
    const key = this.keyOf(id);
    if (key === undefined) return;
    this.order.splice(this.position(id), 1);
    this.removed.add(key);
    this.overrides.delete(key);
  }

  getNamespace(id: string): WireNamespace | undefined {
    return this.namespaces.find((namespace) => namespace.namespace === id);
  }
}
