// The audit log as the page and its export read it: newest first, each filter narrowing it,
// "Older" pages meeting end to end, and the list of kinds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";

let ctx: SyncTestContext;
let audit: typeof import("./audit-log");

const KINDS = ["sync.completed", "sync.failed", "user.added", "entitlement.granted"];

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  audit = await import("./audit-log");
  // 120 events, one every hour from 2026-03-01 00:00 UTC; every third by bob, the rest by the system.
  await ctx.pool.query(
    `INSERT INTO audit_events (at, actor_id, actor_email, kind, connector_id, target_type, target_id, summary, result, data)
     SELECT timestamp '2026-03-01 00:00:00' + make_interval(hours => n), CASE WHEN n % 3 = 0 THEN 'bob' END, CASE WHEN n % 3 = 0 THEN 'Bob@Example.com' END,
            ($1::text[])[1 + n % 4], CASE WHEN n % 2 = 0 THEN 'c_even' ELSE 'c_odd' END, 'connector', 'x', 'event ' || n, 'ok', jsonb_build_object('n', n)
       FROM generate_series(0, 119) n`,
    [KINDS],
  );
});

afterAll(async () => {
  await (await import("@/lib/db/client")).getPool().end();
  await ctx?.stop();
});

const numbers = (events: { summary: string }[]) => events.map((e) => Number(e.summary.split(" ")[1]));

describe("audit log reads", () => {
  it("lists newest first and pages to the oldest without a gap or repeat", async () => {
    const seen: number[] = [];
    let page = await audit.listAuditEvents({}, 50);
    expect(page.events[0]).toMatchObject({ summary: "event 119", kind: KINDS[119 % 4], connectorId: "c_odd", actorEmail: null, result: "ok", data: { n: 119 } });
    expect(page.events[0].at.toISOString()).toBe("2026-03-05T23:00:00.000Z");
    seen.push(...numbers(page.events));
    while (page.nextCursor) {
      page = await audit.listAuditEvents({ before: page.nextCursor }, 50);
      seen.push(...numbers(page.events));
    }
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => 119 - i));
  });

  it("narrows by actor (any case, part of the email), connector, kind prefix and day", async () => {
    expect(numbers((await audit.listAuditEvents({ actor: "bob@EXAMPLE" }, 200)).events)).toEqual(Array.from({ length: 40 }, (_, i) => 117 - i * 3));
    expect((await audit.listAuditEvents({ actor: "%" }, 200)).events).toHaveLength(0);
    expect((await audit.listAuditEvents({ connector: "c_even" }, 200)).events.every((e) => e.connectorId === "c_even")).toBe(true);
    const sync = (await audit.listAuditEvents({ kind: "sync." }, 200)).events;
    expect(sync).toHaveLength(60);
    expect(new Set(sync.map((e) => e.kind))).toEqual(new Set(["sync.completed", "sync.failed"]));
    // 2026-03-02 is hours 24..47 and 2026-03-03 hours 48..71.
    expect(numbers((await audit.listAuditEvents({ from: "2026-03-02", to: "2026-03-03" }, 200)).events)).toEqual(Array.from({ length: 48 }, (_, i) => 71 - i));
  });

  it("streams every matching event for the export", async () => {
    let count = 0;
    for await (const batch of audit.streamAuditEvents({ kind: "user." }, 7)) count += batch.length;
    expect(count).toBe(30);
  });

  it("lists each kind once, in order", async () => {
    expect(await audit.listAuditKinds()).toEqual([...KINDS].sort());
  });
});
