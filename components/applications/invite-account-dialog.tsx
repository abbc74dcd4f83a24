"use client";
// The Invite account dialog and its form, loaded by InviteAccountButton when first opened.
import { useRouter } from "next/navigation";
import { TextField } from "@/components/forms/text-field";
import { useActionForm } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { inviteAccountSchema } from "@/lib/validation/provisioning";
import type { InviteAction, InviteTarget } from "./account-lifecycle";
import { useProvisioningNotice } from "./provisioning";

export default function InviteAccountDialog({ target, invite, onClose }: { target: InviteTarget; invite: InviteAction; onClose: () => void }) {
  const router = useRouter();
  const notify = useProvisioningNotice();
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: inviteAccountSchema,
    action: invite,
    defaultValues: { connectorId: target.connectorId, email: "", role: target.defaultRole },
    onSuccess: (data) => {
      notify(data.message);
      onClose();
      router.refresh();
    },
  });
  const roleError = form.formState.errors.role?.message;
  return (
    <Dialog open onClose={onClose} title={`Invite an account to ${target.connectorName}`} description="They receive an invitation email from the app itself. The account shows here at once; the next sync confirms it.">
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Invite account">
        {formError && <Alert tone="error">{formError}</Alert>}
        <TextField form={form} name="email" label="Email" type="email" autoComplete="off" autoFocus />
        <Field id="invite-role" label="Account role" error={roleError}>
          <Select id="invite-role" aria-invalid={roleError ? true : undefined} aria-describedby={describedBy("invite-role", roleError)} {...form.register("role")}>
            {target.roles.map((role) => (
              <option key={role.value} value={role.value}>
                {role.label}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Invite account
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
