import Link from "next/link";
import { ConnectorStatusBadge } from "@/components/connectors/status-badge";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import type { ConnectorStatusName } from "@/lib/validation/connectors";
import { AppAvatar } from "./app-avatar";
import { formatAgo, formatCount, formatExact } from "./format";

export type ManagedAppItem = {
  id: string;
  name: string;
  description: string;
  connectors: { id: string; displayName: string; status: ConnectorStatusName }[];
  accounts: number;
  entitlements: number;
  lastSyncAt: Date | null;
};

export function AppNameCell({ href, name, description, logoUrl }: { href?: string; name: string; description: string; logoUrl?: string | null }) {
  return (
    <div className="flex items-center gap-3">
      <AppAvatar name={name} logoUrl={logoUrl} />
      <div className="min-w-0">
        {href ? (
          <Link href={href} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
            {name}
          </Link>
        ) : (
          <span className="font-medium text-slate-900">{name}</span>
        )}
        {description && <p className="truncate text-xs text-slate-500">{description}</p>}
      </div>
    </div>
  );
}

export function ManagedAppsTable({ apps }: { apps: ManagedAppItem[] }) {
  return (
    <Table>
      <thead>
        <tr>
          <Th>App</Th>
          <Th>Connectors</Th>
          <Th className="text-right">Accounts</Th>
          <Th className="text-right">Entitlements</Th>
          <Th>Last sync</Th>
        </tr>
      </thead>
      <TBody>
        {apps.map((app) => (
          <Tr key={app.id} data-testid="managed-app-row">
            <Td>
              <AppNameCell href={`/applications/${app.id}`} name={app.name} description={app.description} />
            </Td>
            <Td>
              <ul className="space-y-1">
                {app.connectors.map((connector) => (
                  <li key={connector.id} className="flex items-center gap-2 text-slate-700">
                    <span className="truncate">{connector.displayName}</span>
                    <ConnectorStatusBadge status={connector.status} />
                  </li>
                ))}
              </ul>
            </Td>
            <Td className="text-right tabular-nums">{formatCount(app.accounts)}</Td>
            <Td className="text-right tabular-nums">{formatCount(app.entitlements)}</Td>
            <Td className="whitespace-nowrap text-slate-500" title={formatExact(app.lastSyncAt)}>
              {formatAgo(app.lastSyncAt)}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
