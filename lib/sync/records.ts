// SyncRecord → COPY row, with the few checks that turn a malformed record (an upload, a
// .c1z, a buggy adapter) into a named error instead of a database constraint message.
import type { EntitlementRecord, GrantRecord, ResourceRecord, ResourceTypeRecord, SyncRecord } from "@/lib/connectors/types";
import type { CopyValue } from "./copy";
import type { SnapshotTable } from "./snapshot-tables";

export class SyncDataError extends Error {
  name = "SyncDataError";
}

export type Phase = "resource-types" | "resources" | "entitlements" | "grants" | "publishing";

export const PHASE_OF: Record<SyncRecord["type"], Phase> = {
  resourceType: "resource-types",
  resource: "resources",
  entitlement: "entitlements",
  grant: "grants",
};

export const PHASE_ORDER: readonly Phase[] = ["resource-types", "resources", "entitlements", "grants", "publishing"];

function text(value: unknown, what: string): string {
  if (typeof value !== "string" || value.length === 0) throw new SyncDataError(`The connector sent ${what} without a value.`);
  return value;
}

const optional = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : null);

function resourceTypeRow(record: ResourceTypeRecord): CopyValue[] {
  const id = text(record.id, "a resource type id");
  return [id, text(record.displayName || id, "a resource type name"), Array.isArray(record.traits) ? record.traits : [], optional(record.description)];
}

function resourceRow(record: ResourceRecord, isUser: boolean): CopyValue[] {
  const type = text(record.resourceTypeId, "a resource's type");
  const id = text(record.id, `a ${type} resource id`);
  return [
    type,
    id,
    optional(record.parent?.resourceTypeId),
    optional(record.parent?.id),
    record.displayName || id,
    optional(record.description),
    isUser,
    optional(record.user?.email),
    optional(record.user?.login),
    isUser ? (record.user?.status ?? "unspecified") : null,
    record.profile && Object.keys(record.profile).length > 0 ? record.profile : null,
  ];
}

function entitlementRow(record: EntitlementRecord): CopyValue[] {
  const id = text(record.id, "an entitlement id");
  return [
    id,
    text(record.resource?.resourceTypeId, `the resource type of entitlement ${id}`),
    text(record.resource?.id, `the resource of entitlement ${id}`),
    record.displayName || id,
    optional(record.description),
    record.slug || "member",
    record.purpose === "permission" ? "permission" : "assignment",
    Array.isArray(record.grantableTo) ? record.grantableTo : [],
    record.provisionable !== false,
  ];
}

function grantRow(record: GrantRecord): CopyValue[] {
  const entitlement = text(record.entitlementId, "a grant's entitlement");
  const type = text(record.principal?.resourceTypeId, `the principal type of a grant of ${entitlement}`);
  const principal = text(record.principal?.id, `the principal of a grant of ${entitlement}`);
  return [record.id || `${entitlement}:${type}:${principal}`, entitlement, type, principal];
}

export type Row = {
  table: SnapshotTable;
  /** The columns after (connector_id, sync_run_id), which every row starts with. */
  values: CopyValue[];
  /** A resource with the user trait (an account). */
  account?: boolean;
  /** The entitlement a grant row grants. */
  grantOf?: string;
};

export function toRow(record: SyncRecord, userTypes: Set<string>): Row {
  switch (record.type) {
    case "resourceType":
      if (Array.isArray(record.traits) && record.traits.includes("user")) userTypes.add(record.id);
      return { table: "resource_types", values: resourceTypeRow(record) };
    case "resource": {
      // An account: the record says so, or its type has the user trait.
      const account = record.user !== undefined || userTypes.has(record.resourceTypeId);
      return { table: "resources", values: resourceRow(record, account), account };
    }
    case "entitlement":
      return { table: "entitlements", values: entitlementRow(record) };
    case "grant": {
      const values = grantRow(record);
      return { table: "grants", values, grantOf: values[1] as string };
    }
    default:
      throw new SyncDataError(`The connector sent a record of unknown type ${JSON.stringify((record as { type?: unknown }).type)}.`);
  }
}
