// `npm run bench:reviews [-- --accounts 100000 --roles 10]`: access reviews at a million grants.
// Launch (one INSERT … SELECT into a fresh partition, reviewer resolved in SQL, indexes built at
// attach) against a bare INSERT … SELECT of the same rows into an unindexed table, in the same
// run; the inbox's keyset pages for one reviewer holding every item; 10,000 decisions in one
// call; and the CSV export of every item streamed from the cursor, with memory along the way.
import type { SyncRecord } from "@/lib/connectors/types";
import { fmt, machine, numberArg, percentile, printTable, startBenchDatabase, trackPeakRss } from "./bench-common";

const accounts = numberArg("accounts", 100_000);
const roles = numberArg("roles", 10);
const grants = accounts * roles;

async function* organisation(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "role", displayName: "Role", traits: ["role"] };
  for (let r = 0; r < roles; r++) {
    yield { type: "resource", resourceTypeId: "role", id: `r${r}`, displayName: r === 0 ? "Administrator" : `Role ${r}` };
    yield { type: "entitlement", id: `role:r${r}:member`, resource: { resourceTypeId: "role", id: `r${r}` }, displayName: r === 0 ? "Administrator" : `Role ${r} member`, description: `What role ${r} may do`, slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  }
  for (let i = 0; i < accounts; i++) {
    yield { type: "resource", resourceTypeId: "user", id: `u${i}`, displayName: `Person ${i}`, user: { email: `person.${i}@example.com`, status: "enabled" } };
    for (let r = 0; r < roles; r++) yield { type: "grant", id: `u${i}:r${r}`, entitlementId: `role:r${r}:member`, principal: { resourceTypeId: "user", id: `u${i}` } };
  }
}

const BARE = `SELECT 'bare', 'ureviewer', c.id, a.id, a.name, r.resource_type_id, r.external_id, r.display_name, r.email, NULL, NULL, NULL,
  e.external_id, e.display_name, e.description, NULL::timestamptz, false, false, false
  FROM connectors c JOIN applications a ON a.id = c.application_id
  JOIN grants g ON g.sync_run_id = c.current_sync_run_id
  JOIN entitlements e ON e.sync_run_id = g.sync_run_id AND e.external_id = g.entitlement_id
  JOIN resources r ON r.sync_run_id = g.sync_run_id AND r.resource_type_id = g.principal_type_id AND r.external_id = g.principal_external_id AND r.is_user
  WHERE c.application_id = 'benchapp'`;

const seconds = (from: number) => (performance.now() - from) / 1000;

