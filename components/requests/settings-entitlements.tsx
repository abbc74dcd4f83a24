// The settings page's list: each entitlement's request setting (the app's defaults or its own
// override) and, for what can never be requested, why.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";

export type SettingsEntitlementItem = {
  connectorId: string;
  externalId: string;
  name: string;
  resourceName: string;
  requestable: boolean;
  overridden: boolean;
  refusal: string | null;
  editHref: string;
};

export function SettingsEntitlements({ rows }: { rows: SettingsEntitlementItem[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Entitlement</Th>
          <Th>Requestable</Th>
          <Th>Setting</Th>
          <Th className="text-right">
            <span className="sr-only">Edit</span>
          </Th>
        </tr>
      </thead>
      <TBody>
        {rows.map((row) => (
          <Tr key={`${row.connectorId}:${row.externalId}`} data-testid="settings-entitlement-row">
            <Td>
              <div className="font-medium text-slate-900">{row.name}</div>
              <div className="text-xs text-slate-500">{row.resourceName}</div>
            </Td>
            <Td>
              {row.refusal ? (
                <span className="text-xs text-slate-500">Never: {row.refusal}</span>
              ) : row.requestable ? (
                <Badge tone="green">Requestable</Badge>
              ) : (
                <Badge>Not requestable</Badge>
              )}
            </Td>
            <Td>{row.overridden ? <Badge tone="brand">Override</Badge> : <span className="text-sm text-slate-500">App defaults</span>}</Td>
            <Td className="text-right">
              {!row.refusal && (
                <Link href={row.editHref} className="text-sm font-medium text-brand-700 hover:underline" aria-label={`Edit the request setting of ${row.name}`}>
                  Edit
                </Link>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
