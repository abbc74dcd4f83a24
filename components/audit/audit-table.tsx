import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";

type AuditRow = { id: string; at: Date; actorEmail: string | null; kind: string; summary: string; result: string };

export function AuditTable({ events }: { events: AuditRow[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Time (UTC)</Th>
          <Th>Actor</Th>
          <Th>Kind</Th>
          <Th>What happened</Th>
          <Th>Result</Th>
        </tr>
      </thead>
      <TBody>
        {events.map((e) => (
          <Tr key={e.id} data-testid="audit-row">
            <Td className="whitespace-nowrap text-slate-500">{e.at.toISOString().replace("T", " ").slice(0, 19)}</Td>
            <Td className="max-w-52 truncate" title={e.actorEmail ?? undefined}>{e.actorEmail ?? <span className="text-slate-400">system</span>}</Td>
            <Td className="whitespace-nowrap font-mono text-xs">{e.kind}</Td>
            <Td>{e.summary}</Td>
            <Td>
              <Badge tone={e.result === "ok" ? "green" : e.result === "refused" ? "amber" : "red"}>{e.result}</Badge>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
