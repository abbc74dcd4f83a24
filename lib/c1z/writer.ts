// Writes SyncRecords as a v1 .c1z: baton-sdk's SQLite layout (the tables and indexes of a real
// file, see tests/fixtures/c1z) holding one finished full sync, the rows encoded as the
// protobufs lib/c1z/decode.ts reads. For tests and benchmarks (`npm run bench:sync` builds its
// .c1z with it): the zstd frame stores raw blocks, since no zstd compressor is available offline,
// so the file is as large as its database.
import initSqlJs from "sql.js";
import type { Database } from "sql.js";
import type { EntitlementRecord, GrantRecord, ResourceRecord, ResourceTypeRecord, SyncRecord } from "@/lib/connectors/types";
import { c1z, concat, pb, zstdRaw } from "./test-support";

const SCHEMA = `
CREATE TABLE v1_resource_types (id integer primary key, external_id text not null, data blob not null, sync_id text not null, discovered_at datetime not null);
CREATE TABLE v1_resources (id integer primary key, resource_type_id text not null, external_id text not null, parent_resource_type_id text, parent_resource_id text,
  data blob not null, sync_id text not null, discovered_at datetime not null);
CREATE TABLE v1_entitlements (id integer primary key, resource_type_id text not null, resource_id text not null, external_id text not null, data blob not null,
  sync_id text not null, discovered_at datetime not null);
CREATE TABLE v1_grants (id integer primary key, resource_type_id text not null, resource_id text not null, entitlement_id text not null,
  principal_resource_type_id text not null, principal_resource_id text not null, external_id text not null, data blob not null, sync_id text not null, discovered_at datetime not null);
CREATE TABLE v1_sync_runs (id integer primary key, sync_id text not null, started_at datetime not null, ended_at datetime, sync_token text not null, sync_type text not null default 'full');
CREATE TABLE v1_assets (id integer primary key, external_id text not null, content_type text not null, data blob not null, sync_id text not null, discovered_at datetime not null);
CREATE UNIQUE INDEX idx_resource_types_external_sync_v1 on v1_resource_types (external_id, sync_id);
CREATE INDEX idx_resources_resource_type_id_v1 on v1_resources (resource_type_id);
CREATE INDEX idx_resources_external_sync_v1 on v1_resources (parent_resource_type_id, parent_resource_id);
CREATE UNIQUE INDEX idx_resources_parent_resource_id_v1 on v1_resources (external_id, sync_id);
CREATE INDEX idx_entitlements_resource_id_v1 on v1_entitlements (resource_type_id, resource_id);
CREATE UNIQUE INDEX idx_entitlements_external_sync_v1 on v1_entitlements (external_id, sync_id);
CREATE INDEX idx_grants_principal_id_v1 on v1_grants (principal_resource_type_id, principal_resource_id);
CREATE INDEX idx_grants_entitlement_id_principal_id_v1 on v1_grants (entitlement_id, principal_resource_type_id, principal_resource_id);
CREATE UNIQUE INDEX idx_grants_external_sync_v1 on v1_grants (external_id, sync_id);
CREATE UNIQUE INDEX idx_sync_runs_sync_id_v1 on v1_sync_runs (sync_id);
`;

const TRAITS: Record<string, number> = { user: 1, group: 2, role: 3, app: 4 };
const STATUSES = { unspecified: 0, enabled: 1, disabled: 2, deleted: 3 } as const;

const resourceId = (field: number, key: { resourceTypeId: string; id: string }) => pb.message(field, pb.string(1, key.resourceTypeId), pb.string(2, key.id));

export function encodeResourceType(r: ResourceTypeRecord): Uint8Array {
  return concat(pb.string(1, r.id), pb.string(2, r.displayName), ...r.traits.map((t) => pb.varint(3, TRAITS[t] ?? 0)), r.description ? pb.string(5, r.description) : new Uint8Array());
}

/** google.protobuf.Struct of flat values: fields = 1 (entries key = 1, value = 2). */
function struct(field: number, profile: Record<string, string | number | boolean | null>): Uint8Array {
  const value = (v: string | number | boolean | null) =>
    v === null ? pb.varint(1, 0) : typeof v === "number" ? pb.double(2, v) : typeof v === "string" ? pb.string(3, v) : pb.varint(4, v ? 1 : 0);
  return pb.message(field, ...Object.entries(profile).map(([k, v]) => pb.message(1, pb.string(1, k), pb.message(2, value(v)))));
}

export function encodeResource(r: ResourceRecord): Uint8Array {
  const parts = [resourceId(1, r), r.parent ? resourceId(2, r.parent) : new Uint8Array(), pb.string(3, r.displayName)];
  if (r.user) {
    const trait = [
      ...(r.user.email ? [pb.message(1, pb.string(1, r.user.email), pb.varint(2, 1))] : []),
      pb.message(2, pb.varint(1, STATUSES[r.user.status ?? "unspecified"])),
      ...(r.user.login ? [pb.string(6, r.user.login)] : []),
    ];
    parts.push(pb.any(4, "c1.connector.v2.UserTrait", ...trait));
  }
  if (r.description) parts.push(pb.string(5, r.description));
  if (r.profile && Object.keys(r.profile).length) parts.push(struct(9, r.profile));
  return concat(...parts);
}

