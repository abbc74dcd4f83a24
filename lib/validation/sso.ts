// Single sign-on settings: one schema for the form and the server action.
import { z } from "zod";
import { roles } from "./users";

/** https, or http on loopback only (a local identity provider, the e2e tests). */
export function isAllowedIssuerUrl(value: string) {
  try {
    const url = new URL(value);
    if (url.search || url.hash) return false;
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

/** The issuer as the provider writes it: without a trailing slash (discovery appends the path). */
export function normalizeIssuer(value: string) {
  return value.trim().replace(/\/+$/, "");
}

export const issuerSchema = z
  .string()
  .trim()
  .min(1, "Enter the issuer URL.")
  .max(500, "Keep the URL under 500 characters.")
  .refine(isAllowedIssuerUrl, "Enter an https:// URL without query or fragment (http:// only on localhost).")
  .transform(normalizeIssuer);

const groupRoleSchema = z.object({
  group: z.string().trim().min(1, "Enter the group's name.").max(200, "Keep the group under 200 characters."),
  role: z.enum(roles),
});

export const ssoSettingsSchema = z
  .object({
    displayName: z.string().trim().min(1, "Enter the name people see on the button.").max(60, "Keep the name under 60 characters."),
    issuer: issuerSchema,
    clientId: z.string().trim().min(1, "Enter the client ID.").max(300, "Keep the client ID under 300 characters."),
    /** Blank keeps the stored secret (the server refuses blank when none is stored). */
    clientSecret: z.string().trim().max(1000, "Keep the secret under 1,000 characters."),
    allowSignUp: z.boolean(),
    defaultRole: z.enum(roles),
    groupsClaim: z
      .string()
      .trim()
      .max(100, "Keep the claim name under 100 characters.")
      .regex(/^[A-Za-z0-9_:./-]*$/, "Use letters, digits and _ : . / - only."),
    groupRoles: z.array(groupRoleSchema).max(50, "Map at most 50 groups."),
    requireSso: z.boolean(),
    breakGlassUserIds: z.array(z.string().min(1).max(100)).max(20, "Choose at most 20 users."),
  })
  .superRefine((v, ctx) => {
    if (v.groupRoles.length > 0 && !v.groupsClaim) ctx.addIssue({ code: "custom", path: ["groupsClaim"], message: "Name the claim that carries the groups, or remove the mappings." });
    const groups = v.groupRoles.map((g) => g.group);
    if (new Set(groups).size !== groups.length) ctx.addIssue({ code: "custom", path: ["groupRoles"], message: "Map each group once." });
    // Without a way in that does not depend on the identity provider, an outage locks everyone out.
    if (v.requireSso && v.breakGlassUserIds.length === 0) ctx.addIssue({ code: "custom", path: ["breakGlassUserIds"], message: "Choose at least one break-glass Super Administrator." });
  });

export const testSsoDiscoverySchema = z.object({ issuer: issuerSchema });

export const removeSsoSettingsSchema = z.object({ confirm: z.literal(true) });

export type SsoSettingsInput = z.input<typeof ssoSettingsSchema>;
export type SsoSettingsValues = z.output<typeof ssoSettingsSchema>;
export type GroupRole = z.infer<typeof groupRoleSchema>;

/** "group=ROLE,group=ROLE" (OIDC_GROUP_ROLES) into mappings; null when malformed. */
export function parseGroupRoles(value: string | undefined): GroupRole[] | null {
  if (!value?.trim()) return [];
  const pairs = value.split(",").map((pair) => pair.trim()).filter(Boolean);
  const parsed = z.array(groupRoleSchema).safeParse(
    pairs.map((pair) => {
      const at = pair.lastIndexOf("=");
      return { group: pair.slice(0, at), role: pair.slice(at + 1).trim() };
    }),
  );
  return parsed.success && pairs.every((p) => p.lastIndexOf("=") > 0) ? parsed.data : null;
}
