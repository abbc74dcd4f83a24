// The connector's settings: a zod schema (the source of the config type) and the field
// metadata the settings form is generated from. Keys are camelCase because the self-hosted
// runner's config file uses exactly these names.
import { z } from "zod";
import { ConnectorError, type SettingsSpec } from "../types";

/**
 * Pinned because the Ops API changes shapes between versions (roles became enums); the public
 * Baton connector sends this one. Overridable so an operator can follow Temporal's releases
 * without waiting for a new build.
 */
export const DEFAULT_API_VERSION = "2024-10-01-00";

export const DEFAULT_ACCOUNT_ROLES = ["read", "developer", "admin"] as const;

export const temporalCloudConfigSchema = z.object({
  apiKey: z.string().trim().min(1, "Enter the API key."),
  defaultAccountRole: z.enum(DEFAULT_ACCOUNT_ROLES).default("read"),
  apiVersion: z
    .string()
    .trim()
    .min(1, "Enter an API version.")
    // Sent as an HTTP header: a newline or control character would break the request.
    .regex(/^[\w.-]+$/, "Use a version such as 2024-10-01-00.")
    .default(DEFAULT_API_VERSION),
  // The Ops API cannot say which key a call was made with, so its ID is asked for.
  apiKeyId: z
    .string()
    .trim()
    .max(200, "Keep the ID under 200 characters.")
    .regex(/^[\w.-]*$/, "Copy the ID as Temporal Cloud shows it.")
    .optional(),
});

export type TemporalCloudConfig = z.infer<typeof temporalCloudConfigSchema>;

export const temporalCloudSettings: SettingsSpec<TemporalCloudConfig> = {
  schema: temporalCloudConfigSchema,
  fields: [
    {
      name: "apiKey",
      label: "API key",
      help: "Create it in Temporal Cloud under your profile, API Keys. Keys expire after 90 days at most.",
      secret: true,
      required: true,
      kind: "text",
    },
    {
      name: "defaultAccountRole",
      label: "Default account role",
      help: "The account role given to accounts this connector creates.",
      kind: "select",
      options: [
        { value: "read", label: "Read" },
        { value: "developer", label: "Developer" },
        { value: "admin", label: "Account Admin" },
      ],
      defaultValue: "read",
    },
    {
      name: "apiVersion",
      label: "API version",
      help: "Sent as the temporal-cloud-api-version header on every call. Change it only when Temporal asks you to.",
      kind: "text",
      placeholder: DEFAULT_API_VERSION,
      defaultValue: DEFAULT_API_VERSION,
    },
    {
      name: "apiKeyId",
      label: "API key ID",
      help: "Optional: shown beside the key under API Keys. Gatekeeper reads its expiry to warn the owners; without it, it watches the account's key that expires first.",
      kind: "text",
    },
  ],
};

/**
 * Adapters may be handed a config that never went through the form (CLI file, old rows):
 * parse it here so a bad value is a named error on its field, not a confusing HTTP failure.
 */
export function parseConfig(config: unknown): TemporalCloudConfig {
  const parsed = temporalCloudConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = typeof issue?.path[0] === "string" ? issue.path[0] : undefined;
  throw new ConnectorError("invalid_config", issue?.message ?? "The Temporal Cloud settings are invalid.", { field });
}
