"use client";
import { useRouter } from "next/navigation";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { ConfirmButton } from "@/components/ui/confirm-button";

type DeleteConnector = (input: { connectorId: string }) => Promise<ActionResultLike<unknown>>;

export function DeleteConnectorButton({ connectorId, name, appName, deleteConnector }: { connectorId: string; name: string; appName: string; deleteConnector: DeleteConnector }) {
  const router = useRouter();
  return (
    <ConfirmButton
      variant="danger"
      label="Delete connector"
      title={`Delete ${name}?`}
      description={`This removes the connector, its settings and sync history, and the accounts, entitlements and grants it synced into ${appName}. The app itself stays. This cannot be undone.`}
      confirmLabel="Delete"
      run={() => deleteConnector({ connectorId })}
      onDone={() => {
        router.push("/admin/connectors");
        router.refresh();
      }}
    />
  );
}
