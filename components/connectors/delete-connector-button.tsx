"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

type DeleteConnector = (input: { connectorId: string }) => Promise<ActionResultLike<unknown>>;

export function DeleteConnectorButton({ connectorId, name, appName, deleteConnector }: { connectorId: string; name: string; appName: string; deleteConnector: DeleteConnector }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      setError(null);
      const result = await deleteConnector({ connectorId });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      router.push("/admin/connectors");
      router.refresh();
    });
  return (
    <>
      <Button variant="danger" size="sm" onClick={() => setOpen(true)}>
        Delete connector
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${name}?`}
        description={`This removes the connector, its settings and sync history, and the accounts, entitlements and grants it synced into ${appName}. The app itself stays. This cannot be undone.`}
      >
        {error && <Alert tone="error" className="mb-4">{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={confirm} loading={pending}>
            Delete
          </Button>
        </div>
      </Dialog>
    </>
  );
}
