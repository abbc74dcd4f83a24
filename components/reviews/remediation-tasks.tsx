"use client";
// Revokes the console could not make (not provisionable, provisioning off, the upstream refused)
// or that a sync still shows: the connector's owners do them by hand and mark them done here.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { ItemState, type ItemView } from "./review-badges";

export type TaskItem = ItemView & { id: string; campaignId: string; appName: string; accountName: string; accountEmail: string | null; entitlementName: string; remediationMessage: string | null };
type Mark = (input: { campaignId: string; itemId: string; note: string }) => Promise<ActionResultLike<{ itemId: string }>>;

export function RemediationTasks({ tasks, mark }: { tasks: TaskItem[]; mark: Mark }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const done = (task: TaskItem) =>
    startTransition(async () => {
      const result = await mark({ campaignId: task.campaignId, itemId: task.id, note: "" });
      setError(result.ok ? null : result.message);
      router.refresh();
    });
  return (
    <div>
      {error && <Alert tone="error" className="m-4">{error}</Alert>}
      <Table>
        <thead>
          <tr><Th>Account</Th><Th>App</Th><Th>Entitlement</Th><Th>State</Th><Th className="text-right">Done by hand</Th></tr>
        </thead>
        <TBody>
          {tasks.map((task) => (
            <Tr key={`${task.campaignId}:${task.id}`} data-testid="remediation-task">
              <Td>{task.accountEmail ?? task.accountName}</Td>
              <Td>{task.appName}</Td>
              <Td>{task.entitlementName}</Td>
              <Td><ItemState item={task} />{task.remediationMessage && <div className="mt-1 max-w-md text-xs text-slate-500">{task.remediationMessage}</div>}</Td>
              <Td className="text-right"><Button size="sm" variant="secondary" disabled={pending} onClick={() => done(task)}>Mark done</Button></Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
