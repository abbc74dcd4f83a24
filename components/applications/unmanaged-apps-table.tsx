import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { formatCount, formatDate } from "./format";
import { AppNameCell } from "./managed-apps-table";

export type UnmanagedAppItem = { id: string; name: string; description: string; discoveredFrom: string | null; discoveredAccounts: number | null; createdAt: Date };

export function UnmanagedAppsTable({ apps }: { apps: UnmanagedAppItem[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>App</Th>
          <Th>Discovered from</Th>
          <Th className="text-right">Accounts</Th>
          <Th>Discovered</Th>
        </tr>
      </thead>
      <TBody>
        {apps.map((app) => (
          <Tr key={app.id} data-testid="unmanaged-app-row">
            <Td>
              <AppNameCell name={app.name} description={app.description} />
            </Td>
            <Td>{app.discoveredFrom ? <Badge>{app.discoveredFrom}</Badge> : <span className="text-slate-400">—</span>}</Td>
            <Td className="text-right tabular-nums">{app.discoveredAccounts === null ? "—" : formatCount(app.discoveredAccounts)}</Td>
            <Td className="whitespace-nowrap text-slate-500">{formatDate(app.createdAt)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
