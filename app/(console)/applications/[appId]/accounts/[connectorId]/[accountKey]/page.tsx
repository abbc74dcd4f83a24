import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AccountGrantsTable } from "@/components/applications/account-grants-table";
import { AccountStatusBadge } from "@/components/applications/account-status-badge";
import { DetailHeader } from "@/components/applications/detail-header";
import type { EntitlementListItem } from "@/components/applications/entitlements-table";
import { formatCount, formatTotal } from "@/components/applications/format";
import { listLinks } from "@/components/applications/list-links";
import { PagedList } from "@/components/applications/paged-list";
import { ProvisioningNotices, RevokeButton } from "@/components/applications/provisioning";
import { Card, CardBody } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { AccountPersonCard } from "@/components/people/account-person-card";
import { hasRole, requireUser } from "@/lib/auth";
import { getAccountLink } from "@/lib/data/account-links";
import { getAccount } from "@/lib/data/accounts";
import { getManagedApp } from "@/lib/data/applications";
import { listAccountGrants } from "@/lib/data/entitlements";
import { getConnectorProvisioning, provisioningViewFor } from "@/lib/data/provisioning";
import { accountPath, detailQuerySchema, PAGE_SIZE, parseAccountKey } from "@/lib/validation/applications";
import { PEOPLE_ROLES } from "@/lib/validation/people";
import { revokeEntitlementAction } from "../../../provisioning-actions";
import { linkAccountAction, resetAccountLinkAction, searchPeopleAction } from "./person-actions";

type Params = Promise<{ appId: string; connectorId: string; accountKey: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requireUser();
  const { appId, connectorId, accountKey } = await params;
  const key = parseAccountKey(accountKey);
  const app = key ? await getManagedApp(appId) : null;
  const account = app && key ? await getAccount(app, connectorId, key.resourceTypeId, key.externalId) : null;
  const runId = app?.connectors.find((c) => c.id === connectorId)?.currentSyncRunId;
  if (!app || !account || !runId) notFound();
  const query = { ...detailQuerySchema.parse(await searchParams), dir: "asc" as const };
  const address = { connectorId, resourceTypeId: account.resourceTypeId, externalId: account.externalId };
  const [grants, link, provisioning] = await Promise.all([
    listAccountGrants(runId, { resourceTypeId: account.resourceTypeId, externalId: account.externalId, connectorName: account.connectorName }, query, PAGE_SIZE, account.grants),
    getAccountLink(address),
    getConnectorProvisioning(user, connectorId),
  ]);
  // Revoke where the entitlement page would offer it (the same rules, the same dialog and the
  // same action, which checks again); the adapters provision accounts (the user trait) only.
  const holder = { resourceTypeId: account.resourceTypeId, externalId: account.externalId, name: account.name, email: account.email };
  const revokeCell =
    provisioning.allowed && account.isUser
      ? (row: EntitlementListItem) => {
          const view = provisioningViewFor(provisioning, row);
          if (!view.allowed || !view.effects.revokable) return null;
          const subject = { connectorId, connectorName: view.connectorName, entitlementId: row.externalId, entitlementName: row.name };
          return <RevokeButton subject={subject} holder={holder} note={view.effects.revokeNote} revoke={revokeEntitlementAction} label={`Revoke ${row.name}`} />;
        }
      : undefined;
  const path = accountPath(app.id, connectorId, account.resourceTypeId, account.externalId);
  const links = listLinks(path, {}, query, { name: "asc" });
  // A few scalar profile fields the upstream sent (createdTime → "Created time").
  const profile = Object.entries(account.profile ?? {})
    .filter(([, value]) => value !== null && typeof value !== "object")
    .slice(0, 6)
    .map(([name, value]) => {
      const words = name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
      return { label: words.charAt(0).toUpperCase() + words.slice(1), value: String(value) };
    });

  return (
    <>
      <DetailHeader
        app={app}
        section={{ label: "Accounts", href: `/applications/${app.id}?tab=accounts` }}
        title={account.name}
        description={account.email && account.email !== account.name ? account.email : undefined}
        badges={<AccountStatusBadge status={account.status} />}
      />
      <Card className="mb-6">
        <CardBody>
          <DescriptionList
            items={[
              { label: "Email", value: account.email ?? "—" },
              { label: "Type", value: account.typeName },
              { label: "Grants", value: formatCount(account.grants) },
              { label: "Connector", value: account.connectorName },
              ...(account.login ? [{ label: "Login", value: account.login }] : []),
              { label: "Account ID", value: <code className="font-mono text-xs">{account.externalId}</code> },
              ...profile,
            ]}
          />
        </CardBody>
      </Card>
      <AccountPersonCard
        account={address}
        link={link}
        canEdit={hasRole(user, PEOPLE_ROLES)}
        actions={{ search: searchPeopleAction, link: linkAccountAction, reset: resetAccountLinkAction }}
      />
      <ProvisioningNotices>
      <PagedList
        title="Grants"
        search={{ action: path, value: query.q, placeholder: "Search entitlements or resources", label: "Search grants" }}
        total={formatTotal(grants.total, false, "grant")}
        prevHref={links.page({ before: grants.prev })}
        nextHref={links.page({ after: grants.next })}
        isEmpty={grants.rows.length === 0}
        empty={
          query.q ? (
            <EmptyState title={`No grants match “${query.q}”`} description="Search looks at entitlement and resource names." />
          ) : (
            <EmptyState title="No grants" description={`${account.name} holds no entitlement of ${app.name} in the latest sync.`} />
          )
        }
      >
        <AccountGrantsTable appId={app.id} rows={grants.rows} actions={revokeCell} />
      </PagedList>
      </ProvisioningNotices>
    </>
  );
}
