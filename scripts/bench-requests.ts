// `npm run bench:requests`: the access requests' figures.
//  1. Expiry: `--grants` (10,000) active time-bound grants all ending in the same minute, against
//     the Cloudflare simulator: the worker's sweep (started as a worker starts it) revokes them;
//     prints when the last revoke was sent after its end, and how many revoke requests (PUT
//     member) the simulator received per grant, which must be exactly one each.
//  2. Catalog: `--entitlements` (50,000) requestable entitlements; server time of the catalog
//     query (first page, a search, the next page), p50 / p95.
import os from "node:os";
import type { SyncRecord } from "@/lib/connectors/types";
import { flagArg, fmt, machine, numberArg, percentile, printTable, startBenchDatabase, startSimulatorProcess } from "./bench-common";

const GRANTS = numberArg("grants", 10_000);
const ENTITLEMENTS = numberArg("entitlements", 50_000);
const ADMIN = "fc6f1c2ecc72a2449c119f74c355bd46";
const READ_ONLY = "8e1bc0efc765dce66025d6c18ea8cb06";
const memberId = (i: number) => `m${String(i).padStart(31, "0")}`;

/**
 * `--simulator`: this script in a child process runs the Cloudflare simulator with the members,
 * as a remote upstream would be (not sharing the console's event loop), and a counter of the
 * revoke requests (PUT member) it received, per member, on a second port.
 */
if (flagArg("simulator")) {
  const { createServer } = await import("node:http");
  const { startCloudflareSimulator, loadCloudflareFixture } = await import("@/e2e/upstreams/cloudflare/server");
  const base = loadCloudflareFixture();
  const revokes = new Map<string, number>();
  const sim = await startCloudflareSimulator({
    fixture: { ...base, members: Array.from({ length: GRANTS }, (_, i) => ({ id: memberId(i), status: "accepted" as const, user: { email: `member${i}@bench.test`, first_name: "Member", last_name: String(i) }, roleIds: [READ_ONLY, ADMIN] })) },
    onExchange: (exchange) => {
      if (exchange.method !== "PUT" || !exchange.path.includes("/members/")) return;
      const id = exchange.path.split("/members/")[1];
      revokes.set(id, (revokes.get(id) ?? 0) + 1);
    },
  });
  const counter = createServer((_req, res) => res.end(JSON.stringify([...revokes.values()])));
  await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
  const address = counter.address();
  console.log(JSON.stringify({ url: sim.url, counter: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` }));
  await new Promise(() => {}); // until the parent stops it
}

// The simulator has no rate limit; real Cloudflare allows 1,200 requests per 5 minutes per user,
// which the adapter paces to (CLOUDFLARE_PACING, on by default).
const database = await startBenchDatabase({ LOG_LEVEL: "error", CLOUDFLARE_PACING: "false" });
const { DEMO_ACCOUNT_ID, DEMO_CREDENTIALS } = await import("@/e2e/upstreams/cloudflare/state");
const sim = await startSimulatorProcess<{ url: string; counter: string }>("scripts/bench-requests.ts", "Cloudflare");
process.env.CLOUDFLARE_API_URL = sim.url;
const revokeCounts = async () => (await (await fetch(sim.counter)).json()) as number[];

const { getPool } = await import("@/lib/db/client");
const { sealJson } = await import("@/lib/crypto");
const { ingestRecords, stopSyncQueue } = await import("@/lib/sync");
const pool = getPool();

async function addConnector(id: string, appId: string) {
  await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ($1, $1, true, now())`, [appId]);
  await pool.query(
    `INSERT INTO connectors (id, catalog_id, display_name, application_id, status, settings_sealed, provisioning_enabled, updated_at) VALUES ($1, 'cloudflare', $1, $2, 'CONNECTED', $3, true, now())`,
    [id, appId, sealJson({ accountId: DEMO_ACCOUNT_ID, apiToken: DEMO_CREDENTIALS.apiToken })],
  );
  await pool.query(`INSERT INTO request_settings (application_id, requestable, max_duration_hours, updated_at) VALUES ($1, true, 2160, now())`, [appId]);
}

async function* members(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "role", displayName: "Role", traits: ["role"] };
  for (const role of [ADMIN, READ_ONLY]) {
    yield { type: "resource", resourceTypeId: "role", id: role, displayName: role };
    yield { type: "entitlement", id: `role:${role}:member`, resource: { resourceTypeId: "role", id: role }, displayName: `${role} Member Role`, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  }
  for (let i = 0; i < GRANTS; i++) {
    yield { type: "resource", resourceTypeId: "user", id: memberId(i), displayName: `member${i}@bench.test`, user: { email: `member${i}@bench.test`, status: "enabled" } };
    for (const role of [ADMIN, READ_ONLY]) yield { type: "grant", id: `${i}:${role}`, entitlementId: `role:${role}:member`, principal: { resourceTypeId: "user", id: memberId(i) } };
  }
}

async function* catalog(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "role", displayName: "Role", traits: ["role"] };
  yield { type: "resource", resourceTypeId: "user", id: "requester", displayName: "Requester", user: { email: "requester@bench.test", status: "enabled" } };
  for (let i = 0; i < ENTITLEMENTS; i++) {
    yield { type: "resource", resourceTypeId: "role", id: `r${i}`, displayName: `Role ${i}` };
    yield { type: "entitlement", id: `role:r${i}:member`, resource: { resourceTypeId: "role", id: `r${i}` }, displayName: `Project ${i % 977} role ${i}`, description: `Role ${i} in project ${i % 977}`, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
    if (i % 50 === 0) yield { type: "grant", id: `g${i}`, entitlementId: `role:r${i}:member`, principal: { resourceTypeId: "user", id: "requester" } };
  }
}

async function benchExpiry() {
  await addConnector("bench-expiry", "bench-expiry-app");
  await ingestRecords("bench-expiry", members(), { trigger: "upload" });
  const endsAt = new Date(Date.now() + 20_000);
  await pool.query(
    `INSERT INTO access_requests (id, requester_id, requester_email, requester_name, application_id, app_name, connector_id, entitlement_id, entitlement_name,
       principal_type_id, principal_id, principal_name, duration_hours, state, steps, activated_at, ends_at, created_at, updated_at)
     SELECT 'req' || i, 'u' || i, 'member' || i || '@bench.test', 'Member ' || i, 'bench-expiry-app', 'Bench', 'bench-expiry', $1, 'Administrator Member Role',
            'user', 'm' || lpad(i::text, 31, '0'), 'member' || i, 1, 'ACTIVE', '[]', now(), $2::timestamp + (i % 40) * interval '1 second', now(), now()
       FROM generate_series(0, $3 - 1) AS i`,
    [`role:${ADMIN}:member`, endsAt, GRANTS],
  );
  const lastEnd = new Date(endsAt.getTime() + 39_000);
  const { getBoss } = await import("@/lib/sync/queue");
  const { startRequestJobs } = await import("@/lib/requests/jobs");
  const load = os.loadavg()[0];
  await startRequestJobs(await getBoss(), 2); // the sweep runs now and every 30 s, as in a worker
  let done = 0;
  while (done < GRANTS) {
    await new Promise((r) => setTimeout(r, 1000));
    done = Number((await pool.query(`SELECT count(*) FROM access_requests WHERE state = 'EXPIRED'`)).rows[0].count);
    if (Date.now() - lastEnd.getTime() > 10 * 60_000) break;
  }
  const lastMs = Number((await pool.query(`SELECT extract(epoch FROM max(ended_at) - $1::timestamp) * 1000 AS ms FROM access_requests`, [lastEnd])).rows[0].ms);
  const counts = await revokeCounts();
  return { done, lastMs, requests: counts.reduce((a, b) => a + b, 0), once: counts.filter((c) => c === 1).length, twice: counts.filter((c) => c > 1).length, load, loadAfter: os.loadavg()[0] };
}

async function benchCatalog() {
  await addConnector("bench-catalog", "bench-catalog-app");
  await ingestRecords("bench-catalog", catalog(), { trigger: "upload" });
  const { listCatalog } = await import("@/lib/data/request-catalog");
  const user = { id: "u-requester", email: "requester@bench.test" };
  const samples: Record<string, number[]> = { first: [], search: [], next: [] };
  for (let round = 0; round < 60; round++) {
    let t = performance.now();
    const first = await listCatalog(user, {});
    samples.first.push(performance.now() - t);
    t = performance.now();
    await listCatalog(user, { q: `project ${round * 13}` });
    samples.search.push(performance.now() - t);
    t = performance.now();
    await listCatalog(user, { after: first.next ?? undefined });
    samples.next.push(performance.now() - t);
  }
  const all = Object.values(samples).flat().slice(30); // the first rounds warm the caches
  return { p50: percentile(all, 50), p95: percentile(all, 95), byKind: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, percentile(v.slice(10), 95)])) };
}

