import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PagedList } from "@/components/applications/paged-list";
import { formatTotal } from "@/components/applications/format";
import { listLinks } from "@/components/applications/list-links";
import { RequestSettingsForm } from "@/components/requests/settings-form";
import { SettingsEntitlements } from "@/components/requests/settings-entitlements";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { getManagedApp } from "@/lib/data/applications";
import { isConnectorAdmin } from "@/lib/data/connector-access";
import { connectorRefusal, getProvisioningConnector } from "@/lib/data/provisioning";
import { listEntitlements } from "@/lib/data/entitlements";
import { canManageRequestSettings, getAppRequestSettings, overrideKey } from "@/lib/data/request-settings";
import { listActiveUserOptions, settingsValues } from "@/lib/requests/settings-view";
import { appQuerySchema, entitlementListQuery, withQuery } from "@/lib/validation/applications";
import { saveRequestSettingsAction } from "./actions";
import { OverrideEditor } from "./override-editor";

export const metadata: Metadata = { title: "Request settings" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RequestSettingsPage({ params, searchParams }: { params: Promise<{ appId: string }>; searchParams: SearchParams }) {
  const user = await requireUser();
  const app = await getManagedApp((await params).appId);
  if (!app || !(await canManageRequestSettings(user, app.id))) notFound();
  const raw = await searchParams;
  const path = `/applications/${app.id}/request-settings`;
  const [settings, users] = await Promise.all([getAppRequestSettings(app.id), listActiveUserOptions()]);
  const isAdmin = isConnectorAdmin(user);
  const header = (
    <PageHeader
      eyebrow={<Link href={`/applications/${app.id}`} className="hover:text-slate-700 hover:underline">{app.name}</Link>}
      title="Request settings"
      description="What people can request in this app, who approves it and for how long. An entitlement can override the app's defaults."
    />
  );
  const connectorId = typeof raw.connectorId === "string" ? raw.connectorId : "";
  const entitlementId = typeof raw.entitlementId === "string" ? raw.entitlementId : "";
  if (connectorId && entitlementId) {
    return (
      <>
        {header}
        <OverrideEditor app={app} connectorId={connectorId} entitlementId={entitlementId} settings={settings} users={users} isAdmin={isAdmin} backHref={path} />
      </>
    );
  }
  const query = entitlementListQuery(appQuerySchema.parse(raw));
  const page = await listEntitlements(app, query, 25);
  const links = listLinks(path, {}, query, { name: "asc", grants: "desc" });
  const connectors = new Map(await Promise.all(app.connectors.map(async (c) => [c.id, await getProvisioningConnector(c.id)] as const)));
  const rows = page.rows.map((row) => {
    const override = settings.overrides.get(overrideKey(row.connectorId, row.externalId));
    const connector = connectors.get(row.connectorId);
    const refusal = (connector ? connectorRefusal(connector) : "The connector no longer exists.") ?? (row.provisionable ? null : "the connector never grants it.");
    return {
      connectorId: row.connectorId,
      externalId: row.externalId,
      name: row.name,
      resourceName: row.resourceName,
      requestable: (override ?? settings.appDefault).requestable,
      overridden: Boolean(override),
      refusal,
      editHref: withQuery(path, { connectorId: row.connectorId, entitlementId: row.externalId }),
    };
  });
  return (
    <>
      {header}
      <div className="space-y-6">
        <Card>
          <CardHeader title="App defaults" description="Apply to every entitlement without an override." />
          <CardBody>
            <RequestSettingsForm initial={settingsValues(app.id, "", "", settings.appDefault)} users={users} isAdmin={isAdmin} save={saveRequestSettingsAction} />
          </CardBody>
        </Card>
        <PagedList
          title="Entitlements"
          search={{ action: path, value: query.q, placeholder: "Search entitlements", label: "Search entitlements" }}
          total={formatTotal(page.total, page.totalCapped, "entitlement")}
          prevHref={links.page({ before: page.prev })}
          nextHref={links.page({ after: page.next })}
          isEmpty={page.rows.length === 0}
          empty={<EmptyState title="No entitlements" description="They appear here after the app's first sync." />}
        >
          <SettingsEntitlements rows={rows} />
        </PagedList>
      </div>
    </>
  );
}
