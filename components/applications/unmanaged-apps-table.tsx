import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { formatCount, formatDate } from "./format";
import { AppNameCell } from "./managed-apps-table";

export type UnmanagedAppItem = {
  id: string;
  name: string;
  description: string;
  discoveredFrom: string | null;
  discoveredAccounts: number | null;
  discoveredLabel: string | null;
  logoUrl: string | null;
  discoveredGoneAt: Date | null;
  createdAt: Date;
};

export function UnmanagedAppsTable({ apps }: { apps: UnmanagedAppItem[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>App</Th>
          <Th>Discovered from</Th>
          <Th className="text-right">People assigned</Th>
          <Th>Discovered</Th>
        </tr>
      </thead>
      <TBody>
        {apps.map((app) => (
          <Tr key={app.id} data-testid="unmanaged-app-row">
            <Td>
              <AppNameCell name={app.name} description={app.description || (app.discoveredLabel && app.discoveredLabel !== app.name ? app.discoveredLabel : "")} logoUrl={app.logoUrl} />
            </Td>
            <Td>
              <div className="flex flex-wrap items-center gap-2">
                {app.discoveredFrom ? <Badge>{`Discovered from ${app.discoveredFrom}`}</Badge> : <span className="text-slate-400">—</span>}
                {app.discoveredGoneAt && <Badge tone="amber">{`No longer in ${app.discoveredFrom ?? "the identity provider"}`}</Badge>}
              </div>
            </Td>
            <Td className="text-right tabular-nums">{app.discoveredAccounts === null ? "—" : formatCount(app.discoveredAccounts)}</Td>
            <Td className="whitespace-nowrap text-slate-500">{formatDate(app.createdAt)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
