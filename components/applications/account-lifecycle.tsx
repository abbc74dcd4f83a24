"use client";
// Invite account and Remove on an app's Accounts tab. Shown only where the page found the
// connector able (its accounts capability, provisioning on, this user an administrator or
// owner); the server decides again. Remove asks first and names what follows; an account the
// console must not remove (an Account Owner) shows the reason instead of the button's effect.
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { inviteAccountSchema, type RemoveAccountInput } from "@/lib/validation/provisioning";
import { ConfirmationDialog, useProvisioningAction, useProvisioningNotice } from "./provisioning";

type Done = ActionResultLike<{ message: string }>;
type InviteAction = (input: z.input<typeof inviteAccountSchema>) => Promise<Done>;
type RemoveAction = (input: RemoveAccountInput) => Promise<Done>;

export type InviteTarget = { connectorId: string; connectorName: string; roles: { value: string; label: string }[]; defaultRole: string };
export type RemovableAccount = { resourceTypeId: string; externalId: string; name: string; email: string | null };

export function InviteAccountButton({ target, label, invite }: { target: InviteTarget; label: string; invite: InviteAction }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const notify = useProvisioningNotice();
  const defaults = { connectorId: target.connectorId, email: "", role: target.defaultRole };
  const { form, onSubmit, pending, formError, setFormError } = useActionForm({
    schema: inviteAccountSchema,
    action: invite,
    defaultValues: defaults,
    onSuccess: (data) => {
      notify(data.message);
      setOpen(false);
      form.reset(defaults);
      router.refresh();
    },
  });
  const roleError = form.formState.errors.role?.message;
  const close = () => {
    setOpen(false);
    setFormError(null);
  };
  return (
    <div className="contents text-left text-sm font-normal">
      <Button size="sm" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={close} title={`Invite an account to ${target.connectorName}`} description="They receive an invitation email from the app itself. The account shows here at once; the next sync confirms it.">
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
            <Button variant="secondary" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Invite account
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

export function RemoveAccountButton({ connector, account, refusal, remove }: { connector: { id: string; name: string }; account: RemovableAccount; refusal: string | null; remove: RemoveAction }) {
  const [open, setOpen] = useState(false);
  const { error, setError, pending, submit } = useProvisioningAction(remove, () => setOpen(false));
  const who = account.email ?? account.name;
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <div className="contents text-left text-sm font-normal">
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)} aria-label={`Remove ${who}`}>
        Remove
      </Button>
      <ConfirmationDialog
        open={open}
        onClose={close}
        title={refusal ? `${who} cannot be removed` : `Remove ${who}?`}
        error={error}
        pending={pending}
        confirm={refusal ? undefined : { label: "Remove", danger: true, onClick: () => submit({ connectorId: connector.id, resourceTypeId: account.resourceTypeId, externalId: account.externalId }) }}
      >
        {refusal ? (
          <Alert tone="warning">{refusal}</Alert>
        ) : (
          <p className="text-sm text-slate-700" data-testid="provisioning-summary">
            Remove {who} from {connector.name}. They lose every entitlement they hold there; this cannot be undone here.
          </p>
        )}
      </ConfirmationDialog>
    </div>
  );
}