async function main() {
  console.log(`bench:reviews — ${fmt(accounts)} accounts × ${fmt(roles)} roles = ${fmt(grants)} grants`);
  console.log(`Machine: ${machine()}`);
  const database = await startBenchDatabase();
  try {
    const { getPool } = await import("@/lib/db/client");
    const { ingestRecords, stopSyncQueue } = await import("@/lib/sync");
    const pool = getPool();
    await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ('benchapp', 'Directory', true, now())`);
    await pool.query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ('benchconnector', 'baton', 'Directory', 'benchapp', 'SYNCING', now())`);
    await pool.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ('ureviewer', 'owner@example.com', 'Owner', 'USER', now()), ('ufallback', 'fallback@example.com', 'Fallback', 'SUPER_ADMIN', now())`);
    await pool.query(`INSERT INTO connector_owners (connector_id, user_id) VALUES ('benchconnector', 'ureviewer')`);
    let started = performance.now();
    await ingestRecords("benchconnector", organisation(), { trigger: "upload" });
    console.log(`Loaded ${fmt(grants)} grants in ${fmt(seconds(started), 1)} s`);
    await pool.query("VACUUM ANALYZE");
    await stopSyncQueue();

    // The bare statement, run twice (the first warms the cache for both), into an unindexed table.
    const { ITEM_COLUMNS } = await import("@/lib/reviews/launch-sql");
    await pool.query(`CREATE TABLE bare_items (LIKE reviews.items INCLUDING DEFAULTS)`);
    await pool.query(`INSERT INTO bare_items (${ITEM_COLUMNS}) ${BARE}`);
    await pool.query(`TRUNCATE bare_items`);
    started = performance.now();
    const bare = await pool.query(`INSERT INTO bare_items (${ITEM_COLUMNS}) ${BARE}`);
    const bareSeconds = seconds(started);
    await pool.query(`DROP TABLE bare_items`);

    const { createCampaign } = await import("@/lib/data/review-campaigns");
    const { launchCampaign } = await import("@/lib/reviews/launch");
    const { id: campaignId } = await createCampaign(
      { name: "Bench review", description: "", appIds: ["benchapp"], privilegedOnly: false, entitlementSearch: "", accounts: "all", department: "", reviewerPolicy: "owners", namedReviewerIds: [], fallbackReviewerId: "ufallback", dueDate: "2099-01-01", reminderDays: 0, defaultDecision: "keep", remediateImmediately: false },
      "ufallback",
    );
    const rssBefore = process.memoryUsage().rss / 2 ** 20;
    const launchPeak = trackPeakRss();
    started = performance.now();
    const launched = await launchCampaign(campaignId, { id: "ufallback", email: "fallback@example.com" });
    const launchSeconds = seconds(started);
    launchPeak.stop();
    await pool.query(`ANALYZE reviews.items`);

    // The inbox: 200 pages at random places of the reviewer's items, then the same filtered.
    const { listInboxPage } = await import("@/lib/data/review-items");
    const { rows: range } = await pool.query<{ lo: string; hi: string }>(`SELECT min(id)::text AS lo, max(id)::text AS hi FROM reviews.items WHERE campaign_id = $1`, [campaignId]);
    const lo = Number(range[0].lo);
    const hi = Number(range[0].hi);
    const pageTimes = async (query: Record<string, string>) => {
      const samples: number[] = [];
      for (let i = 0; i < 200; i++) {
        const after = String(lo + Math.floor(Math.random() * (hi - lo)));
        const t = performance.now();
        await listInboxPage("ureviewer", campaignId, { ...query, after: i === 0 ? undefined : after });
        samples.push(performance.now() - t);
      }
      return samples;
    };
    await pageTimes({});
    const plain = await pageTimes({});
    const privileged = await pageTimes({ flag: "privileged" });

    // 10,000 decisions in one call (the bulk Certify), each with its audit row.
    const { decideItems } = await import("@/lib/reviews/decide");
    const ids = Array.from({ length: 10_000 }, (_, i) => String(lo + i));
    started = performance.now();
    const decided = await decideItems({ campaignId, itemIds: ids, decision: "certify", reason: "" }, { id: "ureviewer", email: "owner@example.com" });
    const decideSeconds = seconds(started);

    // The CSV of every item, read to the end.
    const { getCampaign } = await import("@/lib/data/review-campaigns");
    const { streamCampaignItems } = await import("@/lib/data/review-items");
    const { evidenceCsv } = await import("@/lib/reviews/evidence");
    const exportPeak = trackPeakRss();
    const response = evidenceCsv((await getCampaign(campaignId))!, streamCampaignItems(campaignId));
    started = performance.now();
    let lines = 0;
    let bytes = 0;
    const marks: string[] = [];
    const reader = response.body!.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      bytes += next.value.byteLength;
      for (const byte of next.value) if (byte === 10) lines += 1;
      if (marks.length < 3 && lines > launched.items * [0.1, 0.5, 0.9][marks.length]) marks.push(`${fmt(process.memoryUsage().rss / 2 ** 20)} MB`);
    }
    const exportSeconds = seconds(started);
    exportPeak.stop();

    printTable([
      ["bare INSERT … SELECT", `${fmt(bare.rowCount ?? 0)} rows in ${fmt(bareSeconds, 2)} s`],
      ["launch (insert, attach + indexes, reviewers)", `${fmt(launched.items)} items in ${fmt(launchSeconds, 2)} s = ${fmt(launchSeconds / bareSeconds, 2)}× bare (target ≤ 3×)`],
      ["console RSS before launch, peak during", `${fmt(rssBefore)} MB, ${fmt(launchPeak.peakMb())} MB (target ≤ 512 MB)`],
      ["inbox page, one reviewer with every item", `p50 ${fmt(percentile(plain, 50), 1)} ms, p95 ${fmt(percentile(plain, 95), 1)} ms (target ≤ 50 ms)`],
      ["inbox page, privileged only", `p50 ${fmt(percentile(privileged, 50), 1)} ms, p95 ${fmt(percentile(privileged, 95), 1)} ms`],
      ["decide 10,000 at once (with audit rows)", `${fmt(decided.changed)} in ${fmt(decideSeconds, 2)} s (target ≤ 2 s)`],
      ["CSV export", `${fmt(lines)} lines, ${fmt(bytes / 2 ** 20, 1)} MB in ${fmt(exportSeconds, 1)} s = ${fmt(launched.items / exportSeconds)} rows/s (target ≥ 50,000)`],
      ["export RSS at 10%, 50%, 90%; peak", `${marks.join(", ")}; ${fmt(exportPeak.peakMb())} MB`],
    ]);
    await (await import("@/lib/sync/queue")).stopBoss();
    await pool.end();
  } finally {
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
