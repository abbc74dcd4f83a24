// Cursor paging as Okta does it: `limit` and an opaque `after`, with Link headers rel="self"
// and rel="next" (absolute, on the org's own origin). Cursors name the last id answered and are
// HMAC-signed for the list they belong to, so a client that builds `after` itself is refused.
import { createHmac, randomBytes } from "node:crypto";

/** Page sizes per list, from the OpenAPI subset (defaults, minimums, maximums; caps as Okta applies). */
export type LimitRule = { default: number; min?: number; max: number };

export const LIMITS = {
  users: { default: 200, max: 200 },
  groups: { default: 10_000, max: 10_000 },
  groupUsers: { default: 1_000, max: 10_000 },
  apps: { default: 20, max: 200 },
  appUsers: { default: 50, min: 1, max: 500 },
  appGroups: { default: 20, min: 20, max: 200 },
  roleAssignees: { default: 100, max: 100 },
} satisfies Record<string, LimitRule>;

export function createCursors(secret: Buffer = randomBytes(16)) {
  const mac = (list: string, lastId: string) => createHmac("sha256", secret).update(`${list}\n${lastId}`).digest("base64url").slice(0, 22);
  return {
    sign: (list: string, lastId: string) => `${Buffer.from(lastId).toString("base64url")}.${mac(list, lastId)}`,
    /** The last id a cursor names, or undefined when it was not issued for this list. */
    open(list: string, after: string): string | undefined {
      const [encoded, signature] = after.split(".");
      if (!encoded || !signature) return undefined;
      const lastId = Buffer.from(encoded, "base64url").toString("utf8");
      return mac(list, lastId) === signature ? lastId : undefined;
    },
  };
}

export type Cursors = ReturnType<typeof createCursors>;

/** The limit a request asks for, clamped to what Okta allows (Okta caps silently). */
export function limitOf(query: URLSearchParams, rule: LimitRule): number {
  const raw = query.get("limit");
  const value = raw === null ? rule.default : Number.parseInt(raw, 10);
  if (!Number.isFinite(value)) return rule.default;
  return Math.min(rule.max, Math.max(rule.min ?? 1, value));
}

/** First index whose id sorts after `afterId` in an id-sorted list. */
export function indexAfter<T>(items: readonly T[], afterId: string | undefined, idOf: (item: T) => string): number {
  if (afterId === undefined) return 0;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idOf(items[mid]) <= afterId) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One page of an id-sorted list after `afterId`, keeping only items `keep` accepts. A next
 * cursor is issued only while more remain, so the fewest requests read the whole list.
 */
export function pageOf<T>(items: readonly T[], afterId: string | undefined, limit: number, idOf: (item: T) => string, keep: (item: T) => boolean = () => true): { items: T[]; lastId?: string } {
  const out: T[] = [];
  let i = indexAfter(items, afterId, idOf);
  for (; i < items.length && out.length < limit; i++) if (keep(items[i])) out.push(items[i]);
  while (i < items.length && !keep(items[i])) i++;
  return { items: out, lastId: i < items.length && out.length > 0 ? idOf(out[out.length - 1]) : undefined };
}

/** Link headers for a page: self is the request as made, next the same query with a new `after`. */
export function linkHeaders(origin: string, path: string, query: URLSearchParams, nextAfter: string | undefined): string[] {
  const self = `${origin}${path}${query.size > 0 ? `?${query}` : ""}`;
  const links = [`<${self}>; rel="self"`];
  if (nextAfter !== undefined) {
    const next = new URLSearchParams(query);
    next.set("after", nextAfter);
    links.push(`<${origin}${path}?${next}>; rel="next"`);
  }
  return links;
}
