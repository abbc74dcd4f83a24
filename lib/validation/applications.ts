// The Applications pages' URL parameters. Pages are links: whatever arrives in the URL is
// parsed here, and anything unexpected falls back to the default instead of failing.
import { z } from "zod";

export const PAGE_SIZE = 50;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = (max: number) => z.preprocess(first, z.string().trim().max(max).optional()).catch(undefined);
/** Cursors are opaque base64url; their content is checked where they are decoded. */
const cursor = z.preprocess(first, z.string().regex(/^[A-Za-z0-9_-]{1,400}$/).optional()).catch(undefined);
const direction = z.preprocess(first, z.enum(["asc", "desc"]).optional()).catch(undefined);

export const appsTabs = ["managed", "unmanaged"] as const;
export type AppsTab = (typeof appsTabs)[number];

export const appsQuerySchema = z.object({
  tab: z.preprocess(first, z.enum(appsTabs)).catch("managed"),
  q: text(100),
});

export const appTabs = ["entitlements", "accounts"] as const;
export type AppTab = (typeof appTabs)[number];

export const accountSorts = ["name", "email"] as const;
export const entitlementSorts = ["name", "grants"] as const;
export type AccountSort = (typeof accountSorts)[number];
export type EntitlementSort = (typeof entitlementSorts)[number];
export type SortDirection = "asc" | "desc";

const listFields = { q: text(100), dir: direction, after: cursor, before: cursor };

export const appQuerySchema = z.object({
  tab: z.preprocess(first, z.enum(appTabs)).catch("entitlements"),
  sort: z.preprocess(first, z.string().optional()).catch(undefined),
  ...listFields,
});

/** Holders of an entitlement and grants of an account: name order, searchable, paged. */
export const detailQuerySchema = z.object(listFields);

export type ListQuery<S extends string> = { q?: string; sort: S; dir: SortDirection; after?: string; before?: string };

/** The sort of a tab, with each sort's natural direction (names A→Z, biggest counts first). */
export function accountListQuery(raw: z.infer<typeof appQuerySchema>): ListQuery<AccountSort> {
  const sort = (accountSorts as readonly string[]).includes(raw.sort ?? "") ? (raw.sort as AccountSort) : "name";
  return { q: raw.q || undefined, sort, dir: raw.dir ?? "asc", after: raw.after, before: raw.before };
}

export function entitlementListQuery(raw: z.infer<typeof appQuerySchema>): ListQuery<EntitlementSort> {
  const sort = (entitlementSorts as readonly string[]).includes(raw.sort ?? "") ? (raw.sort as EntitlementSort) : "name";
  return { q: raw.q || undefined, sort, dir: raw.dir ?? (sort === "grants" ? "desc" : "asc"), after: raw.after, before: raw.before };
}

// ---- Stable addresses. Synced rows are rewritten by every sync, so pages address an
// entitlement by (connector, external id) and an account by (connector, type, external id),
// each external id packed into one URL-safe segment.

// base64url by hand: btoa/atob exist in the browser and in Node, Buffer only in Node.
function key(value: unknown): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(JSON.stringify(value))) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function unkey(segment: string): unknown {
  try {
    const binary = atob(segment.replace(/-/g, "+").replace(/_/g, "/"));
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return undefined;
  }
}

const entitlementKeySchema = z.string().min(1).max(1_000);
const accountKeySchema = z.tuple([z.string().min(1).max(500), z.string().min(1).max(1_000)]);

export function entitlementPath(appId: string, connectorId: string, externalId: string) {
  return `/applications/${encodeURIComponent(appId)}/entitlements/${encodeURIComponent(connectorId)}/${key(externalId)}`;
}

export function accountPath(appId: string, connectorId: string, resourceTypeId: string, externalId: string) {
  return `/applications/${encodeURIComponent(appId)}/accounts/${encodeURIComponent(connectorId)}/${key([resourceTypeId, externalId])}`;
}

/** The URL segment of an entitlement (its page, its holders' export). */
export const entitlementKey = (externalId: string) => key(externalId);

export function parseEntitlementKey(segment: string): string | null {
  const parsed = entitlementKeySchema.safeParse(unkey(segment));
  return parsed.success ? parsed.data : null;
}

export function parseAccountKey(segment: string): { resourceTypeId: string; externalId: string } | null {
  const parsed = accountKeySchema.safeParse(unkey(segment));
  return parsed.success ? { resourceTypeId: parsed.data[0], externalId: parsed.data[1] } : null;
}

/** `path?a=1&b=2` without empty values. */
export function withQuery(path: string, values: Record<string, string | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

// ---- CSV exports of the lists above, carrying the list's search and sort (never its cursor:
// an export has every row).

export function accountsExportPath(appId: string, query: { q?: string; sort: string; dir: SortDirection }) {
  return withQuery(`/api/applications/${encodeURIComponent(appId)}/export/accounts`, { q: query.q, sort: query.sort, dir: query.dir });
}

export function entitlementsExportPath(appId: string, query: { q?: string; sort: string; dir: SortDirection }) {
  return withQuery(`/api/applications/${encodeURIComponent(appId)}/export/entitlements`, { q: query.q, sort: query.sort, dir: query.dir });
}

export function holdersExportPath(appId: string, connectorId: string, externalId: string, query: { q?: string }) {
  return withQuery(`/api/applications/${encodeURIComponent(appId)}/export/holders/${encodeURIComponent(connectorId)}/${entitlementKey(externalId)}`, { q: query.q });
}
