"use client";
// The requester's and owners' buttons on a request: Cancel request (pending), Revoke now (active).
import { useRouter } from "next/navigation";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { ConfirmButton } from "@/components/ui/confirm-button";

type Run = (input: { requestId: string }) => Promise<ActionResultLike<{ state: string }>>;

export function CancelRequestButton({ requestId, cancel }: { requestId: string; cancel: Run }) {
  const router = useRouter();
  return <ConfirmButton label="Cancel request" title="Cancel this request?" description="The approvers will no longer see it." confirmLabel="Cancel request" run={() => cancel({ requestId })} onDone={() => router.refresh()} />;
}

export function RevokeNowButton({ requestId, name, revoke }: { requestId: string; name: string; revoke: Run }) {
  const router = useRouter();
  return <ConfirmButton label="Revoke now" title={`Revoke ${name} now?`} description="The access is removed in the app at once; the request ends Revoked." confirmLabel="Revoke now" run={() => revoke({ requestId })} onDone={() => router.refresh()} variant="danger" />;
}
