// People search in name order, whether the term is common (found in the first rows of the
// name order) or rare (its people sort after more than a window's worth of others): the same
// people, in the same order, with working next / previous pages, either way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "@/lib/sync/testing/fixtures";
import { SEARCH_WINDOW } from "./search-in-order";

let ctx: SyncTestContext;
let people: typeof import("./people");
const COMMON = SEARCH_WINDOW + 150;
const RARE = 60;
const pad = (i: number) => String(i).padStart(5, "0");

async function* directory(): AsyncGenerator<SyncRecord> {
  yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
  const person = (id: string, name: string, email: string): SyncRecord => ({ type: "resource", resourceTypeId: "user", id, displayName: name, user: { email, login: email, status: "enabled" } });
  for (let i = 0; i < COMMON; i++) yield person(`c${i}`, `Aaron ${pad(i)}`, `aaron.${i}@acme.test`);
  // Found by email only: "Rare" is not in their names.
  for (let i = 0; i < RARE; i++) yield person(`r${i}`, `Zoe ${pad(i)}`, `zoe.rare.${i}@acme.test`);
}

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  people = await import("./people");
  const idp = await createTestConnector(ctx.pool, { catalogId: "okta", name: "Okta" });
  await (await import("@/lib/sync")).ingestRecords(idp.connectorId, directory(), { trigger: "upload" });
});

afterAll(async () => {
  await (await import("@/lib/sync/pool")).closeSyncPool();
  await (await import("@/lib/db/client")).getPool().end();
  await ctx?.stop();
});

describe("People search", () => {
  it("finds a rare term beyond the first window of names, pages forward and back, and counts it", async () => {
    const first = await people.listPeople({ q: "RARE" }, 50);
    expect(first.rows.map((p) => p.name)).toEqual(Array.from({ length: 50 }, (_, i) => `Zoe ${pad(i)}`));
    expect([first.total, first.totalCapped, first.prev]).toEqual([RARE, false, null]);
    const second = await people.listPeople({ q: "rare", after: first.next! }, 50);
    expect(second.rows.map((p) => p.name)).toEqual(Array.from({ length: RARE - 50 }, (_, i) => `Zoe ${pad(50 + i)}`));
    expect(second.next).toBeNull();
    const back = await people.listPeople({ q: "rare", before: second.prev! }, 50);
    expect(back.rows.map((p) => p.name)).toEqual(first.rows.map((p) => p.name));
  });

  it("finds a common term in name order across pages", async () => {
    const first = await people.listPeople({ q: "aaron" }, 50);
    expect(first.rows.map((p) => p.name)).toEqual(Array.from({ length: 50 }, (_, i) => `Aaron ${pad(i)}`));
    const deep = await people.listPeople({ q: "aaron", after: first.next! }, 50);
    expect(deep.rows[0].name).toBe("Aaron 00050");
    expect(first.total).toBe(COMMON);
  });

  it("counts everyone exactly without a search, and nothing for a term nobody has", async () => {
    expect((await people.listPeople({}, 50)).total).toBe(COMMON + RARE);
    const none = await people.listPeople({ q: "nobody-has-this" }, 50);
    expect([none.rows.length, none.total, none.next]).toEqual([0, 0, null]);
  });

  it("keeps the count exact through a second directory, a rolled-back write and a deletion", async () => {
    const second = await createTestConnector(ctx.pool, { catalogId: "okta", name: "Okta 2" });
    async function* three(): AsyncGenerator<SyncRecord> {
      yield { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
      for (let i = 0; i < 3; i++) yield { type: "resource", resourceTypeId: "user", id: `t${i}`, displayName: `Tess ${i}`, user: { email: `tess.${i}@acme.test`, status: "enabled" } };
    }
    await (await import("@/lib/sync")).ingestRecords(second.connectorId, three(), { trigger: "upload" });
    expect((await people.listPeople({}, 50)).total).toBe(COMMON + RARE + 3);
    const client = await ctx.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`INSERT INTO people (id, identity_connector_id, external_id, display_name, status) VALUES ('p-rolled-back', $1, 'x', 'Rolled Back', 'active')`, [second.connectorId]);
      await client.query("ROLLBACK");
    } finally {
      client.release();
    }
    await ctx.pool.query(`DELETE FROM people WHERE identity_connector_id = $1`, [second.connectorId]);
    expect((await people.listPeople({}, 50)).total).toBe(COMMON + RARE);
    expect((await ctx.pool.query(`SELECT count(*)::int AS n FROM people`)).rows[0].n).toBe(COMMON + RARE);
  });

  it("offers the rare people to link an account to by hand, in name order", async () => {
    const found = await people.searchPeople("zoe.rare", 20);
    expect(found.map((p) => p.name)).toEqual(Array.from({ length: 20 }, (_, i) => `Zoe ${pad(i)}`));
  });
});
