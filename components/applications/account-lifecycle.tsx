"use client";
// Invite account and Remove on an app's Accounts tab. Shown only where the page found the
// connector able (its accounts capability, provisioning on, this user an administrator or
// owner); the server decides again. Remove asks first and names what follows; an account the
// console must not remove (an Account Owner) shows the reason instead of the button's effect.
import { lazy, Suspense, useState } from "react";
import type { z } from "zod";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { inviteAccountSchema, RemoveAccountInput } from "@/lib/validation/provisioning";
import { ConfirmationDialog, useProvisioningAction } from "./provisioning";

type Done = ActionResultLike<{ message: string }>;
export type InviteAction = (input: z.input<typeof inviteAccountSchema>) => Promise<Done>;
type RemoveAction = (input: RemoveAccountInput) => Promise<Done>;

export type InviteTarget = { connectorId: string; connectorName: string; roles: { value: string; label: string }[]; defaultRole: string };
export type RemovableAccount = { resourceTypeId: string; externalId: string; name: string; email: string | null };

// The dialog (its form, react-hook-form and the zod schema) loads when it is first opened, so
// the Accounts tab's first-load JS does not carry them (npm run bench:bundle).
const InviteAccountDialog = lazy(() => import("./invite-account-dialog"));

export function InviteAccountButton({ target, label, invite }: { target: InviteTarget; label: string; invite: InviteAction }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="contents text-left text-sm font-normal">
      <Button size="sm" onClick={() => setOpen(true)}>
        {label}
      </Button>
      {open && (
        <Suspense fallback={null}>
          <InviteAccountDialog target={target} invite={invite} onClose={() => setOpen(false)} />
        </Suspense>
      )}
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
