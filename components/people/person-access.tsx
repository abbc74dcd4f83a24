// "All access of this person": each matched account in each app, with the grants it holds,
// linking to the account and entitlement pages of the app.
import Link from "next/link";
import { AccountStatusBadge } from "@/components/applications/account-status-badge";
import { AppAvatar } from "@/components/applications/app-avatar";
import { formatCount } from "@/components/applications/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { accountPath, entitlementPath } from "@/lib/validation/applications";

export type PersonAccountItem = {
  appId: string;
  appName: string;
  connectorId: string;
  connectorName: string;
  resourceTypeId: string;
  externalId: string;
  name: string;
  email: string | null;
  status: string | null;
  method: string;
  manual: boolean;
  grants: { entitlementId: string; name: string; resourceName: string }[];
  grantsTotal: number;
};

const methodLabel: Record<string, string> = { email: "Matched by email", username: "Matched by username", externalId: "Matched by external ID", manual: "Linked by hand" };

export function PersonAccess({ name, accounts, shown }: { name: string; accounts: PersonAccountItem[]; shown: number }) {
  if (accounts.length === 0) {
    return (
      <Card>
        <EmptyState title="No accounts" description={`No account in any managed app is matched to ${name}. Accounts are matched by email after each sync; link one by hand from its account page.`} />
      </Card>
    );
  }
  return (
    <div className="space-y-4">
      {accounts.map((account) => (
        <Card key={`${account.connectorId}:${account.resourceTypeId}:${account.externalId}`} data-testid="person-account">
          <CardHeader
            title={
              <span className="flex items-center gap-3">
                <AppAvatar name={account.appName} />
                <Link href={`/applications/${account.appId}?tab=accounts`} className="hover:text-brand-700 hover:underline">
                  {account.appName}
                </Link>
              </span>
            }
            description={
              <span className="flex flex-wrap items-center gap-2">
                <Link href={accountPath(account.appId, account.connectorId, account.resourceTypeId, account.externalId)} className="font-medium text-slate-700 hover:text-brand-700 hover:underline">
                  {account.name}
                </Link>
                {account.email && account.email !== account.name && <span>{account.email}</span>}
                <AccountStatusBadge status={account.status} />
                <Badge tone={account.manual ? "blue" : "neutral"}>{methodLabel[account.method] ?? account.method}</Badge>
              </span>
            }
          />
          <CardBody>
            {account.grants.length === 0 ? (
              <p className="text-sm text-slate-500">No grants in the latest sync.</p>
            ) : (
              <ul className="flex flex-wrap gap-2" aria-label={`Grants of ${account.name} in ${account.appName}`}>
                {account.grants.map((grant) => (
                  <li key={grant.entitlementId}>
                    <Link
                      href={entitlementPath(account.appId, account.connectorId, grant.entitlementId)}
                      className="inline-flex items-center gap-1 rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700 hover:bg-brand-50 hover:text-brand-700"
                    >
                      <span className="font-medium">{grant.name}</span>
                      {grant.resourceName && grant.resourceName !== grant.name && <span className="text-slate-500">· {grant.resourceName}</span>}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {account.grantsTotal > shown && (
              <p className="mt-3 text-sm text-slate-500">
                Showing {formatCount(shown)} of {formatCount(account.grantsTotal)} grants.{" "}
                <Link href={accountPath(account.appId, account.connectorId, account.resourceTypeId, account.externalId)} className="text-brand-700 hover:underline">
                  See them all on the account page
                </Link>
              </p>
            )}
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