export function encodeEntitlement(e: EntitlementRecord): Uint8Array {
  return concat(
    pb.message(1, resourceId(1, e.resource)),
    pb.string(2, e.id),
    pb.string(3, e.displayName),
    e.description ? pb.string(4, e.description) : new Uint8Array(),
    ...e.grantableTo.map((t) => pb.message(5, pb.string(1, t))),
    e.provisionable ? new Uint8Array() : pb.any(6, "c1.connector.v2.EntitlementImmutable"),
    pb.varint(7, e.purpose === "permission" ? 2 : 1),
    pb.string(8, e.slug),
  );
}

export function encodeGrant(g: GrantRecord, entitlementResource: { resourceTypeId: string; id: string }): Uint8Array {
  return concat(pb.message(1, pb.message(1, resourceId(1, entitlementResource)), pb.string(2, g.entitlementId)), pb.message(2, resourceId(1, g.principal)), pb.string(3, g.id));
}

/**
 * The records (resource types first, then resources, entitlements, grants: the order a sync
 * writes them) as one finished full sync. `maxBytes` stops once the database has passed it (checked every 1,000 rows):
 * the rows written so far are kept, and `complete` says whether every record made it in.
 */
export async function writeC1z(
  records: AsyncIterable<SyncRecord> | Iterable<SyncRecord>,
  options: { syncId?: string; maxBytes?: number } = {},
): Promise<{ bytes: Uint8Array; databaseBytes: number; complete: boolean; counts: Record<SyncRecord["type"], number> }> {
  const SQL = await initSqlJs();
  const db: Database = new SQL.Database();
  const syncId = options.syncId ?? "bench-sync";
  const at = "2026-12-01 00:00:00";
  const counts = { resourceType: 0, resource: 0, entitlement: 0, grant: 0 };
  let complete = true;
  try {
    db.exec(SCHEMA);
    db.exec("BEGIN");
    const insert = {
      resourceType: db.prepare("INSERT INTO v1_resource_types (external_id, data, sync_id, discovered_at) VALUES (?, ?, ?, ?)"),
      resource: db.prepare("INSERT INTO v1_resources (resource_type_id, external_id, parent_resource_type_id, parent_resource_id, data, sync_id, discovered_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
      entitlement: db.prepare("INSERT INTO v1_entitlements (resource_type_id, resource_id, external_id, data, sync_id, discovered_at) VALUES (?, ?, ?, ?, ?, ?)"),
      grant: db.prepare(
        "INSERT INTO v1_grants (resource_type_id, resource_id, entitlement_id, principal_resource_type_id, principal_resource_id, external_id, data, sync_id, discovered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      ),
    };
    const entitlementResources = new Map<string, { resourceTypeId: string; id: string }>();
    const pageSize = Number(db.exec("PRAGMA page_size")[0].values[0][0]);
    const size = () => Number(db.exec("PRAGMA page_count")[0].values[0][0]) * pageSize;
    for await (const r of records) {
      if (options.maxBytes && (counts.resource + counts.grant) % 1_000 === 0 && size() > options.maxBytes) {
        complete = false;
        break;
      }
      if (r.type === "resourceType") insert.resourceType.run([r.id, encodeResourceType(r), syncId, at]);
      else if (r.type === "resource") insert.resource.run([r.resourceTypeId, r.id, r.parent?.resourceTypeId ?? null, r.parent?.id ?? null, encodeResource(r), syncId, at]);
      else if (r.type === "entitlement") {
        entitlementResources.set(r.id, r.resource);
        insert.entitlement.run([r.resource.resourceTypeId, r.resource.id, r.id, encodeEntitlement(r), syncId, at]);
      } else {
        const resource = entitlementResources.get(r.entitlementId);
        if (!resource) throw new Error(`Grant ${r.id} names entitlement ${r.entitlementId}, which was not written before it.`);
        insert.grant.run([resource.resourceTypeId, resource.id, r.entitlementId, r.principal.resourceTypeId, r.principal.id, r.id, encodeGrant(r, resource), syncId, at]);
      }
      counts[r.type] += 1;
    }
    for (const statement of Object.values(insert)) statement.free();
    db.run("INSERT INTO v1_sync_runs (sync_id, started_at, ended_at, sync_token, sync_type) VALUES (?, ?, ?, '{}', 'full')", [syncId, at, "2026-12-01 00:10:00"]);
    db.exec("COMMIT");
    const database = db.export();
    return { bytes: c1z(zstdRaw(database)), databaseBytes: database.length, complete, counts };
  } finally {
    db.close();
  }
}
