// Baton's protobuf rows → the app's SyncRecord types. Field numbers are those of baton-sdk's
// proto/c1/connector/v2/{resource,entitlement,grant,annotation_trait,annotation_entitlement}.proto.
import type {
  EntitlementRecord,
  GrantRecord,
  ResourceRecord,
  ResourceTrait,
  ResourceTypeRecord,
} from "@/lib/connectors/types";
import { findAnnotation, readAnnotations, readFlatProfile } from "./annotations";
import {
  decodeMessage,
  getMessage,
  getRepeatedMessages,
  getRepeatedVarints,
  getString,
  getVarint,
  ProtobufError,
  type ProtoMessage,
} from "./protobuf";

// ResourceType.Trait: only the traits the app models; SECRET, SECURITY_INSIGHT, ... are dropped.
const TRAITS: Record<number, ResourceTrait> = { 1: "user", 2: "group", 3: "role", 4: "app" };

// UserTrait.Status.Status and Status.ResourceStatus share the same numbering.
const STATUSES = ["unspecified", "enabled", "disabled", "deleted"] as const;
type UserStatus = (typeof STATUSES)[number];

const TRAIT_PROFILE_FIELD: [typeName: string, profileField: number][] = [
  ["c1.connector.v2.UserTrait", 3],
  ["c1.connector.v2.GroupTrait", 2],
  ["c1.connector.v2.RoleTrait", 1],
  ["c1.connector.v2.AppTrait", 4],
];

export type ResourceKey = { resourceTypeId: string; id: string };

/** ResourceId { resource_type = 1; resource = 2 }. */
function readResourceId(msg: ProtoMessage | undefined): ResourceKey | undefined {
  if (!msg) return undefined;
  const resourceTypeId = getString(msg, 1);
  const id = getString(msg, 2);
  return resourceTypeId && id ? { resourceTypeId, id } : undefined;
}

function requireResourceId(msg: ProtoMessage | undefined, what: string): ResourceKey {
  const key = readResourceId(msg);
  if (!key) throw new ProtobufError(`${what} has no resource id`);
  return key;
}

function optional(value: string): string | undefined {
  return value === "" ? undefined : value;
}

function toStatus(value: number): UserStatus {
  return STATUSES[value] ?? "unspecified";
}

export function decodeResourceType(data: Uint8Array): ResourceTypeRecord {
  const msg = decodeMessage(data);
  const id = getString(msg, 1);
  if (!id) throw new ProtobufError("resource type has no id");
  const traits = [...new Set(getRepeatedVarints(msg, 3).flatMap((t) => (TRAITS[t] ? [TRAITS[t]] : [])))];
  const record: ResourceTypeRecord = { type: "resourceType", id, displayName: getString(msg, 2) || id, traits };
  const description = optional(getString(msg, 5));
  if (description) record.description = description;
  return record;
}

/** UserTrait { emails = 1 (Email { address = 1; is_primary = 2 }); status = 2; login = 6 }. */
function readUser(trait: ProtoMessage | undefined, resourceStatus: ProtoMessage | undefined): ResourceRecord["user"] {
  const user: NonNullable<ResourceRecord["user"]> = {};
  if (trait) {
    const emails = getRepeatedMessages(trait, 1)
      .map((e) => ({ address: getString(e, 1), primary: getVarint(e, 2) !== 0 }))
      .filter((e) => e.address !== "");
    // The primary address when the connector marks one, else the first it listed.
    const email = (emails.find((e) => e.primary) ?? emails[0])?.address;
    if (email) user.email = email;
    const login = optional(getString(trait, 6));
    if (login) user.login = login;
  }
  // The trait's status is the user's; Resource.status (newer SDKs) is the fallback.
  const status = trait ? getMessage(trait, 2) : undefined;
  user.status = toStatus(getVarint(status ?? resourceStatus ?? new Map(), 1));
  return user;
}

/**
 * Resource { id = 1; parent_resource_id = 2; display_name = 3; annotations = 4; description = 5;
 * profile = 9; status = 11 }. `userTypes` holds the resource types declaring the user trait: their
 * resources are accounts even when a connector left the UserTrait annotation out.
 */
export function decodeResource(data: Uint8Array, userTypes: ReadonlySet<string>): ResourceRecord {
  const msg = decodeMessage(data);
  const key = requireResourceId(getMessage(msg, 1), "resource");
  const record: ResourceRecord = { type: "resource", ...key, displayName: getString(msg, 3) || key.id };
  const description = optional(getString(msg, 5));
  if (description) record.description = description;
  const parent = readResourceId(getMessage(msg, 2));
  if (parent) record.parent = parent;

  const annotations = readAnnotations(msg, 4);
  const userTrait = findAnnotation(annotations, "c1.connector.v2.UserTrait");
  if (userTrait || userTypes.has(key.resourceTypeId)) {
    record.user = readUser(userTrait, getMessage(msg, 11));
  }
  let profile = readFlatProfile(getMessage(msg, 9));
  for (const [typeName, field] of TRAIT_PROFILE_FIELD) {
    if (profile) break;
    const trait = findAnnotation(annotations, typeName);
    profile = readFlatProfile(trait ? getMessage(trait, field) : undefined);
  }
  if (profile) record.profile = profile;
  return record;
}

/** The slug is the id's last segment when the row leaves `slug` empty (older SDKs). */
function slugFromId(id: string, resource: ResourceKey): string {
  const prefix = `${resource.resourceTypeId}:${resource.id}:`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : id.slice(id.lastIndexOf(":") + 1);
}

/**
 * Entitlement { resource = 1; id = 2; display_name = 3; description = 4; grantable_to = 5;
 * annotations = 6; purpose = 7; slug = 8 }.
 */
export function decodeEntitlement(data: Uint8Array): EntitlementRecord {
  const msg = decodeMessage(data);
  const id = getString(msg, 2);
  if (!id) throw new ProtobufError("entitlement has no id");
  const resource = requireResourceId(getMessage(getMessage(msg, 1) ?? new Map(), 1), `entitlement ${id}`);
  const slug = getString(msg, 8) || slugFromId(id, resource);
  const record: EntitlementRecord = {
    type: "entitlement",
    id,
    resource,
    displayName: getString(msg, 3) || slug,
    slug,
    // PURPOSE_VALUE_PERMISSION = 2; ASSIGNMENT = 1 and UNSPECIFIED = 0 both mean membership-like.
    purpose: getVarint(msg, 7) === 2 ? "permission" : "assignment",
    grantableTo: getRepeatedMessages(msg, 5)
      .map((rt) => getString(rt, 1))
      .filter((rt) => rt !== ""),
    // EntitlementImmutable marks what the upstream manages itself: never offer to change it.
    provisionable: !findAnnotation(readAnnotations(msg, 6), "c1.connector.v2.EntitlementImmutable"),
  };
  const description = optional(getString(msg, 4));
  if (description) record.description = description;
  return record;
}

/** Grant { entitlement = 1; principal = 2; id = 3 }. */
export function decodeGrant(data: Uint8Array): GrantRecord {
  const msg = decodeMessage(data);
  const entitlementId = getString(getMessage(msg, 1) ?? new Map(), 2);
  if (!entitlementId) throw new ProtobufError("grant has no entitlement id");
  const principal = requireResourceId(getMessage(getMessage(msg, 2) ?? new Map(), 1), "grant principal");
  // baton-sdk's own default grant id, for rows written without one.
  const id = getString(msg, 3) || `${entitlementId}:${principal.resourceTypeId}:${principal.id}`;
  return { type: "grant", id, entitlementId, principal };
}
