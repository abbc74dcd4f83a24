// What each load session browses, by role, and the loop that does it. A USER is sent to
// /forbidden from the Admin pages (a 307), which is counted as the expected answer.
import type { HttpSession, Visit } from "./http-session";
import type { TestUser } from "./db";

export type Target = { url: string; expect: number; location?: string };
export type BrowseTally = { latencies: number[]; errors: string[] };

export function targetsFor(role: TestUser["role"], apps: { pagingAppId: string; syncedAppIds: string[]; connectorIds: string[] }): Target[] {
  const ok = (url: string): Target => ({ url, expect: 200 });
  const app = `/applications/${apps.pagingAppId}`;
  const targets = [
    ok("/applications"),
    ok("/applications?tab=unmanaged"),
    ok("/applications?tab=managed&q=Load"),
    ok(app),
    ok(`${app}?tab=entitlements&sort=grants`),
    ok(`${app}?tab=entitlements&q=alpha`),
    ok(`${app}?tab=accounts`),
    ok(`${app}?tab=accounts&sort=email&dir=desc`),
    ok(`${app}?tab=accounts&q=person1`),
    ...apps.syncedAppIds.flatMap((id) => [ok(`/applications/${id}`), ok(`/applications/${id}?tab=accounts`)]),
  ];
  if (role === "USER") return [...targets, { url: "/admin/connectors", expect: 307, location: "/forbidden" }];
  return [...targets, ok("/admin/connectors"), ...apps.connectorIds.flatMap((id) => [ok(`/admin/connectors/${id}`), ok(`/api/connectors/${id}/status`)])];
}

/** The "Next page" link of an accounts list, if any (keyset cursor in `after`). */
function nextPage(visit: Visit): string | undefined {
  const href = visit.body.match(/href="([^"]*[?&](?:amp;)?after=[^"]*)"/)?.[1];
  return href?.replace(/&amp;/g, "&");
}

function judge(target: Target, visit: Visit): string | undefined {
  const redirectOk = target.location === undefined || (visit.location ?? "").endsWith(target.location);
  if (visit.status === target.expect && redirectOk) return undefined;
  return `${target.url}: HTTP ${visit.status}${visit.location ? ` → ${visit.location}` : ""}, expected ${target.expect}`;
}

/** Loops over the targets (from a random start) until the deadline, following "Next page" links. */
export async function browse(session: HttpSession, targets: Target[], deadline: number, tally: BrowseTally) {
  let i = Math.floor(Math.random() * targets.length);
  let follow: string | undefined;
  while (Date.now() < deadline) {
    const target = follow ? { url: follow, expect: 200 } : targets[i++ % targets.length];
    const visit = await session.get(target.url).catch((error: Error) => ({ url: target.url, status: 0, ms: 0, body: error.message, location: null }));
    tally.latencies.push(visit.ms);
    const error = judge(target, visit);
    if (error) tally.errors.push(error);
    follow = target.url.includes("tab=accounts") && !error ? nextPage(visit) : undefined;
  }
}
