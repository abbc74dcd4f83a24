import type { Metadata } from "next";
import { formatTotal } from "@/components/applications/format";
import { ManagedAppsTable } from "@/components/applications/managed-apps-table";
import { PagedList } from "@/components/applications/paged-list";
import { UnmanagedAppsTable } from "@/components/applications/unmanaged-apps-table";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { LinkTabs } from "@/components/ui/tabs";
import { requireUser } from "@/lib/auth";
import { countApps, listManagedApps, listUnmanagedApps } from "@/lib/data/applications";
import { appsQuerySchema } from "@/lib/validation/applications";

export const metadata: Metadata = { title: "Applications" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ApplicationsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const { tab, q } = appsQuerySchema.parse(await searchParams);
  const managedTab = tab === "managed";
  const [counts, managed, unmanaged] = await Promise.all([countApps(), managedTab ? listManagedApps(q) : [], managedTab ? [] : listUnmanagedApps(q)]);
  const addConnector = user.role !== "USER" ? <ButtonLink href="/admin/connectors/new">Add connector</ButtonLink> : undefined;
  const count = managedTab ? managed.length : unmanaged.length;

  const empty = q ? (
    <EmptyState title={`No apps match “${q}”`} description="Check the spelling, or clear the search to see every app." />
  ) : managedTab ? (
    <EmptyState
      title="No managed apps yet"
      description="An app becomes managed when a connector is added to it. Its accounts and entitlements appear here after the first sync."
      action={addConnector}
    />
  ) : (
    <EmptyState title="No unmanaged apps" description="Apps discovered in your identity provider appear here until a connector manages them." />
  );

  return (
    <>
      <PageHeader title="Applications" description="Apps with a connector, and the apps your identity provider knows about that none manages yet." actions={addConnector} />
      <LinkTabs
        label="Applications"
        active={tab}
        tabs={[
          { id: "managed", label: "Managed apps", href: "/applications", count: counts.managed },
          { id: "unmanaged", label: "Unmanaged apps", href: "/applications?tab=unmanaged", count: counts.unmanaged },
        ]}
      />
      {!managedTab && unmanaged.length > 0 && (
        <p className="mb-4 text-sm text-slate-600">Discovered through sign-ins at your identity provider. Add a connector to an app to see its accounts and entitlements.</p>
      )}
      <PagedList
        search={{ action: "/applications", value: q, placeholder: "Search apps by name", label: "Search apps", keep: { tab: managedTab ? undefined : tab } }}
        total={formatTotal(count, false, "app")}
        prevHref={null}
        nextHref={null}
        isEmpty={count === 0}
        empty={empty}
      >
        {managedTab ? <ManagedAppsTable apps={managed} /> : <UnmanagedAppsTable apps={unmanaged} />}
      </PagedList>
    </>
  );
}
