import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { formatCount, formatDateTime, formatDuration } from "./format";

export type RunRow = {
  id: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  trigger: string;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  resourcesCount: number;
  accountsCount: number;
  entitlementsCount: number;
  grantsCount: number;
  errorMessage: string | null;
};

const tones: Record<RunRow["status"], Tone> = { QUEUED: "neutral", RUNNING: "blue", SUCCEEDED: "green", FAILED: "red", CANCELLED: "amber" };
const labels: Record<RunRow["status"], string> = { QUEUED: "Queued", RUNNING: "Running", SUCCEEDED: "Succeeded", FAILED: "Failed", CANCELLED: "Cancelled" };
const triggers: Record<string, string> = { manual: "Sync now", schedule: "Schedule", settings: "Settings saved", upload: "Upload" };

export function SyncRunsTable({ runs, selectedId, hrefFor }: { runs: RunRow[]; selectedId?: string; hrefFor: (runId: string) => string }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Status</Th>
          <Th>Trigger</Th>
          <Th>Started</Th>
          <Th>Finished</Th>
          <Th>Duration</Th>
          <Th className="text-right">Accounts</Th>
          <Th className="text-right">Entitlements</Th>
          <Th className="text-right">Grants</Th>
          <Th className="text-right">Log</Th>
        </tr>
      </thead>
      <TBody>
        {runs.map((run) => (
          <Tr key={run.id} aria-selected={run.id === selectedId} className={run.id === selectedId ? "bg-brand-50/50" : undefined} data-testid="sync-run">
            <Td>
              <Badge tone={tones[run.status]}>{labels[run.status]}</Badge>
              {run.errorMessage && <p className="mt-1 max-w-xs text-xs text-red-600">{run.errorMessage}</p>}
            </Td>
            <Td className="whitespace-nowrap text-slate-500">{triggers[run.trigger] ?? run.trigger}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(run.startedAt ?? run.queuedAt)}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(run.finishedAt)}</Td>
            <Td className="whitespace-nowrap">{formatDuration(run.startedAt, run.finishedAt)}</Td>
            <Td className="text-right tabular-nums">{formatCount(run.accountsCount)}</Td>
            <Td className="text-right tabular-nums">{formatCount(run.entitlementsCount)}</Td>
            <Td className="text-right tabular-nums">{formatCount(run.grantsCount)}</Td>
            <Td className="text-right">
              {run.id === selectedId ? (
                <span className="text-sm text-slate-500">Shown below</span>
              ) : (
                <Link href={hrefFor(run.id)} className="text-sm font-medium text-brand-700 hover:underline">
                  Show log
                </Link>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
