"use client";
// The reviewer's items: select some (or the whole page) and Certify, Revoke (a reason is
// required) or Reassign them; or decide one row at a time. Whatever the server refused is
// listed with its reason (closed campaign, reassigned meanwhile, already revoked).
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/input";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { ItemFlags, ItemState, ItemWho, type ItemView } from "./review-badges";

export type InboxItem = ItemView & { id: string; appName: string; accountName: string; accountEmail: string | null; personName: string | null; entitlementName: string; entitlementDescription: string | null; reason: string | null; reassignNote: string | null };
type Outcome = { changed: number; refused: { id: string; why: string }[] };
type Decide = (input: { campaignId: string; itemIds: string[]; decision: "certify" | "revoke"; reason: string }) => Promise<ActionResultLike<Outcome>>;
type Reassign = (input: { campaignId: string; itemIds: string[]; toUserId: string; note: string }) => Promise<ActionResultLike<Outcome & { to: string }>>;

export function InboxTable({ campaignId, items, active, users, decide, reassign }: { campaignId: string; items: InboxItem[]; active: boolean; users: { id: string; name: string; email: string }[]; decide: Decide; reassign: Reassign }) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [dialog, setDialog] = useState<{ kind: "revoke" | "reassign"; ids: string[] } | null>(null);
  const [reason, setReason] = useState("");
  const [toUserId, setToUserId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; refused: Outcome["refused"] } | null>(null);
  const [pending, startTransition] = useTransition();
  const open = items.filter((i) => !i.remediation && !i.gone);
  const toggle = (id: string) => setSelected((s) => { const next = new Set(s); if (next.has(id)) next.delete(id); else next.add(id); return next; });
  const undecided = open.filter((i) => !i.decision);
  const allChecked = undecided.length > 0 && undecided.every((i) => selected.has(i.id));

  const finish = (result: ActionResultLike<Outcome>, verb: string) => {
    if (!result.ok) return setError(result.message);
    setDialog(null);
    setReason("");
    setSelected(new Set());
    setNotice({ text: `${verb} ${result.data.changed} ${result.data.changed === 1 ? "item" : "items"}.`, refused: result.data.refused });
    router.refresh();
  };
  const run = (decision: "certify" | "revoke", ids: string[], why = "") =>
    startTransition(async () => {
      setError(null);
      finish(await decide({ campaignId, itemIds: ids, decision, reason: why }), decision === "certify" ? "Certified" : "Revoked");
    });
  const submitDialog = () => {
    if (!dialog) return;
    if (dialog.kind === "revoke") {
      if (!reason.trim()) return setError("Give a reason for revoking.");
      return run("revoke", dialog.ids, reason);
    }
    startTransition(async () => {
      setError(null);
      finish(await reassign({ campaignId, itemIds: dialog.ids, toUserId, note: reason }), "Reassigned");
    });
  };
  const ids = [...selected];
  return (
    <div>
      {notice && (
        <Alert tone={notice.refused.length ? "warning" : "success"} className="m-4">
          {notice.text}
          {notice.refused.length > 0 && (
            <ul className="mt-1 list-disc pl-5" data-testid="refusals">
              {notice.refused.map((r) => (
                <li key={r.id}>{r.why}</li>
              ))}
            </ul>
          )}
        </Alert>
      )}
      {active && (
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-3" role="toolbar" aria-label="Decide the selected items">
          <span className="mr-2 text-sm text-slate-600" aria-live="polite">{ids.length} selected</span>
          <Button size="sm" disabled={!ids.length || pending} onClick={() => run("certify", ids)}>Certify selected</Button>
          <Button size="sm" variant="danger" disabled={!ids.length || pending} onClick={() => { setError(null); setDialog({ kind: "revoke", ids }); }}>Revoke selected</Button>
          <Button size="sm" variant="secondary" disabled={!ids.length || pending} onClick={() => { setError(null); setDialog({ kind: "reassign", ids }); }}>Reassign selected</Button>
        </div>
      )}
      <Table>
        <thead>
          <tr>
            <Th className="w-10">
              {active && <input type="checkbox" aria-label="Select every undecided item on this page" checked={allChecked} onChange={() => setSelected(allChecked ? new Set() : new Set(undecided.map((i) => i.id)))} className="size-4" />}
            </Th>
            <Th>Person / account</Th>
            <Th>Entitlement</Th>
            <Th>Flags</Th>
            <Th>Decision</Th>
            {active && <Th className="text-right">Decide</Th>}
          </tr>
        </thead>
        <TBody>
          {items.map((item) => {
            const decidable = active && !item.remediation && !item.gone;
            return (
              <Tr key={item.id} data-testid="review-item" data-item={item.id}>
                <Td>{decidable && <input type="checkbox" className="size-4" aria-label={`Select ${item.entitlementName} of ${item.accountEmail ?? item.accountName}`} checked={selected.has(item.id)} onChange={() => toggle(item.id)} />}</Td>
                <Td>
                  <ItemWho item={item} />
                </Td>
                <Td>
                  <div className="text-slate-900">{item.entitlementName}</div>
                  <div className="max-w-xs truncate text-xs text-slate-500" title={item.entitlementDescription ?? undefined}>
                    {item.appName}
                    {item.entitlementDescription && ` · ${item.entitlementDescription}`}
                  </div>
                </Td>
                <Td><ItemFlags item={item} /></Td>
                <Td>
                  <ItemState item={item} />
                  {item.reason && <div className="mt-1 max-w-[14rem] text-xs text-slate-500">“{item.reason}”</div>}
                  {item.reassignNote && <div className="mt-1 text-xs text-slate-500">Note: {item.reassignNote}</div>}
                </Td>
                {active && (
                  <Td className="text-right">
                    {decidable && (
                      <span className="inline-flex gap-1">
                        <Button size="sm" variant="secondary" disabled={pending} onClick={() => run("certify", [item.id])} aria-label={`Certify ${item.entitlementName} of ${item.accountEmail ?? item.accountName}`}>Certify</Button>
                        <Button size="sm" variant="secondary" disabled={pending} onClick={() => { setError(null); setDialog({ kind: "revoke", ids: [item.id] }); }} aria-label={`Revoke ${item.entitlementName} of ${item.accountEmail ?? item.accountName}`}>Revoke</Button>
                      </span>
                    )}
                  </Td>
                )}
              </Tr>
            );
          })}
        </TBody>
      </Table>
      <Dialog open={dialog !== null} onClose={() => setDialog(null)} title={dialog?.kind === "reassign" ? `Reassign ${dialog.ids.length} items` : `Revoke ${dialog?.ids.length ?? 0} ${dialog?.ids.length === 1 ? "item" : "items"}`} description={dialog?.kind === "reassign" ? "They leave your inbox; the new reviewer decides them." : "The access is removed through provisioning when the campaign closes (or at once, if the campaign says so)."}>
        <div className="space-y-4">
          {error && <Alert tone="error">{error}</Alert>}
          {dialog?.kind === "reassign" && (
            <Field id="reassign-to" label="Reassign to">
              <Select id="reassign-to" value={toUserId} onChange={(e) => setToUserId(e.target.value)}>
                <option value="">Choose a user</option>
                {users.map((u) => <option key={u.id} value={u.id}>{u.name} ({u.email})</option>)}
              </Select>
            </Field>
          )}
          <Field id="decision-reason" label={dialog?.kind === "reassign" ? "Note (optional)" : "Reason"}>
            <Textarea id="decision-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDialog(null)} disabled={pending}>Cancel</Button>
            <Button variant={dialog?.kind === "revoke" ? "danger" : "primary"} onClick={submitDialog} loading={pending}>{dialog?.kind === "reassign" ? "Reassign" : "Revoke"}</Button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
