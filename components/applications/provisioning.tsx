"use client";
// Grant and Revoke on an entitlement's page. Whether they show is decided on the server (the
// page passes them in only when allowed); the server decides again when they are used. The
// confirmation says exactly what will happen; a failure keeps the dialog open with the
// upstream's message, a success closes it, refreshes the page and leaves a notice.
import { useRouter } from "next/navigation";
import { createContext, useContext, useState, useTransition, type ReactNode } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { ProvisionInput } from "@/lib/validation/provisioning";

type ProvisionAction = (input: ProvisionInput) => Promise<ActionResultLike<{ message: string }>>;
export type ProvisioningSubject = { connectorId: string; connectorName: string; entitlementId: string; entitlementName: string };
export type GrantChoice = { resourceTypeId: string; externalId: string; name: string; email: string | null };

const NoticeContext = createContext<(message: string) => void>(() => {});

/** Holds the success notice above the list, so it outlives the row that was revoked. */
export function ProvisioningNotices({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <NoticeContext.Provider value={setNotice}>
      {notice && (
        <Alert tone="success" className="mb-4">
          {notice}
        </Alert>
      )}
      {children}
    </NoticeContext.Provider>
  );
}

function useProvision(run: ProvisionAction, onDone: () => void) {
  const router = useRouter();
  const notify = useContext(NoticeContext);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (input: ProvisionInput) =>
    startTransition(async () => {
      setError(null);
      const result = await run(input);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      notify(result.data.message);
      onDone();
      router.refresh();
    });
  return { error, setError, pending, submit };
}

const label = (choice: GrantChoice) => (choice.email && choice.email !== choice.name ? `${choice.name} (${choice.email})` : choice.name);

export function GrantButton({ subject, choices, note, grant }: { subject: ProvisioningSubject; choices: GrantChoice[]; note: string | null; grant: ProvisionAction }) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState("");
  const { error, setError, pending, submit } = useProvision(grant, () => setOpen(false));
  const choice = choices.find((c) => `${c.resourceTypeId}\u0000${c.externalId}` === chosen);
  const close = () => {
    setOpen(false);
    setError(null);
  };
  // `contents`: no box of its own, but the dialog stops inheriting the bold title or the
  // right-aligned cell it is placed in.
  return (
    <div className="contents text-left text-sm font-normal">
      <Button size="sm" onClick={() => setOpen(true)}>
        Grant
      </Button>
      <Dialog open={open} onClose={close} title={`Grant ${subject.entitlementName}`} description={`Choose an account of ${subject.connectorName}.`}>
        <Field id="grant-account" label="Account" help={choices.length === 0 ? "Every account already holds this entitlement." : undefined}>
          <Select id="grant-account" value={chosen} onChange={(event) => setChosen(event.target.value)}>
            <option value="">Choose an account…</option>
            {choices.map((c) => (
              <option key={`${c.resourceTypeId}:${c.externalId}`} value={`${c.resourceTypeId}\u0000${c.externalId}`}>
                {label(c)}
              </option>
            ))}
          </Select>
        </Field>
        {choice && (
          <p className="mt-4 text-sm text-slate-700" data-testid="provisioning-summary">
            Grant {subject.entitlementName} to {choice.email ?? choice.name} in {subject.connectorName}.{note ? ` ${note}` : ""}
          </p>
        )}
        {error && (
          <Alert tone="error" className="mt-4">
            {error}
          </Alert>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button
            disabled={!choice}
            loading={pending}
            onClick={() => choice && submit({ connectorId: subject.connectorId, entitlementId: subject.entitlementId, principalTypeId: choice.resourceTypeId, principalId: choice.externalId })}
          >
            Grant
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

export function RevokeButton({ subject, holder, note, revoke }: { subject: ProvisioningSubject; holder: GrantChoice; note: string | null; revoke: ProvisionAction }) {
  const [open, setOpen] = useState(false);
  const { error, setError, pending, submit } = useProvision(revoke, () => setOpen(false));
  const who = holder.email ?? holder.name;
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <div className="contents text-left text-sm font-normal">
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)} aria-label={`Revoke from ${who}`}>
        Revoke
      </Button>
      <Dialog open={open} onClose={close} title={`Revoke ${subject.entitlementName}?`}>
        <p className="text-sm text-slate-700" data-testid="provisioning-summary">
          Revoke {subject.entitlementName} from {who} in {subject.connectorName}.{note ? ` ${note}` : ""}
        </p>
        {error && (
          <Alert tone="error" className="mt-4">
            {error}
          </Alert>
        )}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button
            variant="danger"
            loading={pending}
            onClick={() => submit({ connectorId: subject.connectorId, entitlementId: subject.entitlementId, principalTypeId: holder.resourceTypeId, principalId: holder.externalId })}
          >
            Revoke
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
