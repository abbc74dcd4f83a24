import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { entitlementPath } from "@/lib/validation/applications";
import type { SortState } from "./accounts-table";
import { formatCount } from "./format";
import { SortHeader } from "./sort-header";

export type EntitlementListItem = {
  rowId: string;
  connectorId: string;
  externalId: string;
  name: string;
  slug: string;
  purpose: string;
  provisionable: boolean;
  grantCount: number;
  resourceTypeName: string;
  resourceName: string;
};

export function EntitlementName({ appId, row }: { appId: string; row: EntitlementListItem }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Link href={entitlementPath(appId, row.connectorId, row.externalId)} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
        {row.name}
      </Link>
      {!row.provisionable && <Badge tone="amber">Not provisionable</Badge>}
    </div>
  );
}

export function EntitlementResource({ row }: { row: Pick<EntitlementListItem, "resourceTypeName" | "resourceName"> }) {
  return (
    <span className="text-slate-700">
      <span className="text-slate-500">{row.resourceTypeName} · </span>
      {row.resourceName}
    </span>
  );
}

export function PermissionCell({ row }: { row: Pick<EntitlementListItem, "slug" | "purpose"> }) {
  return (
    <span className="inline-flex items-center gap-2">
      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{row.slug}</code>
      <span className="text-xs text-slate-500">{row.purpose === "permission" ? "Permission" : "Assignment"}</span>
    </span>
  );
}

export function EntitlementsTable({ appId, rows, sort }: { appId: string; rows: EntitlementListItem[]; sort: SortState }) {
  return (
    <Table>
      <thead>
        <tr>
          <SortHeader label="Entitlement" active={sort.sort === "name"} dir={sort.dir} href={sort.hrefFor("name")} />
          <Th>Resource</Th>
          <Th>Slug</Th>
          <SortHeader label="Grants" active={sort.sort === "grants"} dir={sort.dir} href={sort.hrefFor("grants")} className="text-right" />
        </tr>
      </thead>
      <TBody>
        {rows.map((row) => (
          <Tr key={`${row.connectorId}:${row.rowId}`} data-testid="entitlement-row">
            <Td>
              <EntitlementName appId={appId} row={row} />
            </Td>
            <Td>
              <EntitlementResource row={row} />
            </Td>
            <Td>
              <PermissionCell row={row} />
            </Td>
            <Td className="text-right tabular-nums text-slate-700">{formatCount(row.grantCount)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
