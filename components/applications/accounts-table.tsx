import Link from "next/link";
import type { ReactNode } from "react";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { accountPath } from "@/lib/validation/applications";
import { AccountStatusBadge } from "./account-status-badge";
import { SortHeader } from "./sort-header";

export type AccountListItem = {
  rowId: string;
  connectorId: string;
  connectorName: string;
  resourceTypeId: string;
  externalId: string;
  name: string;
  email: string | null;
  status: string | null;
};

export type SortState = { sort: string; dir: "asc" | "desc"; hrefFor: (column: string) => string };

/** `actions` renders a row's last cell (Remove) where the connector can remove accounts. */
export function AccountsTable({ appId, rows, sort, actions }: { appId: string; rows: AccountListItem[]; sort: SortState; actions?: (row: AccountListItem) => ReactNode }) {
  const header = (column: string, label: string) => <SortHeader label={label} active={sort.sort === column} dir={sort.dir} href={sort.hrefFor(column)} />;
  return (
    <Table>
      <thead>
        <tr>
          {header("name", "Name")}
          {header("email", "Email")}
          <Th>Status</Th>
          <Th>Connector</Th>
          {actions && <Th className="text-right">Actions</Th>}
        </tr>
      </thead>
      <TBody>
        {rows.map((row) => (
          <Tr key={`${row.connectorId}:${row.rowId}`} data-testid="account-row">
            <Td className="font-medium text-slate-900">
              <Link href={accountPath(appId, row.connectorId, row.resourceTypeId, row.externalId)} className="hover:text-brand-700 hover:underline">
                {row.name}
              </Link>
            </Td>
            <Td className="text-slate-600">{row.email ?? <span className="text-slate-400">—</span>}</Td>
            <Td>
              <AccountStatusBadge status={row.status} />
            </Td>
            <Td className="text-slate-600">{row.connectorName}</Td>
            {actions && <Td className="text-right">{actions(row)}</Td>}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
