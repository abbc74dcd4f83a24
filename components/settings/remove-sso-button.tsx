"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export function RemoveSsoButton({ remove }: { remove: (input: { confirm: true }) => Promise<ActionResultLike<unknown>> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      const result = await remove({ confirm: true });
      if (!result.ok) return setError(result.message);
      setOpen(false);
      router.refresh();
    });
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Turn off single sign-on
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Turn off single sign-on?" description="The sign-in page stops offering it and everyone signs in with a password again. Accounts created by SSO stay, without a password until an administrator sends them a link.">
        {error && <Alert tone="error" className="mb-4">{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} loading={pending}>
            Turn off
          </Button>
        </div>
      </Dialog>
    </>
  );
}
