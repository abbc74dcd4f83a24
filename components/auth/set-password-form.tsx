"use client";
import { useRouter } from "next/navigation";
import type { z } from "zod";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { setPasswordSchema } from "@/lib/validation/users";

export function SetPasswordForm({ token, action }: { token: string; action: (input: z.input<typeof setPasswordSchema>) => Promise<ActionResultLike<{ email: string }>> }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: setPasswordSchema,
    action,
    defaultValues: { token, password: "", confirmPassword: "" },
    onSuccess: () => router.replace("/signin?reset=1"),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField form={form} name="password" label="New password" type="password" autoComplete="new-password" help="At least 12 characters." autoFocus />
      <TextField form={form} name="confirmPassword" label="Confirm password" type="password" autoComplete="new-password" />
      <Button type="submit" className="w-full" loading={pending}>
        Set password
      </Button>
    </form>
  );
}
