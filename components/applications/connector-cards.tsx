import Link from "next/link";
import { ConnectorStatusBadge } from "@/components/connectors/status-badge";
import { Card } from "@/components/ui/card";
import type { ConnectorStatusName } from "@/lib/validation/connectors";
import { formatAgo, formatCount, formatExact } from "./format";

export type AppConnectorItem = {
  id: string;
  displayName: string;
  catalogId: string;
  status: ConnectorStatusName;
  statusReason: string | null;
  lastSyncAt: Date | null;
  accounts: number;
  entitlements: number;
  grants: number;
};

const catalogNames: Record<string, string> = { "temporal-cloud": "Temporal Cloud", cloudflare: "Cloudflare", baton: "Baton (self-hosted)" };

/** The app's connectors and where each stands; admins get a link to manage it. */
export function ConnectorCards({ connectors, manageable }: { connectors: AppConnectorItem[]; manageable: boolean }) {
  return (
    <section aria-label="Connectors" className="mb-6 grid gap-4 md:grid-cols-2">
      {connectors.map((connector) => (
        <Card key={connector.id} className="p-4" data-testid="app-connector">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="truncate font-medium text-slate-900">{connector.displayName}</p>
              <p className="text-xs text-slate-500">{catalogNames[connector.catalogId] ?? connector.catalogId} connector</p>
            </div>
            <ConnectorStatusBadge status={connector.status} />
          </div>
          {connector.status === "ERROR" && connector.statusReason && <p className="mt-3 rounded-md bg-red-50 px-3 py-2 text-xs text-red-800">{connector.statusReason}</p>}
          <dl className="mt-4 grid grid-cols-4 gap-2 text-sm">
            {[
              ["Accounts", formatCount(connector.accounts)],
              ["Entitlements", formatCount(connector.entitlements)],
              ["Grants", formatCount(connector.grants)],
            ].map(([label, value]) => (
              <div key={label}>
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="font-medium tabular-nums text-slate-900">{value}</dd>
              </div>
            ))}
            <div>
              <dt className="text-xs text-slate-500">Last sync</dt>
              <dd className="font-medium text-slate-900" title={formatExact(connector.lastSyncAt)}>
                {formatAgo(connector.lastSyncAt)}
              </dd>
            </div>
          </dl>
          {manageable && (
            <Link href={`/admin/connectors/${connector.id}`} className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
              Manage connector →
            </Link>
          )}
        </Card>
      ))}
    </section>
  );
}
