// One zod schema per connector form, shared by the browser (zodResolver) and the server
// actions. The settings form has no fixed schema: it is generated from the adapter's field
// metadata (settingsFormSchema below), so adding a connector never means writing a form.
import { z } from "zod";
import type { Capability, SettingsAlternative, SettingsField } from "@/lib/connectors/types";

export const connectorStatuses = ["PENDING_SETUP", "SYNCING", "CONNECTED", "ERROR", "DISABLED"] as const;
export type ConnectorStatusName = (typeof connectorStatuses)[number];

export const connectorStatusLabels: Record<ConnectorStatusName, string> = {
  PENDING_SETUP: "Pending setup",
  SYNCING: "Syncing",
  CONNECTED: "Connected",
  ERROR: "Error",
  DISABLED: "Disabled",
};

export const appChoices = ["unmanaged", "managed", "new"] as const;
export type AppChoice = (typeof appChoices)[number];

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

export const syncIntervalOptions = [15, 30, 60, 120, 360, 720, 1440] as const;

/** A whole number from a select's fixed options: anything else is refused with `message`. */
const oneOfNumbers = (options: readonly number[], message: string) =>
  z
    .number()
    .int()
    .refine((v) => options.includes(v), message);

export const setSyncIntervalSchema = z.object({ connectorId: id, syncIntervalMinutes: oneOfNumbers(syncIntervalOptions, "Choose one of the intervals.") });

export const setProvisioningSchema = z.object({ connectorId: id, enabled: z.boolean() });

export const setConnectorDisabledSchema = z.object({ connectorId: id, disabled: z.boolean() });

/** After how many failed syncs in a row the owners are alerted. */
export const failureAlertThresholdOptions = [1, 2, 3, 5, 10] as const;
export const setFailureAlertThresholdSchema = z.object({ connectorId: id, threshold: oneOfNumbers(failureAlertThresholdOptions, "Choose one of the options.") });

export function describeInterval(minutes: number) {
  if (minutes < 60) return `Every ${minutes} minutes`;
  if (minutes === 60) return "Every hour";
  if (minutes < 1440) return `Every ${minutes / 60} hours`;
  return "Every day";
}

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

/** The serialisable part of an adapter's settings spec: what the browser may see. */
export type SettingsFormSpec = {
  fields: SettingsField[];
  alternativeField?: string;
  alternatives?: SettingsAlternative[];
  /**
   * Present when the upstream cannot tell when the credential expires (Okta, Baton): the form
   * then asks for the date, optional; `storedOn` is the one saved ("" when none).
   */
  credentialExpiry?: { storedOn: string };
};
// Re-exported for components, which may not import lib/connectors (ARCHITECTURE.md).
export type { Capability, SettingsAlternative, SettingsField };

/** The fields shown for the chosen alternative, in the adapter's order; the chooser itself excluded. */
export function visibleSettingsFields(spec: SettingsFormSpec, alternative: string | undefined): SettingsField[] {
  if (!spec.alternatives?.length) return spec.fields;
  const inSome = new Set(spec.alternatives.flatMap((a) => a.fields));
  const chosen = new Set(spec.alternatives.find((a) => a.id === alternative)?.fields ?? []);
  return spec.fields.filter((f) => f.name !== spec.alternativeField && (chosen.has(f.name) || !inSome.has(f.name)));
}

/** What settings_public holds and pages receive: plain values, and masked hints of secrets. */
export type PublicSettings = { values: Record<string, string>; secrets: Record<string, string> };

export const saveSettingsSchema = z.object({
  connectorId: id,
  values: z.record(z.string(), z.string().max(8000, "This value is too long.")),
  /** "2027-01-31", or "" for a credential that does not expire (or whose expiry is unknown). */
  credentialExpiresOn: z.union([z.literal(""), z.iso.date("Enter a date such as 2027-01-31.")]).optional(),
});

/** The day an admin entered, as the moment it starts in UTC: warnings then err early, never late. */
export const credentialExpiryFromDate = (day: string | undefined) => (day ? new Date(`${day}T00:00:00Z`) : null);
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

const DAY_MS = 86_400_000;
/** Warnings are sent this many days before a credential expires, nearest last. */
export const EXPIRY_WARNING_DAYS = [14, 3] as const;

/** Whole days left, rounded up, as "expires in N days" says it (10 days less a minute is 10). */
export const credentialDaysLeft = (expiresAt: Date, now: Date) => Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));

/** "Credential expires in 10 days", "… in 1 day", "Credential expired": the page, the lists and the emails agree. */
export function describeCredentialExpiry(expiresAt: Date | string, now: Date = new Date()) {
  const at = new Date(expiresAt);
  if (at.getTime() <= now.getTime()) return "Credential expired";
  const days = credentialDaysLeft(at, now);
  return `Credential expires in ${days} ${days === 1 ? "day" : "days"}`;
}

/** Within the first warning: worth showing beside the connector's state. */
export const credentialExpiresSoon = (expiresAt: Date | string | null, now: Date = new Date()) =>
  expiresAt !== null && new Date(expiresAt).getTime() - now.getTime() <= EXPIRY_WARNING_DAYS[0] * DAY_MS;
