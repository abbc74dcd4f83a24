// Settings: the zod schema (source of the config type), the form's field metadata, and the two
// ways to authenticate: an API token (SSWS) or an OAuth service app signing a client assertion.
import { z } from "zod";
import { ConnectorError, type SettingsSpec } from "../types";
import { parsePrivateKey } from "./keys";

export const AUTH_METHODS = ["api-token", "oauth"] as const;
export type OktaAuthMethod = (typeof AUTH_METHODS)[number];

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
// The admin console lives on <org>-admin.okta.com; the API is on <org>.okta.com.
const ADMIN_HOST = /^([a-z0-9-]+)-admin\.(okta|oktapreview|okta-emea|okta-gov|okta-miltest|trexcloud)\.com$/i;

/** https://<org>.okta.com (or a custom domain) as an origin; loopback may use http (simulators). */
export function normalizeDomain(input: string): { ok: true; url: string } | { ok: false; message: string } {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: "Enter your Okta domain, such as https://acme.okta.com." };
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { ok: false, message: "Enter a URL such as https://acme.okta.com." };
  }
  if (url.username || url.password) return { ok: false, message: "Leave credentials out of the Okta domain." };
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) return { ok: false, message: "Okta domains use https://." };
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "Okta domains use https://." };
  const host = url.hostname.replace(ADMIN_HOST, "$1.$2.com");
  return { ok: true, url: `${url.protocol}//${host}${url.port ? `:${url.port}` : ""}` };
}

const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().optional());
// Forms send strings; the CLI config file may send a boolean.
const optionalFlag = z.preprocess((v) => (v === "" || v === undefined || v === null ? undefined : v === true || v === "true"), z.boolean().optional());

export const oktaConfigSchema = z
  .object({
    // Normalised here; an invalid one is reported by the refinement below, so the form gets
    // every field's error at once (a failing transform would stop the other checks).
    domain: z.string({ error: "Enter your Okta domain, such as https://acme.okta.com." }).transform((value) => {
      const result = normalizeDomain(value);
      return result.ok ? result.url : value;
    }),
    /** Optional: the CLI config file may only have credential keys, so it is inferred when absent. */
    authMethod: z.enum(AUTH_METHODS).optional(),
    apiToken: optionalText,
    clientId: optionalText,
    privateKey: optionalText,
    keyId: optionalText,
    /** OAuth only: also request okta.groups.manage, so grants and revokes can change memberships. */
    provisioning: optionalFlag,
  })
  .superRefine((config, ctx) => {
    const domain = normalizeDomain(config.domain);
    if (!domain.ok) ctx.addIssue({ code: "custom", path: ["domain"], message: domain.message });
    const method = inferAuthMethod(config);
    if (method === undefined) {
      ctx.addIssue({ code: "custom", path: ["apiToken"], message: "Enter an API token, or the client ID and private key of an OAuth service app." });
      return;
    }
    if (method === "api-token") {
      if (!config.apiToken) ctx.addIssue({ code: "custom", path: ["apiToken"], message: "Enter the API token." });
      // Sent in a header: whitespace inside would break the request, not authenticate it.
      else if (/\s/.test(config.apiToken)) ctx.addIssue({ code: "custom", path: ["apiToken"], message: "An API token has no spaces." });
      return;
    }
    if (!config.clientId) ctx.addIssue({ code: "custom", path: ["clientId"], message: "Enter the client ID of the OAuth service app." });
    else if (!/^[\w-]+$/.test(config.clientId)) ctx.addIssue({ code: "custom", path: ["clientId"], message: "A client ID has only letters, digits, dashes and underscores." });
    if (!config.privateKey) ctx.addIssue({ code: "custom", path: ["privateKey"], message: "Enter the private key (PEM or JWK)." });
    else {
      const key = parsePrivateKey(config.privateKey);
      if (typeof key === "string") ctx.addIssue({ code: "custom", path: ["privateKey"], message: key });
    }
    if (config.keyId && /\s/.test(config.keyId)) ctx.addIssue({ code: "custom", path: ["keyId"], message: "A key ID has no spaces." });
  });

export type OktaConfig = z.infer<typeof oktaConfigSchema>;

/** The chosen method, or the one the present credentials imply (a token wins). */
export function inferAuthMethod(config: Pick<OktaConfig, "authMethod" | "apiToken" | "clientId" | "privateKey">): OktaAuthMethod | undefined {
  if (config.authMethod) return config.authMethod;
  if (config.apiToken) return "api-token";
  if (config.clientId || config.privateKey) return "oauth";
  return undefined;
}

export type OktaAuth =
  | { method: "api-token"; domain: string; apiToken: string }
  | { method: "oauth"; domain: string; clientId: string; privateKey: string; keyId?: string; provisioning: boolean };

/** Parses a config that may never have gone through the form (CLI file, old rows). */
export function resolveAuth(config: unknown): OktaAuth {
  const parsed = oktaConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = typeof issue?.path[0] === "string" ? issue.path[0] : undefined;
    throw new ConnectorError("invalid_config", issue?.message ?? "The Okta settings are invalid.", { field });
  }
  const c = parsed.data;
  return inferAuthMethod(c) === "api-token"
    ? { method: "api-token", domain: c.domain, apiToken: c.apiToken ?? "" }
    : { method: "oauth", domain: c.domain, clientId: c.clientId ?? "", privateKey: c.privateKey ?? "", keyId: c.keyId, provisioning: c.provisioning ?? false };
}

/** The settings field a refused credential belongs to. */
export function credentialField(auth: Pick<OktaAuth, "method">): "apiToken" | "clientId" {
  return auth.method === "api-token" ? "apiToken" : "clientId";
}

export const oktaSettings: SettingsSpec<OktaConfig> = {
  schema: oktaConfigSchema,
  alternativeField: "authMethod",
  alternatives: [
    { id: "api-token", label: "API token", fields: ["domain", "apiToken"] },
    { id: "oauth", label: "OAuth service app", fields: ["domain", "clientId", "privateKey", "keyId", "provisioning"] },
  ],
  fields: [
    {
      name: "authMethod",
      label: "Authentication",
      kind: "select",
      options: [
        { value: "api-token", label: "API token" },
        { value: "oauth", label: "OAuth service app" },
      ],
      defaultValue: "api-token",
    },
    { name: "domain", label: "Okta domain", help: "Your org URL, such as https://acme.okta.com, or its custom domain (not the -admin address).", required: true, kind: "text", placeholder: "https://acme.okta.com" },
    {
      name: "apiToken",
      label: "API token",
      help: "Security, API, Tokens, Create token. The token acts with its creator's admin role: Read-only Administrator syncs; Group Membership Administrator also provisions.",
      secret: true,
      required: true,
      kind: "text",
    },
    { name: "clientId", label: "Client ID", help: "Of an API Services app with Public key / Private key client authentication.", required: true, kind: "text" },
    {
      name: "privateKey",
      label: "Private key",
      help: "The RSA private key whose public key is registered on the app, as PEM (PKCS#8 or PKCS#1) or JWK. Grant the app okta.users.read, okta.groups.read and okta.apps.read (okta.roles.read to sync admin roles).",
      secret: true,
      required: true,
      kind: "text",
    },
    { name: "keyId", label: "Key ID", help: "The key's kid in Okta, needed when the app has more than one key (taken from a JWK when it has one).", kind: "text" },
    {
      name: "provisioning",
      label: "Provisioning",
      kind: "select",
      options: [
        { value: "false", label: "Sync only" },
        { value: "true", label: "Sync and change group memberships (requests okta.groups.manage)" },
      ],
      defaultValue: "false",
    },
  ],
};
