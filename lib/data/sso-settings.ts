// Single sign-on settings: one row, the client secret sealed (AES-256-GCM) like connector
// secrets. OIDC_ISSUER in the environment replaces the row entirely (infrastructure-as-code),
// and the settings page then shows the environment's values read-only.
// getSsoConfig carries the secret: server only, never into a page, a response or a log line.
import type { Role } from "@prisma/client";
import { maskSecret, open, seal } from "@/lib/crypto";
import { db } from "@/lib/db/client";
import { getEnv, type Env } from "@/lib/env";
import type { BreakGlass, SsoPolicy } from "@/lib/sso/decide";
import { normalizeIssuer, parseGroupRoles, type GroupRole, type SsoSettingsValues } from "@/lib/validation/sso";

export type SsoConfig = SsoPolicy & {
  source: "environment" | "database";
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  requireSso: boolean;
  breakGlass: BreakGlass;
};

/** What the settings page may show: everything but the secret, which is masked. */
export type SsoSettingsView = Omit<SsoConfig, "clientSecret"> & { clientSecretHint: string; updatedAt: Date | null };

const list = (value: string | undefined) => (value ?? "").split(",").map((v) => v.trim().toLowerCase()).filter(Boolean);

/** The settings the OIDC_* variables give; null when OIDC_ISSUER is unset (lib/env.ts checked the rest at start). */
export function ssoConfigFromEnv(env: Env): SsoConfig | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    source: "environment",
    displayName: env.OIDC_DISPLAY_NAME?.trim() || "your identity provider",
    issuer: normalizeIssuer(env.OIDC_ISSUER),
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    allowSignUp: env.OIDC_ALLOW_SIGN_UP === "true",
    defaultRole: env.OIDC_DEFAULT_ROLE ?? "USER",
    groupsClaim: env.OIDC_GROUPS_CLAIM?.trim() || null,
    groupRoles: parseGroupRoles(env.OIDC_GROUP_ROLES) ?? [],
    requireSso: env.OIDC_REQUIRE_SSO === "true",
    breakGlass: { userIds: [], emails: list(env.OIDC_BREAK_GLASS_EMAILS) },
  };
}

async function readRow() {
  return db.ssoSettings.findUnique({ where: { id: "default" } });
}

type Row = NonNullable<Awaited<ReturnType<typeof readRow>>>;

function fromRow(row: Row): Omit<SsoConfig, "clientSecret"> {
  return {
    source: "database",
    displayName: row.displayName,
    issuer: row.issuer,
    clientId: row.clientId,
    allowSignUp: row.allowSignUp,
    defaultRole: row.defaultRole,
    groupsClaim: row.groupsClaim,
    groupRoles: row.groupRoles as GroupRole[],
    requireSso: row.requireSso,
    breakGlass: { userIds: row.breakGlassUserIds, emails: [] },
  };
}

/** The effective settings with the secret opened, or null when SSO is not set up. */
export async function getSsoConfig(env: Env = getEnv()): Promise<SsoConfig | null> {
  const fromEnv = ssoConfigFromEnv(env);
  if (fromEnv) return fromEnv;
  const row = await readRow();
  return row ? { ...fromRow(row), clientSecret: open(row.clientSecretSealed) } : null;
}

export async function getSsoSettingsView(env: Env = getEnv()): Promise<SsoSettingsView | null> {
  const fromEnv = ssoConfigFromEnv(env);
  if (fromEnv) {
    const { clientSecret, ...rest } = fromEnv;
    return { ...rest, clientSecretHint: maskSecret(clientSecret), updatedAt: null };
  }
  const row = await readRow();
  return row ? { ...fromRow(row), clientSecretHint: `••••••••${row.clientSecretHint}`, updatedAt: row.updatedAt } : null;
}

/** Stores the settings; a blank secret keeps the stored one. Returns the names of the fields that changed. */
export async function saveSsoSettings(values: SsoSettingsValues, actorId: string): Promise<{ changed: string[]; created: boolean }> {
  const current = await readRow();
  const secret = values.clientSecret || (current ? open(current.clientSecretSealed) : "");
  if (!secret) throw new Error("A client secret is required.");
  const data = {
    displayName: values.displayName,
    issuer: values.issuer,
    clientId: values.clientId,
    clientSecretSealed: seal(secret),
    clientSecretHint: secret.length > 8 ? secret.slice(-4) : "",
    allowSignUp: values.allowSignUp,
    defaultRole: values.defaultRole as Role,
    groupsClaim: values.groupsClaim || null,
    groupRoles: values.groupRoles,
    requireSso: values.requireSso,
    breakGlassUserIds: values.breakGlassUserIds,
    updatedById: actorId,
  };
  await db.ssoSettings.upsert({ where: { id: "default" }, create: { id: "default", ...data }, update: data });
  if (!current) return { changed: ["all"], created: true };
  const before = fromRow(current);
  // jsonb reorders object keys, so mappings are compared as "group=ROLE" strings.
  const mappings = (list: GroupRole[]) => list.map((g) => `${g.group}=${g.role}`).join(",");
  const changed: string[] = (["displayName", "issuer", "clientId", "allowSignUp", "defaultRole", "groupsClaim", "requireSso"] as const).filter((key) => before[key] !== data[key]);
  if (mappings(before.groupRoles) !== mappings(values.groupRoles)) changed.push("groupRoles");
  if (JSON.stringify(before.breakGlass.userIds) !== JSON.stringify(values.breakGlassUserIds)) changed.push("breakGlassUserIds");
  if (values.clientSecret && values.clientSecret !== open(current.clientSecretSealed)) changed.push("clientSecret");
  return { changed, created: false };
}

export async function removeSsoSettings() {
  const { count } = await db.ssoSettings.deleteMany({ where: { id: "default" } });
  return count > 0;
}
