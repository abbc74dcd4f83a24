"use client";
// Launch, Close and Cancel on a campaign's page; each refusal (already launched, not active) is shown.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";

type Run<T> = (input: { campaignId: string }) => Promise<ActionResultLike<T>>;

export function CampaignControls({ campaignId, status, defaultDecision, launch, close, cancel }: {
  campaignId: string;
  status: string;
  defaultDecision: string;
  launch: Run<{ items: number; reviewers: number }>;
  close: Run<{ revokes: number; defaulted: number }>;
  cancel: Run<{ campaignId: string }>;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const onLaunch = () =>
    startTransition(async () => {
      const result = await launch({ campaignId });
      setMessage(result.ok ? { tone: "success", text: `Launched: ${result.data.items} items for ${result.data.reviewers} reviewers. They have been emailed.` } : { tone: "error", text: result.message });
      router.refresh();
    });
  const asOutcome = async <T,>(run: Promise<ActionResultLike<T>>) => {
    const result = await run;
    return result.ok ? { ok: true as const } : { ok: false as const, message: result.message };
  };
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        {status === "DRAFT" && (
          <Button onClick={onLaunch} loading={pending}>
            Launch
          </Button>
        )}
        {status === "ACTIVE" && (
          <ConfirmButton
            label="Close campaign"
            title="Close this campaign?"
            description={`Decisions end now. Undecided items are ${defaultDecision === "revoke" ? "revoked" : "kept"}, and every revoke is sent through provisioning.`}
            confirmLabel="Close campaign"
            run={() => asOutcome(close({ campaignId }))}
            onDone={() => {
              setMessage({ tone: "success", text: "Closed. The revokes are being sent; their state shows below." });
              router.refresh();
            }}
          />
        )}
        {(status === "DRAFT" || status === "ACTIVE") && (
          <ConfirmButton label="Cancel campaign" title="Cancel this campaign?" description="Nothing is revoked; the items stay as evidence of a cancelled campaign." confirmLabel="Cancel campaign" run={() => asOutcome(cancel({ campaignId }))} onDone={() => router.refresh()} />
        )}
      </div>
      {message && (
        <Alert tone={message.tone} className="py-2">
          {message.text}
        </Alert>
      )}
    </div>
  );
}
