"use client";
import { useState, useTransition, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog } from "./dialog";

type Outcome = { ok: true } | { ok: false; message: string };

/**
 * A destructive step behind "Are you sure?": the button opens a dialog with Cancel and the
 * step itself; a refusal stays in the dialog, success calls onDone.
 */
export function ConfirmButton({ label, title, description, confirmLabel, run, onDone, variant = "secondary" }: {
  label: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  run: () => Promise<Outcome>;
  onDone: () => void;
  variant?: "secondary" | "danger";
}) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      setError(null);
      const result = await run();
      if (!result.ok) return setError(result.message);
      setOpen(false);
      onDone();
    });
  return (
    <>
      <Button variant={variant} size="sm" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title} description={description}>
        {error && <Alert tone="error" className="mb-4">{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} loading={pending}>
            {confirmLabel}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
