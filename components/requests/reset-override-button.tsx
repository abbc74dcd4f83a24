"use client";
import { useRouter } from "next/navigation";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { ConfirmButton } from "@/components/ui/confirm-button";

type Input = { applicationId: string; connectorId: string; entitlementId: string };

export function ResetOverrideButton({ input, reset }: { input: Input; reset: (input: Input) => Promise<ActionResultLike<{ reset: boolean }>> }) {
  const router = useRouter();
  return <ConfirmButton label="Use the app's defaults" title="Remove this override?" description="The entitlement goes back to the app's defaults." confirmLabel="Remove override" run={() => reset(input)} onDone={() => router.refresh()} />;
}
