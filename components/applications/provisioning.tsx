"use client";
// Grant and Revoke on an entitlement's page and an account's page. Whether they show is decided on the server (the
// page passes them in only when allowed); the server decides again when they are used. The
// confirmation says exactly what will happen; a failure keeps the dialog open with the
// upstream's message, a success closes it, refreshes the page and leaves a notice.
import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useState, useTransition, type ReactNode } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { SearchCombobox, type SearchPage } from "@/components/ui/search-combobox";
import type { GrantCandidatesInput, ProvisionInput } from "@/lib/validation/provisioning";

type ProvisionAction = (input: ProvisionInput) => Promise<ActionResultLike<{ message: string }>>;
export type ProvisioningSubject = { connectorId: string; connectorName: string; entitlementId: string; entitlementName: string };
export type GrantChoice = { resourceTypeId: string; externalId: string; name: string; email: string | null };
export type GrantCandidate = GrantChoice & { holds: boolean };
type CandidateSearch = (input: GrantCandidatesInput) => Promise<ActionResultLike<SearchPage<GrantCandidate>>>;

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

/** Leaves a success notice above the list (inside ProvisioningNotices). */
export const useProvisioningNotice = () => useContext(NoticeContext);

/**
 * Runs a provisioning action from a dialog: a failure stays in the dialog with the upstream's
 * message; a success leaves its notice above the list, closes the dialog and refreshes the page.
 */
export function useProvisioningAction<I>(run: (input: I) => Promise<ActionResultLike<{ message: string }>>, onDone: () => void) {
  const router = useRouter();
  const notify = useProvisioningNotice();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (input: I) =>
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

/** Every provisioning confirmation: what will happen, the upstream's refusal, Cancel and the action (none where refused). */
export function ConfirmationDialog(props: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  error: string | null;
  pending: boolean;
  confirm?: { label: string; danger?: boolean; disabled?: boolean; onClick: () => void };
}) {
  const { open, onClose, title, description, children, error, pending, confirm } = props;
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      {children}
      {error && (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={pending}>
          {confirm ? "Cancel" : "Close"}
        </Button>
        {confirm && (
          <Button variant={confirm.danger ? "danger" : "primary"} disabled={confirm.disabled} loading={pending} onClick={confirm.onClick}>
            {confirm.label}
          </Button>
        )}
      </div>
    </Dialog>
  );
}

const label = (choice: GrantChoice) => (choice.email && choice.email !== choice.name ? `${choice.name} (${choice.email})` : choice.name);

export function GrantButton({ subject, search, note, grant }: { subject: ProvisioningSubject; search: CandidateSearch; note: string | null; grant: ProvisionAction }) {
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<GrantCandidate | null>(null);
  const { error, setError, pending, submit } = useProvisioningAction(grant, () => {
    setOpen(false);
    setChoice(null);
  });
  const close = () => {
    setOpen(false);
    setChoice(null);
    setError(null);
  };
  const find = useCallback((q: string, after?: string) => search({ connectorId: subject.connectorId, entitlementId: subject.entitlementId, q, after }), [search, subject.connectorId, subject.entitlementId]);
  // `contents`: no box of its own, but the dialog stops inheriting the bold title or the
  // right-aligned cell it is placed in.
  return (
    <div className="contents text-left text-sm font-normal">
      <Button size="sm" onClick={() => setOpen(true)}>
        Grant
      </Button>
      <ConfirmationDialog
        open={open}
        onClose={close}
        title={`Grant ${subject.entitlementName}`}
        description={`Search the accounts of ${subject.connectorName}.`}
        error={error}
        pending={pending}
        confirm={{
          label: "Grant",
          disabled: !choice,
          onClick: () => choice && submit({ connectorId: subject.connectorId, entitlementId: subject.entitlementId, principalTypeId: choice.resourceTypeId, principalId: choice.externalId }),
        }}
      >
        <Field id="grant-account" label="Account" help="Type part of a name or email.">
          <SearchCombobox
            id="grant-account"
            search={find}
            value={choice}
            onChange={setChoice}
            optionKey={(c) => `${c.resourceTypeId}:${c.externalId}`}
            optionText={label}
            renderOption={(c) => (
              <>
                <span className="font-medium">{c.name}</span>
                {c.email && c.email !== c.name && <span className="ml-2 text-slate-500">{c.email}</span>}
              </>
            )}
            unavailable={(c) => (c.holds ? "Already holds it" : null)}
            placeholder="Name or email"
            noun="accounts"
            listLabel={`Accounts of ${subject.connectorName}`}
            describedBy="grant-account-help"
            inline
          />
        </Field>
        {choice && (
          <p className="mt-4 text-sm text-slate-700" data-testid="provisioning-summary">
            Grant {subject.entitlementName} to {choice.email ?? choice.name} in {subject.connectorName}.{note ? ` ${note}` : ""}
          </p>
        )}
      </ConfirmationDialog>
    </div>
  );
}

/** `label` names the button for screen readers where every row revokes from the same account. */
export function RevokeButton({ subject, holder, note, revoke, label }: { subject: ProvisioningSubject; holder: GrantChoice; note: string | null; revoke: ProvisionAction; label?: string }) {
  const [open, setOpen] = useState(false);
  const { error, setError, pending, submit } = useProvisioningAction(revoke, () => setOpen(false));
  const who = holder.email ?? holder.name;
  const close = () => {
    setOpen(false);
    setError(null);
  };
  return (
    <div className="contents text-left text-sm font-normal">
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)} aria-label={label ?? `Revoke from ${who}`}>
        Revoke
      </Button>
      <ConfirmationDialog
        open={open}
        onClose={close}
        title={`Revoke ${subject.entitlementName}?`}
        error={error}
        pending={pending}
        confirm={{
          label: "Revoke",
          danger: true,
          onClick: () => submit({ connectorId: subject.connectorId, entitlementId: subject.entitlementId, principalTypeId: holder.resourceTypeId, principalId: holder.externalId }),
        }}
      >
        <p className="text-sm text-slate-700" data-testid="provisioning-summary">
          Revoke {subject.entitlementName} from {who} in {subject.connectorName}.{note ? ` ${note}` : ""}
        </p>
      </ConfirmationDialog>
    </div>
  );
}
