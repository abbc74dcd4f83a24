// The SQLite side of a v1 .c1z: sql.js (SQLite compiled to WASM, so no native build) opened on
// the decompressed bytes, checked to be a Baton store, and read one sync at a time.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import initSqlJs from "sql.js";
import type { Database, SqlJsStatic, SqlValue } from "sql.js";
import { C1zError, describeCause } from "./errors";

export const REQUIRED_TABLES = ["v1_resource_types", "v1_resources", "v1_entitlements", "v1_grants", "v1_sync_runs"] as const;
export type SyncTable = Exclude<(typeof REQUIRED_TABLES)[number], "v1_sync_runs">;

export type SyncRunRow = {
  rowId: number;
  id: string;
  type: string;
  startedAt: string | null;
  endedAt: string | null;
};

let sqlJs: Promise<SqlJsStatic> | undefined;

function loadSqlJs(): Promise<SqlJsStatic> {
  // Hand sql.js its .wasm explicitly: its own lookup relies on __dirname, which bundlers rewrite.
  sqlJs ??= (async () => {
    try {
      // Resolved next to sql.js's own entry at run time: a literal "….wasm" specifier makes
      // Turbopack try to bundle the .wasm as a module, which fails the production build.
      const wasmPath = path.join(path.dirname(createRequire(import.meta.url).resolve("sql.js")), "sql-wasm.wasm");
      const wasm = readFileSync(wasmPath);
      return await initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) });
    } catch {
      return initSqlJs();
    }
  })();
  return sqlJs;
}

const SQLITE_HEADER = new TextEncoder().encode("SQLite format 3\0");

function corrupt(message: string, cause?: unknown): C1zError {
  const detail = cause === undefined ? "" : ` (${describeCause(cause)})`;
  return new C1zError("corrupt", `The .c1z file is corrupt: ${message}${detail}.`, { cause });
}

/** Opens the decompressed payload and checks it is an intact Baton sync database. */
export async function openSyncDatabase(bytes: Uint8Array): Promise<Database> {
  if (bytes.length < 100 || SQLITE_HEADER.some((b, i) => bytes[i] !== b)) {
    throw corrupt("its payload is not a SQLite database");
  }
  const SQL = await loadSqlJs();
  let db: Database | undefined;
  try {
    db = new SQL.Database(bytes);
    // quick_check walks every b-tree page: a payload cut short or altered fails here, once,
    // instead of in the middle of an import.
    const check = db.exec("PRAGMA quick_check(1)")[0]?.values[0]?.[0];
    if (check !== "ok") throw new Error(String(check ?? "integrity check returned nothing"));
    const present = new Set(db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values.map((r) => String(r[0])));
    const missing = REQUIRED_TABLES.filter((t) => !present.has(t));
    if (missing.length > 0) {
      throw corrupt(`the database is not a Baton sync store (missing table${missing.length > 1 ? "s" : ""} ${missing.join(", ")})`);
    }
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof C1zError) throw error;
    throw corrupt("the SQLite database inside it is damaged", error);
  }
}

function columns(db: Database, table: string): Set<string> {
  return new Set(db.exec(`PRAGMA table_info(${table})`)[0]?.values.map((r) => String(r[1])));
}

function text(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** Every sync run in the file. Files from before baton-sdk added `sync_type` only held full syncs. */
export function listSyncRuns(db: Database): SyncRunRow[] {
  const typeColumn = columns(db, "v1_sync_runs").has("sync_type") ? "sync_type" : "'full'";
  const rows = db.exec(`SELECT id, sync_id, started_at, ended_at, ${typeColumn} FROM v1_sync_runs ORDER BY id`)[0];
  return (rows?.values ?? []).map((r) => ({
    rowId: Number(r[0]),
    id: String(r[1]),
    startedAt: text(r[2]),
    endedAt: text(r[3]),
    type: text(r[4]) || "full",
  }));
}

export function countRows(db: Database, table: SyncTable, syncId: string): number {
  const stmt = db.prepare(`SELECT count(*) FROM ${table} WHERE sync_id = ?`);
  try {
    stmt.bind([syncId]);
    return stmt.step() ? Number(stmt.get()[0]) : 0;
  } finally {
    stmt.free();
  }
}

export function countResourcesByType(db: Database, syncId: string): Record<string, number> {
  const stmt = db.prepare(
    "SELECT resource_type_id, count(*) FROM v1_resources WHERE sync_id = ? GROUP BY resource_type_id ORDER BY resource_type_id",
  );
  const counts: Record<string, number> = {};
  try {
    stmt.bind([syncId]);
    while (stmt.step()) {
      const [type, count] = stmt.get();
      counts[String(type)] = Number(count);
    }
    return counts;
  } finally {
    stmt.free();
  }
}

export type DataRow = { rowId: number; data: Uint8Array };

/** Streams the protobuf `data` of one sync's rows in insertion order, one row in memory at a time. */
export function* iterateData(db: Database, table: SyncTable, syncId: string): Generator<DataRow> {
  const stmt = db.prepare(`SELECT id, data FROM ${table} WHERE sync_id = ? ORDER BY id`);
  try {
    stmt.bind([syncId]);
    while (stmt.step()) {
      const [rowId, data] = stmt.get();
      if (!(data instanceof Uint8Array)) throw corrupt(`${table} row ${String(rowId)} has no protobuf data`);
      yield { rowId: Number(rowId), data };
    }
  } catch (error) {
    if (error instanceof C1zError) throw error;
    throw corrupt(`reading ${table} failed`, error);
  } finally {
    stmt.free();
  }
}
