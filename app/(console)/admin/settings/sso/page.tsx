import type { Metadata } from "next";
import { CopyButton } from "@/components/self-hosted/copy-button";
import { RemoveSsoButton } from "@/components/settings/remove-sso-button";
import { SsoSettingsForm } from "@/components/settings/sso-settings-form";
import { SsoSummary } from "@/components/settings/sso-summary";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth";
import { getSsoSettingsView } from "@/lib/data/sso-settings";
import { listActiveSuperAdmins } from "@/lib/data/users";
import { getAppUrl } from "@/lib/env";
import type { SsoSettingsInput } from "@/lib/validation/sso";
import { removeSsoSettingsAction, saveSsoSettingsAction, testSsoDiscoveryAction } from "./actions";

export const metadata: Metadata = { title: "Single sign-on" };

const EMPTY: SsoSettingsInput = { displayName: "", issuer: "", clientId: "", clientSecret: "", allowSignUp: false, defaultRole: "USER", groupsClaim: "", groupRoles: [], requireSso: false, breakGlassUserIds: [] };

export default async function SsoSettingsPage() {
  await requireRole(["SUPER_ADMIN"]);
  const [view, superAdmins] = await Promise.all([getSsoSettingsView(), listActiveSuperAdmins()]);
  const redirectUri = `${getAppUrl()}/api/auth/callback/oidc`;
  const fromEnv = view?.source === "environment";
  const defaults: SsoSettingsInput = view
    ? { ...view, clientSecret: "", groupsClaim: view.groupsClaim ?? "", breakGlassUserIds: view.breakGlass.userIds.filter((id) => superAdmins.some((u) => u.id === id)) }
    : EMPTY;
  return (
    <>
      <PageHeader eyebrow="Admin › Settings" title="Single sign-on" description="Let people sign in with your company's identity provider (OpenID Connect)." actions={view && !fromEnv ? <RemoveSsoButton remove={removeSsoSettingsAction} /> : undefined} />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Redirect URI" description="Register this as the redirect (callback) URI of the client in your identity provider." />
          <CardBody className="flex items-center gap-3">
            <code className="min-w-0 flex-1 break-all rounded bg-slate-50 px-3 py-2 text-sm text-slate-800 ring-1 ring-slate-200" data-testid="sso-redirect-uri">
              {redirectUri}
            </code>
            <CopyButton value={redirectUri} label="Copy redirect URI" />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Identity provider" description={view ? `Sign-in page offers "Sign in with ${view.displayName}".` : "Not set up: people sign in with a password."} />
          <CardBody>
            {view && fromEnv ? (
              <div className="space-y-4">
                <Alert tone="info" title="Set by the environment">
                  OIDC_ISSUER and the other OIDC_* variables set these values; change them there and restart. They override anything saved here.
                </Alert>
                <SsoSummary {...view} breakGlassEmails={view.breakGlass.emails} />
              </div>
            ) : (
              <SsoSettingsForm defaults={defaults} secretHint={view?.clientSecretHint ?? null} superAdmins={superAdmins} save={saveSsoSettingsAction} testDiscovery={testSsoDiscoveryAction} />
            )}
          </CardBody>
        </Card>
      </div>
    </>
  );
}
