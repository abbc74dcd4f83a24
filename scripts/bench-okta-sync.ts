// The Okta sync part of `npm run bench:okta`: a generated org (100,000 users, 5,000 groups,
// 1,000,000 memberships, 500 apps by default) served by the Okta simulator in its own process,
// as a remote upstream would be, synced through the real adapter, HTTP and store path. Prints
// requests against the minimum pages, the store write against a raw COPY of the same rows in
// the same run, and the peak RSS of this process (the sync's).
import type pg from "pg";
import { fmt, measuredSync, numberArg, printTable, startSimulatorProcess } from "./bench-common";
import { rawCopyBaseline } from "./bench-raw-copy";

export type OktaOrgSize = { users: number; groups: number; memberships: number; apps: number };

export function oktaOrgSize(): OktaOrgSize {
  return { users: numberArg("users", 100_000), groups: numberArg("groups", 5_000), memberships: numberArg("memberships", 1_000_000), apps: numberArg("apps", 500) };
}

/**
 * Serves the org (child-process side) and prints its URL with the minimum number of requests a
 * sync needs at the adapter's page sizes: every list in pages of its limit, nothing fetched twice.
 */
export async function serveOktaSimulator(size: OktaOrgSize) {
  const { generateOktaOrg } = await import("@/e2e/upstreams/okta/generate");
  const { startOktaSimulator } = await import("@/e2e/upstreams/okta/server");
  const { DEFAULT_PAGE_SIZES: S } = await import("@/lib/connectors/okta/client");
  const org = generateOktaOrg(size);
  const pages = (n: number, per: number) => Math.max(1, Math.ceil(n / per));
  const active = new Set(org.users.filter((u) => u.status !== "DEPROVISIONED").map((u) => u.id));
  const members = new Map(org.groups.map((g) => [g.id, g.members]));
  const appUsers = (app: (typeof org.apps)[number]) => {
    const all = new Set(app.users.filter((id) => active.has(id)));
    for (const group of app.groups) for (const id of members.get(group) ?? []) if (active.has(id)) all.add(id);
    return all.size;
  };
  const roleHolders = new Set(org.roles.map((r) => r.userId)).size;
  // Okta lists DEPROVISIONED users only when asked by status, so users are two listings.
  const minimum =
    pages(org.users.length - active.size, S.users) +
    pages(active.size, S.users) +
    pages(org.groups.length, S.groups) +
    org.groups.reduce((n, g) => n + pages(g.members.length, S.groupUsers), 0) +
    pages(org.apps.length, S.apps) +
    org.apps.reduce((n, a) => n + pages(appUsers(a), S.appUsers) + pages(a.groups.length, S.appGroups), 0) +
    pages(roleHolders, S.roleAssignees) +
    roleHolders;
  // The benchmark measures this product, not Okta's quotas: pacing is covered by the contract tests.
  const sim = await startOktaSimulator({ org, rateLimits: { enabled: false } });
  console.log(JSON.stringify({ url: sim.url, minimum, control: `${sim.url}/__control` }));
}

export type OktaSimulatorProcess = { url: string; minimum: number; control: string; stop: () => void };

/** The simulator in a child process (the benchmark script with --simulator), before the app's env loads. */
export function startOktaSimulatorProcess(script: string): Promise<OktaSimulatorProcess> {
  return startSimulatorProcess<Omit<OktaSimulatorProcess, "stop">>(script, "Okta");
}

async function simulatorStats(control: string) {
  const response = await fetch(control);
  return ((await response.json()) as { stats: { total: number } }).stats;
}

/** Runs one Okta sync against the simulator (OKTA_API_URL points at it); leaves nothing behind. */
export async function benchOktaSync(pool: pg.Pool, sim: OktaSimulatorProcess, size: OktaOrgSize) {
  console.log(`\nOkta sync: ${fmt(size.users)} users, ${fmt(size.groups)} groups, ${fmt(size.memberships)} memberships, ${fmt(size.apps)} apps`);
  {
    const { sealJson } = await import("@/lib/crypto");
    const { OKTA_DEMO_API_TOKEN } = await import("@/e2e/upstreams/okta/auth");
    const { deleteConnector } = await import("@/lib/data/connectors");
    await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ('oktaapp', 'Okta', true, now())`);
    await pool.query(
      `INSERT INTO connectors (id, catalog_id, display_name, application_id, status, settings_sealed, updated_at)
       VALUES ('oktaconnector', 'okta', 'Okta', 'oktaapp', 'SYNCING', $1, now())`,
      [sealJson({ domain: "https://gatekeeper-demo.okta.com", authMethod: "api-token", apiToken: OKTA_DEMO_API_TOKEN })],
    );
    const before = (await simulatorStats(sim.control)).total;
    const { runId, run, timings: t, wallMs, peakMb, storeMs, rows } = await measuredSync("oktaconnector");
    const requests = (await simulatorStats(sim.control)).total - before;
    const baseline = await rawCopyBaseline(pool, runId);
    const ratio = storeMs / baseline.copyMs;
    const { rows: people } = await pool.query<{ n: number; apps: number }>(
      `SELECT (SELECT count(*)::int FROM people WHERE identity_connector_id = 'oktaconnector') AS n,
              (SELECT count(*)::int FROM applications WHERE discovered_by_connector_id = 'oktaconnector') AS apps`,
    );
    printTable([
      ["rows written", `${fmt(rows)} (${fmt(run.counts.resources)} resources incl. ${fmt(run.counts.accounts)} accounts, ${fmt(run.counts.entitlements)} entitlements, ${fmt(run.counts.grants)} grants)`],
      ["people, discovered apps", `${fmt(people[0].n)} people, ${fmt(people[0].apps)} unmanaged apps`],
      ["wall time", `${fmt(wallMs / 1000, 1)} s`],
      ["peak RSS", `${fmt(peakMb)} MB (target ≤ 512)`],
      ["upstream requests", `${fmt(requests)} (minimum ${fmt(sim.minimum)})`],
      ["store write", `${fmt(storeMs)} ms = encode+COPY ${fmt(t.storeWriteMs ?? 0)} + indexes ${fmt(t.indexMs ?? 0)} + publish ${fmt(t.publishMs ?? 0)} (people ${fmt(t.peopleMs ?? 0)}, discovered apps ${fmt(t.discoveredAppsMs ?? 0)}, matching ${fmt(t.matchMs ?? 0)})`],
      ["raw COPY, same rows", `${fmt(baseline.copyMs)} ms into scratch tables without indexes (${fmt(baseline.rows)} rows)`],
      ["store / raw COPY", `${fmt(ratio, 2)} (target ≤ 2)`],
    ]);
    await pool.query(`DELETE FROM applications WHERE discovered_by_connector_id = 'oktaconnector' AND NOT managed`);
    await deleteConnector("oktaconnector");
    await pool.query(`DELETE FROM applications WHERE id = 'oktaapp'`);
    return { ratio, peakMb, requests, minimum: sim.minimum };
  }
}
