// next-auth's error page (pages.error) and the SSO refusals (lib/auth.ts's signIn callback
// sends ?reason=). Nothing from the query is echoed: only known codes pick a message.
import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign-in refused" };
export const dynamic = "force-dynamic";

const REASONS: Record<string, { title: string; text: string }> = {
  "unknown-email": { title: "No account for this email", text: "Your identity provider signed you in, but this console has no user with your email and does not create accounts at first sign-in. Ask a Super Administrator to add you in Admin > Users." },
  disabled: { title: "Your account is disabled", text: "A Super Administrator disabled your console account. Ask them to enable it again." },
  "no-email": { title: "No email from the identity provider", text: "Your identity provider did not say which email you have, so the console cannot tell who you are. Ask your administrator to release the email claim to this application." },
  "email-unverified": { title: "Email not verified", text: "Your identity provider says your email address is not verified. Verify it there, then sign in again." },
  "not-configured": { title: "Single sign-on is not set up", text: "Sign in with your email and password." },
};

const ERRORS: Record<string, { title: string; text: string }> = {
  // A token that failed its checks (signature, issuer, audience, expiry, nonce), a state that
  // was missing or already used, an error answered by the provider.
  OAuthCallback: { title: "Sign-in could not be verified", text: "The answer from your identity provider did not pass the console's checks: it may have expired, been meant for another application, or been used already. Nothing was signed in. Start again from the sign-in page." },
  Callback: { title: "Sign-in could not be completed", text: "Something went wrong while completing the sign-in. Nothing was signed in. Start again from the sign-in page." },
  OAuthSignin: { title: "The identity provider cannot be reached", text: "The console could not start the sign-in with your identity provider. Try again in a moment, or ask your administrator to check the single sign-on settings." },
  AccessDenied: { title: "Access denied", text: "You may not sign in to this console." },
  Configuration: { title: "Sign-in is not set up correctly", text: "Ask your administrator to check the single sign-on settings." },
};

const FALLBACK = { title: "Sign-in refused", text: "The sign-in did not complete. Start again from the sign-in page." };

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string; reason?: string }> }) {
  const { error, reason } = await searchParams;
  const message = (reason && Object.hasOwn(REASONS, reason) ? REASONS[reason] : undefined) ?? (error && Object.hasOwn(ERRORS, error) ? ERRORS[error] : undefined) ?? FALLBACK;
  return (
    <Card>
      <CardBody className="space-y-5 p-6">
        <h1 className="text-xl font-semibold">Sign-in refused</h1>
        <Alert tone="error" title={message.title}>
          {message.text}
        </Alert>
        <ButtonLink href="/signin" variant="secondary" className="w-full">
          Back to sign in
        </ButtonLink>
      </CardBody>
    </Card>
  );
}
