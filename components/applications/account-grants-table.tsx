import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { EntitlementName, EntitlementResource, PermissionCell, type EntitlementListItem } from "./entitlements-table";

export function AccountGrantsTable({ appId, rows }: { appId: string; rows: EntitlementListItem[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Entitlement</Th>
          <Th>Resource</Th>
          <Th>Slug</Th>
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
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
