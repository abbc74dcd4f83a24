// Applies the SSO decision at the end of a verified OpenID Connect callback: next-auth and
// openid-client have already checked state, PKCE, nonce and the id_token (signature against
// the JWKS, issuer, audience, expiry) before this runs. Every outcome is audited.
import { recordAudit } from "@/lib/data/audit";
import { getSsoConfig } from "@/lib/data/sso-settings";
import { changeRole, createSsoUser, getUserByEmail, markSignedIn } from "@/lib/data/users";
import { roleLabels } from "@/lib/validation/users";
import { decideSsoSignIn, readClaims, type RefusalReason } from "./decide";

export type SsoSignInResult = { ok: true; user: { id: string; email: string; name: string; sessionVersion: number } } | { ok: false; reason: RefusalReason | "not-configured" };

export async function completeSsoSignIn(rawClaims: Record<string, unknown>): Promise<SsoSignInResult> {
  const config = await getSsoConfig();
  if (!config) return { ok: false, reason: "not-configured" };
  const claims = readClaims(rawClaims, config.groupsClaim);
  const existing = claims.email ? await getUserByEmail(claims.email) : null;
  const decision = decideSsoSignIn(claims, config, existing);
  // The subject, email and groups say who tried; nothing from the tokens themselves is kept.
  const data = { email: claims.email, sub: claims.sub, groups: claims.groups.slice(0, 50) };
  if (decision.outcome === "refuse") {
    await recordAudit({ actor: existing, kind: "auth.sso_refused", summary: `Single sign-on refused for ${claims.email ?? `subject ${claims.sub}`}: ${decision.reason}`, result: "refused", data: { ...data, reason: decision.reason } });
    return { ok: false, reason: decision.reason };
  }
  let user = existing;
  if (!user) {
    user = await createSsoUser({ email: claims.email!, name: claims.name ?? claims.email!, role: decision.role });
    await recordAudit({ actor: user, kind: "user.created", summary: `${user.email} was created at first single sign-on as ${roleLabels[user.role]}`, targetType: "user", targetId: user.id, data: { ...data, role: user.role } });
  } else if (user.role !== decision.role) {
    const from = user.role;
    user = await changeRole(user.id, decision.role);
    await recordAudit({ actor: user, kind: "user.role_changed", summary: `${user.email} changed from ${roleLabels[from]} to ${roleLabels[user.role]} by the identity provider's groups`, targetType: "user", targetId: user.id, data: { ...data, from, to: user.role } });
  }
  await markSignedIn(user.id);
  await recordAudit({ actor: user, kind: "auth.sso_sign_in", summary: `${user.email} signed in with ${config.displayName}`, data });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
