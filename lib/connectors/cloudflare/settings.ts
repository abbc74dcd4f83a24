// Settings: the zod schema (source of the config type), the form's field metadata, and the
// two ways to authenticate the seed describes ("API token" or "Email + API key").
import { z } from "zod";
import { ConnectorError, type SettingsSpec } from "../types";

export const AUTH_METHODS = ["api-token", "email-api-key"] as const;
export type CloudflareAuthMethod = (typeof AUTH_METHODS)[number];

const optionalText = z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), z.string().trim().optional());

export const cloudflareConfigSchema = z
  .object({
    /** Optional: the CLI config file only has credential keys, so it is inferred when absent. */
    authMethod: z.enum(AUTH_METHODS).optional(),
    accountId: z
      .string({ error: "Enter the Account ID." })
      .trim()
      .min(1, "Enter the Account ID.")
      // The OpenAPI spec caps account identifiers at 32 characters; it also goes into URLs.
      .max(32, "An Account ID has at most 32 characters.")
      .regex(/^[\w-]+$/, "An Account ID has only letters, digits, dashes and underscores."),
    apiToken: optionalText,
    email: optionalText,
    apiKey: optionalText,
  })
  .superRefine((config, ctx) => {
    const method = inferAuthMethod(config);
    if (method === undefined) {
      ctx.addIssue({ code: "custom", path: ["apiToken"], message: "Enter an API token, or an email and a Global API key." });
      return;
    }
    if (method === "api-token") {
      if (!config.apiToken) ctx.addIssue({ code: "custom", path: ["apiToken"], message: "Enter the API token." });
      // Sent as a header: whitespace inside would break the request, not authenticate it.
      else if (/\s/.test(config.apiToken)) ctx.addIssue({ code: "custom", path: ["apiToken"], message: "An API token has no spaces." });
      return;
    }
    if (!config.email) ctx.addIssue({ code: "custom", path: ["email"], message: "Enter the email address of your Cloudflare account." });
    else if (!z.email().safeParse(config.email).success) ctx.addIssue({ code: "custom", path: ["email"], message: "Enter a valid email address." });
    if (!config.apiKey) ctx.addIssue({ code: "custom", path: ["apiKey"], message: "Enter the Global API key." });
    else if (/\s/.test(config.apiKey)) ctx.addIssue({ code: "custom", path: ["apiKey"], message: "A Global API key has no spaces." });
  });

export type CloudflareConfig = z.infer<typeof cloudflareConfigSchema>;

/** The chosen method, or the one the present credentials imply (a token wins, as in Baton). */
export function inferAuthMethod(config: Pick<CloudflareConfig, "authMethod" | "apiToken" | "email" | "apiKey">): CloudflareAuthMethod | undefined {
  if (config.authMethod) return config.authMethod;
  if (config.apiToken) return "api-token";
  if (config.email || config.apiKey) return "email-api-key";
  return undefined;
}

export type CloudflareAuth =
  | { method: "api-token"; accountId: string; apiToken: string }
  | { method: "email-api-key"; accountId: string; email: string; apiKey: string };

/** Parses a config that may never have gone through the form (CLI file, old rows). */
export function resolveAuth(config: unknown): CloudflareAuth {
  const parsed = cloudflareConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = typeof issue?.path[0] === "string" ? issue.path[0] : undefined;
    throw new ConnectorError("invalid_config", issue?.message ?? "The Cloudflare settings are invalid.", { field });
  }
  const data = parsed.data;
  return inferAuthMethod(data) === "api-token"
    ? { method: "api-token", accountId: data.accountId, apiToken: data.apiToken ?? "" }
    : { method: "email-api-key", accountId: data.accountId, email: data.email ?? "", apiKey: data.apiKey ?? "" };
}

export function authHeaders(auth: CloudflareAuth): Record<string, string> {
  return auth.method === "api-token"
    ? { authorization: `Bearer ${auth.apiToken}` }
    : { "x-auth-email": auth.email, "x-auth-key": auth.apiKey };
}

/** The settings field a rejected credential belongs to. */
export function credentialField(auth: Pick<CloudflareAuth, "method">): "apiToken" | "apiKey" {
  return auth.method === "api-token" ? "apiToken" : "apiKey";
}

export const cloudflareSettings: SettingsSpec<CloudflareConfig> = {
  schema: cloudflareConfigSchema,
  alternativeField: "authMethod",
  alternatives: [
    { id: "api-token", label: "API token", fields: ["accountId", "apiToken"] },
    { id: "email-api-key", label: "Email + API key", fields: ["accountId", "email", "apiKey"] },
  ],
  fields: [
    {
      name: "authMethod",
      label: "Authentication",
      kind: "select",
      options: [
        { value: "api-token", label: "API token" },
        { value: "email-api-key", label: "Email + API key" },
      ],
      defaultValue: "api-token",
    },
    {
      name: "accountId",
      label: "Account ID",
      help: "In the Cloudflare dashboard, Account home: open the menu at the end of the account row and select Copy account ID.",
      required: true,
      kind: "text",
    },
    {
      name: "apiToken",
      label: "API token",
      help: "My Profile, API Tokens, Create Token (custom). Account Settings: Edit to provision, Read to sync only; plus Access: Organizations, Identity Providers, and Groups: Read.",
      secret: true,
      required: true,
      kind: "text",
    },
    {
      name: "email",
      label: "Email ID",
      help: "The email address associated with your Cloudflare account.",
      required: true,
      kind: "email",
    },
    {
      name: "apiKey",
      label: "API key",
      help: "Your Global API key (legacy), from My Profile, API Tokens.",
      secret: true,
      required: true,
      kind: "text",
    },
  ],
};
