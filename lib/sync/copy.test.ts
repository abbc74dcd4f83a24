// COPY text encoding round-trips whatever an upstream sends: tabs, newlines, backslashes,
// quotes and braces in arrays, JSON, unicode; NUL (which PostgreSQL text cannot hold) is dropped.
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/tests/test-database";
import { copyRows, encodeRow } from "./copy";

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await startTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query(`CREATE TABLE copy_check (n int, t text, a text[], j jsonb, b boolean)`);
});

afterAll(async () => {
  await client?.end();
  await database?.stop();
});

const strip = (value: string) => value.replace(/\0/g, "");

describe("COPY text encoding", () => {
  it("round-trips arbitrary strings, arrays and JSON", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string({ unit: "binary" }), fc.array(fc.string({ unit: "binary" }), { maxLength: 4 }), fc.dictionary(fc.string(), fc.string()), fc.boolean()), { minLength: 1, maxLength: 20 }),
        async (rows) => {
          await client.query("TRUNCATE copy_check");
          const payload = rows.map(([t, a, j, b], n) => encodeRow([n, t, a, j, b])).join("");
          expect(await copyRows(client, "copy_check", ["n", "t", "a", "j", "b"], payload)).toBe(rows.length);
          const { rows: back } = await client.query(`SELECT t, a, j, b FROM copy_check ORDER BY n`);
          expect(back).toEqual(rows.map(([t, a, j, b]) => ({ t: strip(t), a: a.map(strip), j: JSON.parse(JSON.stringify(j).replace(/\\u0000/g, "")), b })));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("writes NULL for absent values and rejects a bad row with the server's message", async () => {
    await client.query("TRUNCATE copy_check");
    await copyRows(client, "copy_check", ["n", "t", "a", "j", "b"], encodeRow([1, null, undefined, null, null]));
    expect((await client.query(`SELECT t, a, j, b FROM copy_check`)).rows).toEqual([{ t: null, a: null, j: null, b: null }]);
    await expect(copyRows(client, "copy_check", ["n"], "not-a-number\n")).rejects.toThrow(/invalid input syntax for type integer/);
    // The connection is usable after a failed COPY.
    expect((await client.query(`SELECT 1 AS ok`)).rows).toEqual([{ ok: 1 }]);
  });
});
