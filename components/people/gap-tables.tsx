// The governance lists: accounts that belong to nobody, and orphaned access (active accounts
// of people who left or were suspended), each row linking to the account and the person.
import Link from "next/link";
import { AccountStatusBadge } from "@/components/applications/account-status-badge";
import { formatCount } from "@/components/applications/format";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { accountPath } from "@/lib/validation/applications";
import { PersonStatusBadge } from "./person-status-badge";

export type GapAccountItem = { rowId: string; appId: string; appName: string; connectorId: string; resourceTypeId: string; externalId: string; name: string; email: string | null; status: string | null };
export type OrphanedItem = GapAccountItem & { personId: string; personName: string; personEmail: string | null; personStatus: string; grants: number; entitlements: string[] };

function AccountCell({ item }: { item: GapAccountItem }) {
  return (
    <>
      <Link href={accountPath(item.appId, item.connectorId, item.resourceTypeId, item.externalId)} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
        {item.name}
      </Link>
      {item.email && item.email !== item.name && <p className="text-xs text-slate-500">{item.email}</p>}
    </>
  );
}

function AppCell({ item }: { item: GapAccountItem }) {
  return (
    <Link href={`/applications/${item.appId}?tab=accounts`} className="hover:text-brand-700 hover:underline">
      {item.appName}
    </Link>
  );
}

export function UnmatchedAccountsTable({ rows }: { rows: GapAccountItem[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Account</Th>
          <Th>App</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <TBody>
        {rows.map((row) => (
          <Tr key={`${row.connectorId}:${row.rowId}`} data-testid="unmatched-row">
            <Td>
              <AccountCell item={row} />
            </Td>
            <Td>
              <AppCell item={row} />
            </Td>
            <Td>
              <AccountStatusBadge status={row.status} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export function OrphanedAccessTable({ rows }: { rows: OrphanedItem[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>Person</Th>
          <Th>App</Th>
          <Th>Account</Th>
          <Th>Access held</Th>
        </tr>
      </thead>
      <TBody>
        {rows.map((row) => (
          <Tr key={`${row.connectorId}:${row.rowId}`} data-testid="orphaned-row">
            <Td>
              <Link href={`/admin/people/${row.personId}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {row.personName}
              </Link>
              <div className="mt-1">
                <PersonStatusBadge status={row.personStatus} />
              </div>
            </Td>
            <Td>
              <AppCell item={row} />
            </Td>
            <Td>
              <AccountCell item={row} />
            </Td>
            <Td>
              <span className="tabular-nums">{formatCount(row.grants)} {row.grants === 1 ? "grant" : "grants"}</span>
              {row.entitlements.length > 0 && <p className="text-xs text-slate-500">{row.entitlements.join(", ")}{row.grants > row.entitlements.length ? ", …" : ""}</p>}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