try {
  console.log(`bench:requests on ${machine()}`);
  const expiry = await benchExpiry();
  const cat = await benchCatalog();
  printTable([
    ["grants ending in the same minute", fmt(GRANTS)],
    ["revoked (Expired)", fmt(expiry.done)],
    ["last revoke after the last end", `${fmt(expiry.lastMs / 1000, 1)} s (target ≤ 300 s)`],
    ["revoke requests on the simulator", `${fmt(expiry.requests)} (${fmt(expiry.once)} members once, ${fmt(expiry.twice)} more than once)`],
    ["load average (1 min) before / after", `${fmt(expiry.load, 2)} / ${fmt(expiry.loadAfter, 2)}`],
    ["requestable entitlements", fmt(ENTITLEMENTS)],
    ["catalog p50 / p95 (server time)", `${fmt(cat.p50, 1)} ms / ${fmt(cat.p95, 1)} ms (target p95 ≤ 50 ms, ${fmt(50 / cat.p95, 1)}× under)`],
    ["catalog p95 first page / search / next page", `${fmt(cat.byKind.first, 1)} / ${fmt(cat.byKind.search, 1)} / ${fmt(cat.byKind.next, 1)} ms`],
  ]);
} finally {
  const { stopBoss } = await import("@/lib/sync/queue");
  await stopBoss().catch(() => {});
  await stopSyncQueue?.().catch(() => {});
  sim.stop();
  await pool.end().catch(() => {});
  await database.stop();
  process.exit(0);
}
