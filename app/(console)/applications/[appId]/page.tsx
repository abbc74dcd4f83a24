import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { InviteAccountButton, RemoveAccountButton } from "@/components/applications/account-lifecycle";
import { AccountsTable, type AccountListItem } from "@/components/applications/accounts-table";
import { AppAvatar } from "@/components/applications/app-avatar";
import { ConnectorCards } from "@/components/applications/connector-cards";
import { EntitlementsTable } from "@/components/applications/entitlements-table";
import { formatTotal } from "@/components/applications/format";
import { listLinks } from "@/components/applications/list-links";
import { PagedList } from "@/components/applications/paged-list";
import { ProvisioningNotices } from "@/components/applications/provisioning";
import { ButtonLink, DownloadLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { LinkTabs } from "@/components/ui/tabs";
import { requireUser } from "@/lib/auth";
import { listAccountLifecycles, listProtectedHoldings, protectedHoldingsOf, removalRefusal } from "@/lib/data/account-provisioning";
import { listAccounts } from "@/lib/data/accounts";
import { getManagedApp, visibleRuns, type ManagedApp } from "@/lib/data/applications";
import { listEntitlements } from "@/lib/data/entitlements";
import { canManageRequestSettings } from "@/lib/data/request-settings";
import { inviteAccountAction, removeAccountAction } from "./account-actions";
import { accountListQuery, accountsExportPath, appQuerySchema, entitlementListQuery, entitlementsExportPath, PAGE_SIZE } from "@/lib/validation/applications";

type Params = Promise<{ appId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const app = await getManagedApp((await params).appId);
  return { title: app?.name ?? "Application" };
}

function emptyList(app: ManagedApp, q: string | undefined, noun: string) {
  if (q) return <EmptyState title={`No ${noun} match “${q}”`} description="Search looks at names and emails. Check the spelling, or clear the search." />;
  if (visibleRuns(app).length === 0) {
    return <EmptyState title="Nothing synced yet" description={`The ${noun} of ${app.name} appear here when a connector's first sync has finished.`} />;
  }
  return <EmptyState title={`No ${noun}`} description={`The latest sync of ${app.name} found no ${noun}.`} />;
}

export default async function ApplicationPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requireUser();
  const app = await getManagedApp((await params).appId);
  if (!app) notFound();
  const raw = appQuerySchema.parse(await searchParams);
  const path = `/applications/${app.id}`;
  const tabs = [
    { id: "entitlements", label: "Entitlements", href: path, count: app.entitlements },
    { id: "accounts", label: "Accounts", href: `${path}?tab=accounts`, count: app.accounts },
  ];
  let list: React.ReactNode;
  if (raw.tab === "accounts") {
    const query = accountListQuery(raw);
    const page = await listAccounts(app, query, PAGE_SIZE);
    const links = listLinks(path, { tab: "accounts" }, query, { name: "asc", email: "asc" });
    // Invite and Remove where a connector can (its accounts capability, provisioning on, this
    // user an administrator or owner); where provisioning is off, the tab says why instead.
    const lifecycles = await listAccountLifecycles(user, app.connectors.map((c) => c.id));
    const able = lifecycles.filter((l) => !l.refusal && l.runId);
    const held = new Map(
      await Promise.all(able.map(async (l) => [l.connectorId, await listProtectedHoldings(l.runId!, page.rows.filter((r) => r.connectorId === l.connectorId))] as const)),
    );
    const removeCell = able.length
      ? (row: AccountListItem) => {
          const lifecycle = able.find((l) => l.connectorId === row.connectorId);
          if (!lifecycle || row.resourceTypeId !== lifecycle.resourceTypeId) return null;
          const refusal = removalRefusal(lifecycle.connectorName, lifecycle, row, protectedHoldingsOf(held.get(row.connectorId)!, row));
          return <RemoveAccountButton connector={{ id: row.connectorId, name: lifecycle.connectorName }} account={row} refusal={refusal} remove={removeAccountAction} />;
        }
      : undefined;
    const title = lifecycles.length ? (
      <div className="space-y-2">
        <div className="flex items-center justify-between gap-3">
          <span>Accounts</span>
          <span className="flex gap-2">
            {able.map((l) => (
              <InviteAccountButton key={l.connectorId} target={l} label={able.length > 1 ? `Invite account to ${l.connectorName}` : "Invite account"} invite={inviteAccountAction} />
            ))}
          </span>
        </div>
        {lifecycles
          .filter((l) => l.refusal)
          .map((l) => (
            <p key={l.connectorId} className="text-sm font-normal text-slate-500" data-testid="account-lifecycle-refusal">
              Invite and Remove are unavailable: {l.refusal}
            </p>
          ))}
      </div>
    ) : undefined;
    list = (
      <ProvisioningNotices>
        <PagedList
          title={title}
          search={{ action: path, value: query.q, placeholder: "Search accounts by name or email", label: "Search accounts", keep: { tab: "accounts", sort: raw.sort, dir: raw.dir } }}
          total={formatTotal(page.total, page.totalCapped, "account")}
          actions={page.rows.length > 0 && <DownloadLink href={accountsExportPath(app.id, query)}>Export CSV</DownloadLink>}
          prevHref={links.page({ before: page.prev })}
          nextHref={links.page({ after: page.next })}
          isEmpty={page.rows.length === 0}
          empty={emptyList(app, query.q, "accounts")}
        >
          <AccountsTable appId={app.id} rows={page.rows} sort={{ sort: query.sort, dir: query.dir, hrefFor: links.sortBy }} actions={removeCell} />
        </PagedList>
      </ProvisioningNotices>
    );
  } else {
    const query = entitlementListQuery(raw);
    const page = await listEntitlements(app, query, PAGE_SIZE);
    const links = listLinks(path, {}, query, { name: "asc", grants: "desc" });
    list = (
      <PagedList
        search={{ action: path, value: query.q, placeholder: "Search entitlements or resources", label: "Search entitlements", keep: { sort: raw.sort, dir: raw.dir } }}
        total={formatTotal(page.total, page.totalCapped, "entitlement")}
        actions={page.rows.length > 0 && <DownloadLink href={entitlementsExportPath(app.id, query)}>Export CSV</DownloadLink>}
        prevHref={links.page({ before: page.prev })}
        nextHref={links.page({ after: page.next })}
        isEmpty={page.rows.length === 0}
        empty={emptyList(app, query.q, "entitlements")}
      >
        <EntitlementsTable appId={app.id} rows={page.rows} sort={{ sort: query.sort, dir: query.dir, hrefFor: links.sortBy }} />
      </PagedList>
    );
  }

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/applications" className="hover:text-slate-700 hover:underline">
            Applications
          </Link>
        }
        title={
          <span className="flex items-center gap-3">
            <AppAvatar name={app.name} size="lg" />
            {app.name}
          </span>
        }
        description={app.description || undefined}
        actions={(await canManageRequestSettings(user, app.id)) && <ButtonLink variant="secondary" href={`${path}/request-settings`}>Request settings</ButtonLink>}
      />
      <ConnectorCards connectors={app.connectors} manageable={user.role !== "USER"} />
      <LinkTabs label={`${app.name} data`} tabs={tabs} active={raw.tab} />
      {list}
    </>
  );
}
