"use client";
// Rotate: a new client ID and secret. The secret lives in this component's state only, shown
// once with a copy button; dismissing it or reloading the page loses it for good.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { RotateCredentials as RotateAction } from "@/lib/self-hosted/panel-types";
import { CopyButton } from "./copy-button";

function SecretRow({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="flex gap-2">
        <input id={id} readOnly value={value} className="h-8 w-full rounded-md bg-white px-2 font-mono text-xs text-slate-900 ring-1 ring-slate-300 ring-inset" onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={value} label={`Copy ${label}`} />
      </div>
    </div>
  );
}

export function RotateCredentials({ connectorId, hasCredentials, rotate }: { connectorId: string; hasCredentials: boolean; rotate: RotateAction }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ clientId: string; clientSecret: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const run = () =>
    startTransition(async () => {
      setError(null);
      const result = await rotate({ connectorId });
      setConfirming(false);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setShown({ clientId: result.data.clientId, clientSecret: result.data.clientSecret });
      router.refresh();
    });

  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      {shown && (
        <Alert tone="warning" title="Copy the client secret now: it is shown only once.">
          <div className="mt-2 space-y-2" data-testid="rotated-credentials">
            <SecretRow id="rotated-client-id" label="Client ID" value={shown.clientId} />
            <SecretRow id="rotated-client-secret" label="Client Secret" value={shown.clientSecret} />
            <p className="text-xs">Gatekeeper keeps only a hash of it. Put both in the runner&apos;s Secret (BATON_CLIENT_ID, BATON_CLIENT_SECRET).</p>
            <Button size="sm" variant="secondary" onClick={() => setShown(null)}>
              I have copied it
            </Button>
          </div>
        </Alert>
      )}
      <Button variant={hasCredentials ? "secondary" : "primary"} size="sm" loading={pending && !confirming} onClick={() => (hasCredentials ? setConfirming(true) : run())}>
        Rotate
      </Button>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Rotate the client credentials?"
        description="The current client secret stops working at once, and so does every token it obtained: the runner cannot upload until its Secret holds the new ID and secret."
      >
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={run} loading={pending}>
            Rotate now
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
