import { cp, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestDatabase, type TestDatabase } from "@/tests/test-database";
import { readMigrations, runMigrations } from "./migrate";

let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "gk-migrate-"));
  database = await startTestDatabase({ empty: true });
  dir = path.join(dataDir, "migrations");
  await cp(path.resolve("prisma/migrations"), dir, { recursive: true });
});

afterAll(async () => {
  await database?.stop();
});

async function query<T extends pg.QueryResultRow>(sql: string) {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migration runner", () => {
  it("applies every migration once and records it the way Prisma does", async () => {
    const files = await readMigrations(dir);
    expect(await runMigrations(database.url, dir)).toEqual(files.map((f) => f.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
    expect(rows.every((r) => r.finished_at && r.applied_steps_count === 1)).toBe(true);
    expect(await runMigrations(database.url, dir)).toEqual([]);
  });

  it("runs concurrent starts safely under the advisory lock", async () => {
    const results = await Promise.all([runMigrations(database.url, dir), runMigrations(database.url, dir)]);
    expect(results.flat()).toEqual([]);
  });

  it("rolls back a failing migration and records nothing for it", async () => {
    await cp(path.join(dir), dir + "-bad", { recursive: true });
    const bad = dir + "-bad";
    const { mkdir } = await import("node:fs/promises");
    await mkdir(path.join(bad, "29990101000000_broken"));
    await writeFile(path.join(bad, "29990101000000_broken", "migration.sql"), `CREATE TABLE half_done (id int); SELECT * FROM no_such_table;`);
    await expect(runMigrations(database.url, bad)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    expect(await query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`)).toHaveLength(0);
    expect(await query(`SELECT 1 FROM _prisma_migrations WHERE migration_name = '29990101000000_broken'`)).toHaveLength(0);
  });

  it("refuses to start when an applied migration's file has changed", async () => {
    const [first] = await readMigrations(dir);
    await writeFile(path.join(dir, first.name, "migration.sql"), first.sql + "\n-- edited\n");
    await expect(runMigrations(database.url, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it("blocks updates and deletes of audit events", async () => {
    await query(`INSERT INTO audit_events (kind, summary) VALUES ('test', 'kept')`);
    await expect(query(`UPDATE audit_events SET summary = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});
