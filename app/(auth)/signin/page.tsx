import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardBody } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth";
import { hasAnyUser } from "@/lib/data/users";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; reset?: string }> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await getCurrentUser()) redirect("/");
  const params = await searchParams;
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const callbackUrl = params.callbackUrl?.startsWith("/") && !params.callbackUrl.startsWith("//") ? params.callbackUrl : "/";
  return (
    <Card>
      <CardBody className="space-y-5 p-6">
        <div>
          <h1 className="text-xl font-semibold">Sign in</h1>
          <p className="mt-1 text-sm text-slate-600">Use the email and password of your console account.</p>
        </div>
        <SignInForm callbackUrl={callbackUrl} notice={params.reset === "1" ? "Your password is set. Sign in with it." : undefined} />
      </CardBody>
    </Card>
  );
}
