// One zod schema per connector form, shared by the browser (zodResolver) and the server
// actions. The settings form has no fixed schema: it is generated from the adapter's field
// metadata (settingsFormSchema below), so adding a connector never means writing a form.
import { z } from "zod";
import { appChoices, connectorStatuses, failureAlertThresholdOptions, syncIntervalOptions, visibleSettingsFields, type SettingsFormSpec } from "./connector-options";

// The plain constants and helpers live apart, so a page that needs only them loads no zod.
export * from "./connector-options";

const id = z.string().trim().min(1).max(64);
const ownerIds = z.array(id).min(1, "Choose at least one owner.").max(25, "Choose at most 25 owners.");

export const createConnectorSchema = z
  .object({
    catalogId: id,
    appChoice: z.enum(appChoices, { error: "Choose how to set up the connector." }),
    unmanagedAppId: z.string().trim().max(64),
    managedAppId: z.string().trim().max(64),
    newAppName: z.string().trim().max(120, "Keep the name under 120 characters."),
    newAppDescription: z.string().trim().max(500, "Keep the description under 500 characters."),
    ownerIds,
  })
  .superRefine((input, ctx) => {
    // Only the chosen way needs its field; the others may hold leftovers from switching.
    if (input.appChoice === "unmanaged" && !input.unmanagedAppId) ctx.addIssue({ code: "custom", path: ["unmanagedAppId"], message: "Choose an unmanaged app." });
    if (input.appChoice === "managed" && !input.managedAppId) ctx.addIssue({ code: "custom", path: ["managedAppId"], message: "Choose a managed app." });
    if (input.appChoice === "new" && !input.newAppName) ctx.addIssue({ code: "custom", path: ["newAppName"], message: "Enter a name for the new app." });
  });

export type CreateConnectorInput = z.input<typeof createConnectorSchema>;

export const connectorIdSchema = z.object({ connectorId: id });

export const renameConnectorSchema = z.object({
  connectorId: id,
  displayName: z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters."),
});

export const setConnectorOwnersSchema = z.object({ connectorId: id, ownerIds });

/** A whole number from a select's fixed options: anything else is refused with `message`. */
const oneOfNumbers = (options: readonly number[], message: string) =>
  z
    .number()
    .int()
    .refine((v) => options.includes(v), message);

export const setSyncIntervalSchema = z.object({ connectorId: id, syncIntervalMinutes: oneOfNumbers(syncIntervalOptions, "Choose one of the intervals.") });

export const setProvisioningSchema = z.object({ connectorId: id, enabled: z.boolean() });

export const setConnectorDisabledSchema = z.object({ connectorId: id, disabled: z.boolean() });

export const setFailureAlertThresholdSchema = z.object({ connectorId: id, threshold: oneOfNumbers(failureAlertThresholdOptions, "Choose one of the options.") });

/** What GET /api/connectors/<id>/status answers; the client parses it before use. */
export const connectorStatusPayloadSchema = z.object({
  status: z.enum(connectorStatuses),
  statusReason: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  run: z
    .object({
      id: z.string(),
      status: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]),
      phase: z.string().nullable(),
      resourceTypesCount: z.number(),
      resourcesCount: z.number(),
      accountsCount: z.number(),
      entitlementsCount: z.number(),
      grantsCount: z.number(),
      errorMessage: z.string().nullable(),
      queuedAt: z.string(),
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
    })
    .nullable(),
});

export type ConnectorStatusPayload = z.infer<typeof connectorStatusPayloadSchema>;

// ---- The generated settings form

export const saveSettingsSchema = z.object({
  connectorId: id,
  values: z.record(z.string(), z.string().max(8000, "This value is too long.")),
  /** "2027-01-31", or "" for a credential that does not expire (or whose expiry is unknown). */
  credentialExpiresOn: z.union([z.literal(""), z.iso.date("Enter a date such as 2027-01-31.")]).optional(),
});

export type SaveSettingsInput = z.input<typeof saveSettingsSchema>;

/**
 * The settings form's schema, generated from field metadata. A blank secret that is already
 * stored is valid: it means "keep it". The adapter's own schema runs on the server after the
 * merge, so its rules (formats, defaults) are enforced even when the browser is bypassed.
 */
export function settingsFormSchema(spec: SettingsFormSpec, storedSecrets: readonly string[]) {
  return saveSettingsSchema.superRefine((input, ctx) => {
    const alternative = spec.alternativeField ? input.values[spec.alternativeField] : undefined;
    if (spec.alternatives?.length && spec.alternativeField && !spec.alternatives.some((a) => a.id === alternative)) {
      ctx.addIssue({ code: "custom", path: ["values", spec.alternativeField], message: "Choose how to authenticate." });
    }
    for (const field of visibleSettingsFields(spec, alternative)) {
      const value = (input.values[field.name] ?? "").trim();
      const path = ["values", field.name];
      if (!value) {
        const kept = field.secret && storedSecrets.includes(field.name);
        if (field.required && !kept) ctx.addIssue({ code: "custom", path, message: `Enter the ${field.label}.` });
      } else if (field.kind === "email" && !z.email().safeParse(value).success) {
        ctx.addIssue({ code: "custom", path, message: "Enter a valid email address." });
      } else if (field.kind === "select" && field.options && !field.options.some((o) => o.value === value)) {
        ctx.addIssue({ code: "custom", path, message: "Choose one of the options." });
      }
    }
  });
}

