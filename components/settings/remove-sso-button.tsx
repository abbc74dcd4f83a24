"use client";
import { useRouter } from "next/navigation";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function RemoveSsoButton({ remove }: { remove: (input: { confirm: true }) => Promise<ActionResultLike<unknown>> }) {
  const router = useRouter();
  return (
    <ConfirmButton
      label="Turn off single sign-on"
      title="Turn off single sign-on?"
      description="The sign-in page stops offering it and everyone signs in with a password again. Accounts created by SSO stay, without a password until an administrator sends them a link."
      confirmLabel="Turn off"
      run={() => remove({ confirm: true })}
      onDone={() => router.refresh()}
    />
  );
}
