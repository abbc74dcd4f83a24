// The wire format of an uploaded sync: one SyncRecord per NDJSON line, exactly what
// `npm run connector -- sync --out` writes. Every line is parsed with this before it reaches
// the sync path, so an upload cannot smuggle in a shape the adapters never produce.
import { z } from "zod";
import type { SyncRecord } from "@/lib/connectors/types";

const id = z.string().min(1).max(1024);
const text = z.string().max(4096);
const ref = z.object({ resourceTypeId: id, id });

const resourceType = z.object({
  type: z.literal("resourceType"),
  id,
  displayName: text,
  traits: z.array(z.enum(["user", "group", "role", "app"])).max(8),
  description: text.optional(),
});

const resource = z.object({
  type: z.literal("resource"),
  resourceTypeId: id,
  id,
  displayName: text,
  description: text.optional(),
  parent: ref.optional(),
  user: z
    .object({
      email: z.string().max(320).optional(),
      login: z.string().max(320).optional(),
      status: z.enum(["enabled", "disabled", "deleted", "unspecified"]).optional(),
    })
    .optional(),
  profile: z.record(z.string().max(256), z.union([z.string().max(4096), z.number(), z.boolean(), z.null()])).optional(),
});

const entitlement = z.object({
  type: z.literal("entitlement"),
  id,
  resource: ref,
  displayName: text,
  description: text.optional(),
  slug: z.string().max(256),
  purpose: z.enum(["assignment", "permission"]),
  grantableTo: z.array(id).max(64),
  provisionable: z.boolean(),
});

const grant = z.object({ type: z.literal("grant"), id, entitlementId: id, principal: ref });

export const syncRecordSchema: z.ZodType<SyncRecord> = z.discriminatedUnion("type", [resourceType, resource, entitlement, grant]);
