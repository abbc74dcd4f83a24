import Link from "next/link";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import type { ConnectorStatusName } from "@/lib/validation/connector-options";
import { formatDateTime } from "./format";
import { ConnectorStatusBadge } from "./status-badge";

export type ConnectorListRow = {
  id: string;
  displayName: string;
  typeName: string;
  appName: string;
  owners: { id: string; name: string }[];
  status: ConnectorStatusName;
  lastSyncAt: Date | null;
  /** Why it needs attention, e.g. "Failing for 3 h" or "Runner not seen for 2 days". */
  attention?: string | null;
};

export function ConnectorsTable({ rows }: { rows: ConnectorListRow[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Connector</Th>
          <Th>App</Th>
          <Th>Type</Th>
          <Th>Owners</Th>
          <Th>Status</Th>
          <Th>Last sync</Th>
        </tr>
      </thead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.id} data-testid={`connector-row-${row.id}`}>
            <Td>
              <Link href={`/admin/connectors/${row.id}`} className="font-medium text-brand-700 hover:underline">
                {row.displayName}
              </Link>
            </Td>
            <Td>{row.appName}</Td>
            <Td className="text-slate-500">{row.typeName}</Td>
            <Td>{row.owners.map((o) => o.name).join(", ") || "—"}</Td>
            <Td className="whitespace-nowrap">
              <ConnectorStatusBadge status={row.status} />
              {row.attention && <p className="mt-1 text-xs font-medium text-red-700">{row.attention}</p>}
            </Td>
            <Td className="whitespace-nowrap text-slate-500">{row.lastSyncAt ? formatDateTime(row.lastSyncAt) : "Never"}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
