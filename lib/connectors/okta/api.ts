// Zod schemas of the Okta answers the adapter reads (shapes from the OpenAPI subset in
// e2e/upstreams/okta/openapi-subset.json). Only what we use, and lenient where Okta's serializer
// is: nullable or missing fields (lastLogin, profile attributes, _links.logo, credentials) must
// never fail a sync, and unknown keys are ignored so Okta may add fields.
import { z } from "zod";

const optionalText = z.string().nullable().optional();
const links = z.record(z.string(), z.unknown()).nullable().optional();

export const userSchema = z.object({
  id: z.string().min(1),
  // Open: a status Okta adds later becomes "unspecified", not a failed sync.
  status: z.string(),
  created: optionalText,
  activated: optionalText,
  lastLogin: optionalText,
  // Any attribute may be missing, null or (custom attributes) a number or list.
  profile: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type OktaUser = z.infer<typeof userSchema>;

export const groupSchema = z.object({
  id: z.string().min(1),
  type: optionalText,
  profile: z.record(z.string(), z.unknown()).nullable().optional(),
  _links: links,
});
export type OktaGroup = z.infer<typeof groupSchema>;

const hrefSchema = z.object({ href: z.string(), name: optionalText, type: optionalText });

export const appSchema = z.object({
  id: z.string().min(1),
  name: optionalText,
  label: optionalText,
  status: optionalText,
  signOnMode: optionalText,
  _links: z
    .object({ logo: z.array(hrefSchema).nullable().optional() })
    .nullable()
    .optional(),
});
export type OktaApp = z.infer<typeof appSchema>;

export const appUserSchema = z.object({
  id: z.string().min(1),
  /** USER: assigned directly; GROUP: through a group assignment (listed by /groups too). */
  scope: optionalText,
  status: optionalText,
});
export type OktaAppUser = z.infer<typeof appUserSchema>;

export const appGroupSchema = z.object({ id: z.string().min(1), priority: z.number().nullable().optional() });

export const roleAssignmentSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  label: optionalText,
  /** The custom role's id (type CUSTOM). */
  role: optionalText,
  assignmentType: optionalText,
  status: optionalText,
});
export type OktaRoleAssignment = z.infer<typeof roleAssignmentSchema>;

export const roleAssigneesSchema = z.object({
  value: z
    .array(z.object({ id: z.string().min(1) }))
    .nullable()
    .optional()
    .transform((v) => v ?? []),
});

export const listOf = <T extends z.ZodType>(item: T) => z.array(item);
/** 204 No Content: no body. */
export const noContentSchema = z.undefined();
