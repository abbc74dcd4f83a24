"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { OwnerPicker, type OwnerOption } from "./owner-picker";

type SetOwners = (input: { connectorId: string; ownerIds: string[] }) => Promise<ActionResultLike<{ added: number; removed: number }>>;

export function OwnersCard({ connectorId, owners, candidates, currentUserId, setOwners }: { connectorId: string; owners: OwnerOption[]; candidates: OwnerOption[] | null; currentUserId: string; setOwners?: SetOwners }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState(owners.map((o) => o.id));
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const save = () =>
    startTransition(async () => {
      if (!setOwners) return;
      setError(null);
      const result = await setOwners({ connectorId, ownerIds: chosen });
      if (!result.ok) {
        setError(result.fieldErrors?.ownerIds?.[0] ?? result.message);
        return;
      }
      setEditing(false);
      setNotice(result.data.added ? `Owners saved. ${result.data.added === 1 ? "The new owner was" : "New owners were"} emailed.` : "Owners saved.");
      router.refresh();
    });
  const canEdit = Boolean(setOwners && candidates);
  return (
    <Card>
      <CardHeader
        title="Owners"
        description="Owners may edit this connector's settings and owners."
        actions={
          canEdit && !editing ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setChosen(owners.map((o) => o.id));
                setNotice(null);
                setEditing(true);
              }}
            >
              Edit owners
            </Button>
          ) : undefined
        }
      />
      <CardBody className="space-y-3">
        {notice && <Alert tone="success">{notice}</Alert>}
        {editing && candidates ? (
          <>
            <OwnerPicker users={candidates} value={chosen} onChange={setChosen} currentUserId={currentUserId} error={error ?? undefined} disabled={pending} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" size="sm" onClick={() => setEditing(false)} disabled={pending}>
                Cancel
              </Button>
              <Button size="sm" onClick={save} loading={pending}>
                Save owners
              </Button>
            </div>
          </>
        ) : (
          <ul className="space-y-2" aria-label="Current owners">
            {owners.map((o) => (
              <li key={o.id} className="text-sm">
                <span className="font-medium text-slate-900">{o.name}</span>
                {o.id === currentUserId && <span className="ml-1 text-xs text-slate-400">(you)</span>}
                <span className="block text-xs text-slate-500">{o.email}</span>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
