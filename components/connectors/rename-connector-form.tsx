"use client";
// The connector's name, edited in place on the Manage card. Loaded when Edit is clicked: it
// brings react-hook-form and zod, which the rest of the connector page does without.
import { useRouter } from "next/navigation";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { renameConnectorSchema } from "@/lib/validation/connectors";

export type RenameConnector = (input: { connectorId: string; displayName: string }) => Promise<ActionResultLike<unknown>>;

export function RenameConnectorForm({ connectorId, displayName, rename, onDone }: { connectorId: string; displayName: string; rename: RenameConnector; onDone: () => void }) {
  const router = useRouter();
  const form = useActionForm({
    schema: renameConnectorSchema,
    action: rename,
    defaultValues: { connectorId, displayName },
    onSuccess: () => {
      onDone();
      router.refresh();
    },
  });
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-2">
      {form.formError && <Alert tone="error">{form.formError}</Alert>}
      <TextField form={form.form} name="displayName" label="Name" autoComplete="off" autoFocus />
      <div className="flex gap-2">
        <Button type="submit" variant="secondary" size="sm" loading={form.pending}>
          Save name
        </Button>
        <Button type="button" variant="ghost" size="sm" onClick={onDone} disabled={form.pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
