import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { findValidPasswordToken } from "@/lib/data/users";
import { setPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Set your password" };
export const dynamic = "force-dynamic";

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const row = await findValidPasswordToken(token);
  return (
    <Card>
      <CardBody className="space-y-5 p-6">
        {row ? (
          <>
            <div>
              <h1 className="text-xl font-semibold">Set your password</h1>
              <p className="mt-1 text-sm text-slate-600">
                Welcome, {row.user.name}. Choose a password for <span className="font-medium">{row.user.email}</span>.
              </p>
            </div>
            <SetPasswordForm token={token} action={setPasswordAction} />
          </>
        ) : (
          <div className="space-y-4">
            <h1 className="text-xl font-semibold">This link cannot be used</h1>
            <Alert tone="warning">It has expired or was already used. Ask an administrator to send you a new one.</Alert>
            <ButtonLink href="/signin" variant="secondary">
              Go to sign in
            </ButtonLink>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
