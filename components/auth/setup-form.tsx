"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { setupSchema, type SetupInput } from "@/lib/validation/users";

export function SetupForm({ action }: { action: (input: SetupInput) => Promise<ActionResultLike<{ email: string }>> }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: setupSchema,
    action,
    defaultValues: { name: "", email: "", password: "", confirmPassword: "" },
    onSuccess: async () => {
      const { email, password } = form.getValues();
      await signIn("credentials", { email, password, redirect: false });
      router.replace("/");
      router.refresh();
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <TextField form={form} name="name" label="Your name" autoComplete="name" autoFocus />
      <TextField form={form} name="email" label="Work email" type="email" autoComplete="email" />
      <TextField form={form} name="password" label="Password" type="password" autoComplete="new-password" help="At least 12 characters." />
      <TextField form={form} name="confirmPassword" label="Confirm password" type="password" autoComplete="new-password" />
      <Button type="submit" className="w-full" loading={pending}>
        Create administrator
      </Button>
    </form>
  );
}
