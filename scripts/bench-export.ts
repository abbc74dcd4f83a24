// `npm run bench:export [-- --holders 1000000]`: one entitlement held by every account of an app
// (written through the sync engine), then its holders' CSV export read to the end through the
// same lib/data stream and csvResponse the route uses. Prints the rows, bytes, time and memory:
// the export holds a batch, not the list, so resident memory stays flat however many holders.
import type { SyncRecord } from "@/lib/connectors/types";
import { fmt, machine, numberArg, printTable, startBenchDatabase, trackPeakRss } from "./bench-common";

const holders = numberArg("holders", 1_000_000);
const batch = numberArg("batch", 0);

async function* organisation(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  yield { type: "resourceType", id: "group", displayName: "Group", traits: ["group"] };
  yield { type: "resource", resourceTypeId: "group", id: "all", displayName: "Everyone" };
  yield { type: "entitlement", id: "group:all:member", resource: { resourceTypeId: "group", id: "all" }, displayName: "Everyone member", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true };
  for (let i = 0; i < holders; i++) {
    const id = `u${i}`;
    yield { type: "resource", resourceTypeId: "user", id, displayName: `Person ${(i * 7919) % holders}`, user: { email: `person.${i}@example.com`, status: "enabled" } };
    yield { type: "grant", id: `${id}:all`, entitlementId: "group:all:member", principal: { resourceTypeId: "user", id } };
  }
}

async function main() {
  console.log(`bench:export — one entitlement with ${fmt(holders)} holders${batch ? `, batches of ${fmt(batch)}` : ""}`);
  console.log(`Machine: ${machine()}`);
  const database = await startBenchDatabase();
  try {
    const { getPool } = await import("@/lib/db/client");
    const { ingestRecords, stopSyncQueue } = await import("@/lib/sync");
    const { getManagedApp } = await import("@/lib/data/applications");
    const { getEntitlement } = await import("@/lib/data/entitlements");
    const { streamEntitlementHolders } = await import("@/lib/data/accounts");
    const { csvResponse } = await import("@/lib/csv");
    const pool = getPool();
    await pool.query(`INSERT INTO applications (id, name, managed, updated_at) VALUES ('benchapp', 'Directory', true, now())`);
    await pool.query(`INSERT INTO connectors (id, catalog_id, display_name, application_id, status, updated_at) VALUES ('benchconnector', 'baton', 'Directory', 'benchapp', 'SYNCING', now())`);
    const loadStarted = performance.now();
    await ingestRecords("benchconnector", organisation(), { trigger: "upload" });
    console.log(`Loaded ${fmt(holders)} accounts and grants in ${fmt((performance.now() - loadStarted) / 1000, 1)} s`);
    await pool.query("VACUUM ANALYZE");
    await stopSyncQueue();

    const app = (await getManagedApp("benchapp"))!;
    const entitlement = (await getEntitlement(app, "benchconnector", "group:all:member"))!;
    const rssBefore = process.memoryUsage().rss / 2 ** 20;
    const peak = trackPeakRss();
    const started = performance.now();
    const response = csvResponse({ filename: "x.csv", header: ["name", "email"], batches: streamEntitlementHolders(entitlement.runId, entitlement.externalId, {}, ...(batch ? [batch] : [])), row: (h) => [h.name, h.email] });
    let bytes = 0;
    let lines = 0;
    let firstByteMs = 0;
    // Heap and RSS at a tenth, half and nine tenths of the rows: flat if they do not grow.
    const marks: string[] = [];
    const reader = response.body!.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const chunk = next.value;
      if (!bytes) firstByteMs = performance.now() - started;
      bytes += chunk.byteLength;
      for (const byte of chunk) if (byte === 10) lines += 1;
      if (marks.length < 3 && lines > (holders * [0.1, 0.5, 0.9][marks.length])) {
        const { heapUsed, rss } = process.memoryUsage();
        marks.push(`${fmt(heapUsed / 2 ** 20)} / ${fmt(rss / 2 ** 20)} MB`);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    peak.stop();
    printTable([
      ["rows (with the header)", `${fmt(lines)} (expected ${fmt(holders + 1)})`],
      ["bytes", `${fmt(bytes / 2 ** 20, 1)} MB`],
      ["first byte", `${fmt(firstByteMs)} ms`],
      ["whole export", `${fmt(seconds, 1)} s (${fmt(holders / seconds)} rows/s)`],
      ["heap / RSS at 10%, 50%, 90%", marks.join(", ")],
      ["RSS before, peak", `${fmt(rssBefore)} MB, ${fmt(peak.peakMb())} MB`],
    ]);
    await pool.end();
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
