// Who may sign in, and as what: pure decisions, so every rule is tested without a browser.
// lib/sso/sign-in.ts applies them (rows, audit); lib/auth.ts asks them at each sign-in.
import type { RoleName } from "@/lib/validation/users";
import type { GroupRole } from "@/lib/validation/sso";

export type SsoClaims = { sub: string; email: string | null; emailVerified: boolean | null; name: string | null; groups: string[] };

export type SsoPolicy = { allowSignUp: boolean; defaultRole: RoleName; groupsClaim: string | null; groupRoles: GroupRole[] };

export type KnownUser = { id: string; email: string; role: RoleName; disabled: boolean };

export type RefusalReason = "no-email" | "email-unverified" | "unknown-email" | "disabled" | "sso-required";

export type SsoDecision = { outcome: "refuse"; reason: RefusalReason } | { outcome: "create"; role: RoleName } | { outcome: "sign-in"; role: RoleName };

const RANK: Record<RoleName, number> = { USER: 0, CONNECTOR_ADMIN: 1, SUPER_ADMIN: 2 };

/** The id_token's claims as the decision reads them; the groups claim may be a list or one string. */
export function readClaims(raw: Record<string, unknown>, groupsClaim: string | null): SsoClaims {
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  const groupsValue = groupsClaim ? raw[groupsClaim] : undefined;
  const groups = Array.isArray(groupsValue) ? groupsValue.filter((g): g is string => typeof g === "string") : typeof groupsValue === "string" ? [groupsValue] : [];
  return {
    sub: String(raw.sub ?? ""),
    email: text(raw.email)?.toLowerCase() ?? null,
    emailVerified: typeof raw.email_verified === "boolean" ? raw.email_verified : null,
    name: text(raw.name) ?? text(raw.preferred_username),
    groups,
  };
}

/** Mapping configured: the highest mapped role of the person's groups, else the default role. Null: no mapping. */
export function mappedRole(policy: SsoPolicy, groups: string[]): RoleName | null {
  if (!policy.groupsClaim || policy.groupRoles.length === 0) return null;
  const matched = policy.groupRoles.filter((m) => groups.includes(m.group)).map((m) => m.role);
  return matched.reduce<RoleName>((best, role) => (RANK[role] > RANK[best] ? role : best), matched[0] ?? policy.defaultRole);
}

export function decideSsoSignIn(claims: SsoClaims, policy: SsoPolicy, existing: KnownUser | null): SsoDecision {
  if (!claims.email) return { outcome: "refuse", reason: "no-email" };
  // An address the provider says it has not verified could be anyone's: never match it to an account.
  if (claims.emailVerified === false) return { outcome: "refuse", reason: "email-unverified" };
  const mapped = mappedRole(policy, claims.groups);
  if (existing) {
    if (existing.disabled) return { outcome: "refuse", reason: "disabled" };
    // The provider is the authority on roles once a mapping exists: recomputed at every sign-in.
    return { outcome: "sign-in", role: mapped ?? existing.role };
  }
  if (!policy.allowSignUp) return { outcome: "refuse", reason: "unknown-email" };
  return { outcome: "create", role: mapped ?? policy.defaultRole };
}

export type BreakGlass = { userIds: string[]; emails: string[] };

/** With SSO required, only the named break-glass Super Administrators keep password sign-in. */
export function decidePasswordSignIn(user: KnownUser, sso: { requireSso: boolean; breakGlass: BreakGlass } | null): { allowed: true } | { allowed: false; reason: "sso-required" } {
  if (!sso?.requireSso) return { allowed: true };
  const named = sso.breakGlass.userIds.includes(user.id) || sso.breakGlass.emails.includes(user.email.toLowerCase());
  return named && user.role === "SUPER_ADMIN" ? { allowed: true } : { allowed: false, reason: "sso-required" };
}
