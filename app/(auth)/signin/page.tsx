import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignInButton } from "@/components/auth/sso-sign-in-button";
import { Card, CardBody } from "@/components/ui/card";
import { getCurrentUser, SIGN_IN_ERROR_PAGE } from "@/lib/auth";
import { getSsoSettingsView } from "@/lib/data/sso-settings";
import { hasAnyUser } from "@/lib/data/users";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reset?: string; error?: string }> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await getCurrentUser()) redirect("/");
  const params = await searchParams;
  // next-auth sends a failed OAuth callback back here (/signin?error=OAuthCallback), not to
  // pages.error: show the refusal on the error page like every other sign-in refusal.
  if (params.error) redirect(`${SIGN_IN_ERROR_PAGE}?error=${encodeURIComponent(params.error.slice(0, 40))}`);
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const callbackUrl = params.callbackUrl?.startsWith("/") && !params.callbackUrl.startsWith("//") ? params.callbackUrl : "/";
  const sso = await getSsoSettingsView();
  return (
    <Card>
      <CardBody className="space-y-5 p-6">
        <div>
          <h1 className="text-xl font-semibold">Sign in</h1>
          <p className="mt-1 text-sm text-slate-600">{sso ? `Use ${sso.displayName}, or the email and password of your console account.` : "Use the email and password of your console account."}</p>
        </div>
        {sso && (
          <>
            <SsoSignInButton displayName={sso.displayName} callbackUrl={callbackUrl} />
            <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
              <span className="h-px flex-1 bg-slate-200" />
              or with a password
              <span className="h-px flex-1 bg-slate-200" />
            </div>
            {sso.requireSso && <p className="text-sm text-slate-600">Password sign-in is kept for break-glass administrators only.</p>}
          </>
        )}
        <SignInForm callbackUrl={callbackUrl} notice={params.reset === "1" ? "Your password is set. Sign in with it." : undefined} />
      </CardBody>
    </Card>
  );
}
