import type { ReactNode } from "react";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { EntitlementName, EntitlementResource, PermissionCell, type EntitlementListItem } from "./entitlements-table";

/** `actions` renders a row's last cell (Revoke) when the page allows provisioning. */
export function AccountGrantsTable({ appId, rows, actions }: { appId: string; rows: EntitlementListItem[]; actions?: (row: EntitlementListItem) => ReactNode }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Entitlement</Th>
          <Th>Resource</Th>
          <Th>Slug</Th>
          {actions && <Th className="text-right">Actions</Th>}
        </tr>
      </thead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.rowId} data-testid="grant-row">
            <Td>
              <EntitlementName appId={appId} row={row} />
            </Td>
            <Td>
              <EntitlementResource row={row} />
            </Td>
            <Td>
              <PermissionCell row={row} />
            </Td>
            {actions && <Td className="text-right">{actions(row)}</Td>}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
