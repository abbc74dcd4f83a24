import Link from "next/link";
import type { ReactNode } from "react";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { accountPath } from "@/lib/validation/applications";
import { AccountStatusBadge } from "./account-status-badge";

export type HolderListItem = { rowId: string; resourceTypeId: string; typeName: string; externalId: string; name: string; email: string | null; status: string | null; isUser: boolean };

/** `actions` renders a row's last cell (Revoke) when the page allows provisioning. */
export function HoldersTable({ appId, connectorId, rows, actions }: { appId: string; connectorId: string; rows: HolderListItem[]; actions?: (row: HolderListItem) => ReactNode }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Email</Th>
          <Th>Type</Th>
          <Th>Status</Th>
          {actions && <Th className="text-right">Actions</Th>}
        </tr>
      </thead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.rowId} data-testid="holder-row">
            <Td className="font-medium text-slate-900">
              <Link href={accountPath(appId, connectorId, row.resourceTypeId, row.externalId)} className="hover:text-brand-700 hover:underline">
                {row.name}
              </Link>
            </Td>
            <Td className="text-slate-600">{row.email ?? <span className="text-slate-400">—</span>}</Td>
            <Td className="text-slate-600">{row.typeName}</Td>
            <Td>{row.isUser ? <AccountStatusBadge status={row.status} /> : <span className="text-slate-400">—</span>}</Td>
            {actions && <Td className="text-right">{actions(row)}</Td>}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
