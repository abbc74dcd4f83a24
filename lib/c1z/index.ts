// Reading Baton .c1z files into the same SyncRecord stream the connector adapters produce, so an
// uploaded sync and a live sync go through one import path.
import type { SyncRecord } from "@/lib/connectors/types";
import type { Database } from "sql.js";
import { decodeEntitlement, decodeGrant, decodeResource, decodeResourceType } from "./decode";
import { C1zError, describeCause } from "./errors";
import { DEFAULT_LIMITS, unpackC1z, type C1zLimits } from "./format";
import { definedOnly } from "./read-file";
import { countResourcesByType, countRows, iterateData, listSyncRuns, openSyncDatabase, type SyncTable } from "./sqlite";
import { chooseSync, toSyncRun, type C1zSyncRun } from "./syncs";

export { C1zError, type C1zErrorKind } from "./errors";
export { DEFAULT_LIMITS, type C1zLimits } from "./format";
export { readC1zFile } from "./read-file";
export type { C1zSyncRun } from "./syncs";

export type C1zOptions = Partial<C1zLimits> & {
  /** Import the latest sync even if it never finished or is not a full sync. */
  allowUnfinished?: boolean;
};

export type C1zInspection = {
  /** The sync that would be imported. */
  syncId: string;
  type: string;
  finished: boolean;
  startedAt: string | null;
  endedAt: string | null;
  resourceTypes: number;
  /** Resources of the chosen sync per resource type id. */
  resources: Record<string, number>;
  entitlements: number;
  grants: number;
  /** Every sync run in the file, the chosen one included, in the order they were started. */
  syncs: C1zSyncRun[];
};

export type C1zReader = {
  inspection: C1zInspection;
  /** Resource types, then resources, entitlements and grants of the chosen sync. */
  records(): AsyncGenerator<SyncRecord>;
  /** Frees the in-memory database; records() cannot be used afterwards. */
  close(): void;
};

function inspect(db: Database, options: C1zOptions): C1zInspection {
  const syncs = listSyncRuns(db).map(toSyncRun);
  const chosen = chooseSync(syncs, options.allowUnfinished ?? false);
  return {
    syncId: chosen.id,
    type: chosen.type,
    finished: chosen.finished,
    startedAt: chosen.startedAt,
    endedAt: chosen.endedAt,
    resourceTypes: countRows(db, "v1_resource_types", chosen.id),
    resources: countResourcesByType(db, chosen.id),
    entitlements: countRows(db, "v1_entitlements", chosen.id),
    grants: countRows(db, "v1_grants", chosen.id),
    syncs,
  };
}

function* decodeRows<T>(db: Database, table: SyncTable, syncId: string, decode: (data: Uint8Array) => T): Generator<T> {
  for (const row of iterateData(db, table, syncId)) {
    try {
      yield decode(row.data);
    } catch (error) {
      if (error instanceof C1zError) throw error;
      throw new C1zError("corrupt", `The .c1z file is corrupt: ${table} row ${row.rowId} cannot be decoded (${describeCause(error)}).`, {
        cause: error,
      });
    }
  }
}

function* streamRecords(db: Database, syncId: string): Generator<SyncRecord> {
  // Resources of a type declaring the user trait are accounts even without a UserTrait annotation.
  const userTypes = new Set<string>();
  for (const resourceType of decodeRows(db, "v1_resource_types", syncId, decodeResourceType)) {
    if (resourceType.traits.includes("user")) userTypes.add(resourceType.id);
    yield resourceType;
  }
  yield* decodeRows(db, "v1_resources", syncId, (data) => decodeResource(data, userTypes));
  yield* decodeRows(db, "v1_entitlements", syncId, decodeEntitlement);
  yield* decodeRows(db, "v1_grants", syncId, decodeGrant);
}

/**
 * Pulls the next row only while the database is open: sql.js would otherwise report a closed
 * database as a failed statement, which reads like a corrupt file.
 */
async function* guard(rows: Generator<SyncRecord>, isClosed: () => boolean): AsyncGenerator<SyncRecord> {
  try {
    for (;;) {
      if (isClosed()) throw new Error("The .c1z reader was closed while its records were being read.");
      const next = rows.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    rows.return(undefined);
  }
}

/**
 * Opens a .c1z held in memory: checks the envelope and limits, decompresses, opens the SQLite
 * database and picks the sync to import. Throws C1zError for every file it refuses.
 */
export async function openC1z(bytes: Uint8Array, options: C1zOptions = {}): Promise<C1zReader> {
  const limits: C1zLimits = { ...DEFAULT_LIMITS, ...definedOnly(options) };
  const db = await openSyncDatabase(await unpackC1z(bytes, limits));
  let closed = false;
  const close = () => {
    if (!closed) db.close();
    closed = true;
  };
  try {
    const inspection = inspect(db, options);
    return {
      inspection,
      records: () => {
        if (closed) throw new Error("The .c1z reader is closed.");
        return guard(streamRecords(db, inspection.syncId), () => closed);
      },
      close,
    };
  } catch (error) {
    close();
    if (error instanceof C1zError) throw error;
    throw new C1zError("corrupt", `The .c1z file is corrupt: its sync runs cannot be read (${describeCause(error)}).`, {
      cause: error,
    });
  }
}

/** What importing the file would bring in, without decoding a single record. */
export async function inspectC1z(bytes: Uint8Array, options: C1zOptions = {}): Promise<C1zInspection> {
  const reader = await openC1z(bytes, options);
  reader.close();
  return reader.inspection;
}

/** The chosen sync's records; the database is freed when iteration ends, early or not. */
export async function* readC1zRecords(bytes: Uint8Array, options: C1zOptions = {}): AsyncGenerator<SyncRecord> {
  const reader = await openC1z(bytes, options);
  try {
    yield* reader.records();
  } finally {
    reader.close();
  }
}
