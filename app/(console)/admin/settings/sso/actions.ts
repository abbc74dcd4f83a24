"use server";
// Single sign-on settings: Super Administrators only. Saving discovers the issuer again, so a
// stored issuer always answered as an OpenID provider under its own name.
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/action";
import { recordAudit } from "@/lib/data/audit";
import { getSsoSettingsView, removeSsoSettings, saveSsoSettings } from "@/lib/data/sso-settings";
import { listActiveSuperAdmins } from "@/lib/data/users";
import { discoverIssuer } from "@/lib/sso/discovery";
import { removeSsoSettingsSchema, ssoSettingsSchema, testSsoDiscoverySchema } from "@/lib/validation/sso";

const SUPER_ADMIN_ONLY = ["SUPER_ADMIN"] as const;
const SET_BY_ENVIRONMENT = "Single sign-on is set by the environment (OIDC_ISSUER): change it there.";

async function discoverOrThrow(issuer: string) {
  const found = await discoverIssuer(issuer);
  if (!found.ok) throw new ActionError(found.message, { issuer: [found.message] });
  return found;
}

async function assertNotFromEnvironment() {
  if ((await getSsoSettingsView())?.source === "environment") throw new ActionError(SET_BY_ENVIRONMENT);
}

export const testSsoDiscoveryAction = action({ schema: testSsoDiscoverySchema, roles: SUPER_ADMIN_ONLY }, async ({ issuer }) => {
  const found = await discoverOrThrow(issuer);
  return { issuer: found.issuer, authorizationEndpoint: found.authorizationEndpoint };
});

export const saveSsoSettingsAction = action({ schema: ssoSettingsSchema, roles: SUPER_ADMIN_ONLY }, async (input, actor) => {
  await assertNotFromEnvironment();
  const current = await getSsoSettingsView();
  if (!input.clientSecret && !current) throw new ActionError("Check the highlighted fields.", { clientSecret: ["Enter the client secret."] });
  const admins = new Set((await listActiveSuperAdmins()).map((u) => u.id));
  if (input.breakGlassUserIds.some((id) => !admins.has(id))) throw new ActionError("Check the highlighted fields.", { breakGlassUserIds: ["Choose active Super Administrators only."] });
  await discoverOrThrow(input.issuer);
  const { changed, created } = await saveSsoSettings(input, actor.id);
  // Field names only: the audit log never holds the secret.
  await recordAudit({
    actor,
    kind: "settings.sso_saved",
    summary: created ? `${actor.email} set up single sign-on with ${input.issuer}` : `${actor.email} changed single sign-on: ${changed.join(", ") || "nothing"}`,
    targetType: "sso",
    targetId: "default",
    data: { changed, issuer: input.issuer, requireSso: input.requireSso },
  });
  revalidatePath("/admin/settings/sso");
  return { changed };
});

export const removeSsoSettingsAction = action({ schema: removeSsoSettingsSchema, roles: SUPER_ADMIN_ONLY }, async (_input, actor) => {
  await assertNotFromEnvironment();
  if (!(await removeSsoSettings())) throw new ActionError("Single sign-on is not set up.");
  await recordAudit({ actor, kind: "settings.sso_removed", summary: `${actor.email} turned single sign-on off`, targetType: "sso", targetId: "default" });
  revalidatePath("/admin/settings/sso");
  return { removed: true };
});
