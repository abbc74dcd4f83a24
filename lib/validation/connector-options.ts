// The connector pages' plain constants and helpers, with no zod: client components import
// these directly, so a page loads zod only with a form that needs it (connectors.ts re-exports
// everything here for the server side).
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

/** What a connector's accounts are matched to people by (the Manage card's choice). */
export const matchAttributeLabels = { email: "Email", username: "Username", externalId: "External ID" } as const;

export const syncIntervalOptions = [15, 30, 60, 120, 360, 720, 1440] as const;

/** After how many failed syncs in a row the owners are alerted. */
export const failureAlertThresholdOptions = [1, 2, 3, 5, 10] as const;

export function describeInterval(minutes: number) {
  if (minutes < 60) return `Every ${minutes} minutes`;
  if (minutes === 60) return "Every hour";
  if (minutes < 1440) return `Every ${minutes / 60} hours`;
  return "Every day";
}

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

/** The day an admin entered, as the moment it starts in UTC: warnings then err early, never late. */
export const credentialExpiryFromDate = (day: string | undefined) => (day ? new Date(`${day}T00:00:00Z`) : null);

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
