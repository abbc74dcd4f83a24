import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DetailHeader } from "@/components/applications/detail-header";
import { formatCount, formatTotal } from "@/components/applications/format";
import { HoldersTable, type HolderListItem } from "@/components/applications/holders-table";
import { listLinks } from "@/components/applications/list-links";
import { PagedList } from "@/components/applications/paged-list";
import { GrantButton, ProvisioningNotices, RevokeButton } from "@/components/applications/provisioning";
import { Badge } from "@/components/ui/badge";
import { DownloadLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth";
import { listEntitlementHolders } from "@/lib/data/accounts";
import { getManagedApp } from "@/lib/data/applications";
import { getEntitlement } from "@/lib/data/entitlements";
import { getProvisioningView } from "@/lib/data/provisioning";
import { grantEntitlementAction, revokeEntitlementAction, searchGrantCandidatesAction } from "../../../provisioning-actions";
import { detailQuerySchema, entitlementPath, holdersExportPath, PAGE_SIZE, parseEntitlementKey } from "@/lib/validation/applications";

type Params = Promise<{ appId: string; connectorId: string; entitlementKey: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: "Entitlement" };

export default async function EntitlementPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requireUser();
  const { appId, connectorId, entitlementKey } = await params;
  const externalId = parseEntitlementKey(entitlementKey);
  const app = externalId ? await getManagedApp(appId) : null;
  const entitlement = app && externalId ? await getEntitlement(app, connectorId, externalId) : null;
  if (!app || !entitlement) notFound();
  const query = { ...detailQuerySchema.parse(await searchParams), dir: "asc" as const };
  const holders = await listEntitlementHolders(entitlement.runId, entitlement.externalId, query, PAGE_SIZE, entitlement.grantCount);
  const path = entitlementPath(app.id, connectorId, entitlement.externalId);
  const links = listLinks(path, {}, query, { name: "asc" });
  // Grant and Revoke only where the server would accept them; the actions check again.
  const provisioning = await getProvisioningView(user, connectorId, entitlement);
  const subject = { connectorId, connectorName: provisioning.connectorName, entitlementId: entitlement.externalId, entitlementName: entitlement.name };
  const revokable = provisioning.allowed && provisioning.effects.revokable;
  // The adapters provision accounts (the user trait) only, not service accounts or groups.
  const revokeCell = revokable
    ? (row: HolderListItem) =>
        row.isUser ? <RevokeButton subject={subject} holder={{ resourceTypeId: row.resourceTypeId, externalId: row.externalId, name: row.name, email: row.email }} note={provisioning.effects.revokeNote} revoke={revokeEntitlementAction} /> : null
    : undefined;

  return (
    <>
      <DetailHeader
        app={app}
        section={{ label: "Entitlements", href: `/applications/${app.id}` }}
        title={entitlement.name}
        description={entitlement.description ?? undefined}
        badges={!entitlement.provisionable && <Badge tone="amber">Not provisionable</Badge>}
      />
      <Card className="mb-6">
        <CardBody>
          <DescriptionList
            items={[
              { label: "Resource", value: `${entitlement.resourceTypeName} · ${entitlement.resourceName}` },
              { label: "Slug", value: <code className="font-mono text-xs">{entitlement.slug}</code> },
              { label: "Purpose", value: entitlement.purpose === "permission" ? "Permission" : "Assignment" },
              { label: "Holders", value: formatCount(entitlement.grantCount) },
              { label: "Connector", value: entitlement.connectorName },
              { label: "Entitlement ID", value: <code className="font-mono text-xs">{entitlement.externalId}</code> },
            ]}
          />
        </CardBody>
      </Card>
      <ProvisioningNotices>
      <PagedList
        title={
          <div className="flex items-center justify-between gap-3">
            <span>Who holds it</span>
            {provisioning.allowed && <GrantButton subject={subject} search={searchGrantCandidatesAction} note={provisioning.effects.grantNote} grant={grantEntitlementAction} />}
          </div>
        }
        search={{ action: path, value: query.q, placeholder: "Search holders by name or email", label: "Search holders" }}
        total={formatTotal(holders.total, holders.totalCapped, "holder")}
        actions={holders.rows.length > 0 && <DownloadLink href={holdersExportPath(app.id, connectorId, entitlement.externalId, query)}>Export CSV</DownloadLink>}
        prevHref={links.page({ before: holders.prev })}
        nextHref={links.page({ after: holders.next })}
        isEmpty={holders.rows.length === 0}
        empty={
          query.q ? (
            <EmptyState title={`No holders match “${query.q}”`} description="Search looks at names and emails." />
          ) : (
            <EmptyState title="Nobody holds this entitlement" description="The latest sync found no grants of it." />
          )
        }
      >
        <HoldersTable
          appId={app.id}
          connectorId={connectorId}
          rows={holders.rows}
          actions={revokeCell}
        />
      </PagedList>
      </ProvisioningNotices>
    </>
  );
}
