import type { Metadata } from "next";
import { formatTotal } from "@/components/applications/format";
import { PagedList } from "@/components/applications/paged-list";
import { OrphanedAccessTable, UnmatchedAccountsTable } from "@/components/people/gap-tables";
import { PeopleTable } from "@/components/people/people-table";
import { ButtonLink, DownloadLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { LinkTabs } from "@/components/ui/tabs";
import { requireRole } from "@/lib/auth";
import { countOrphanedAccess, listOrphanedAccess } from "@/lib/data/access-gaps";
import { listUnmatchedAccounts } from "@/lib/data/unmatched-accounts";
import { countPeople, listPeople } from "@/lib/data/people";
import { PAGE_SIZE, withQuery } from "@/lib/validation/applications";
import { PEOPLE_ROLES, peopleQuerySchema } from "@/lib/validation/people";

export const metadata: Metadata = { title: "People" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole(PEOPLE_ROLES);
  const query = peopleQuerySchema.parse(await searchParams);
  const cursor = { after: query.after, before: query.before };
  const [peopleCount, orphanedCount] = await Promise.all([countPeople(), countOrphanedAccess()]);
  const tabs = (
    <LinkTabs
      label="People"
      active={query.tab}
      tabs={[
        { id: "people", label: "People", href: "/admin/people", count: peopleCount },
        { id: "unmatched", label: "Unmatched accounts", href: "/admin/people?tab=unmatched" },
        { id: "orphaned", label: "Orphaned access", href: "/admin/people?tab=orphaned", count: orphanedCount },
      ]}
    />
  );
  const page = (fixed: Record<string, string | undefined>) => (c: { after?: string | null; before?: string | null }) =>
    c.after || c.before ? withQuery("/admin/people", { ...fixed, after: c.after, before: c.before }) : null;
  const header = (
    <PageHeader
      title="People"
      description="Everyone in your identity provider, every app account matched to them, and the access that should not be there."
      actions={query.tab === "orphaned" && orphanedCount > 0 ? <DownloadLink href="/api/people/orphaned-access">Export CSV</DownloadLink> : undefined}
    />
  );

  if (query.tab === "orphaned") {
    const list = await listOrphanedAccess(cursor, PAGE_SIZE);
    const links = page({ tab: "orphaned" });
    return (
      <>
        {header}
        {tabs}
        <p className="mb-4 text-sm text-slate-600">Accounts still active in an app whose person is suspended or deactivated in the identity provider.</p>
        <PagedList
          total={formatTotal(list.total, false, "account")}
          prevHref={links({ before: list.prev })}
          nextHref={links({ after: list.next })}
          isEmpty={list.rows.length === 0}
          empty={<EmptyState title="No orphaned access" description="Every account of a suspended or deactivated person is disabled or gone in its app." />}
        >
          <OrphanedAccessTable rows={list.rows} />
        </PagedList>
      </>
    );
  }

  if (query.tab === "unmatched") {
    const list = await listUnmatchedAccounts({ q: query.q, appId: query.app, ...cursor }, PAGE_SIZE);
    const links = page({ tab: "unmatched", q: query.q, app: query.app });
    return (
      <>
        {header}
        {tabs}
        <p className="mb-4 text-sm text-slate-600">App accounts that no person in the identity provider matches: shared, service or former accounts to look at. Link one by hand from its account page.</p>
        <PagedList
          search={{ action: "/admin/people", value: query.q, placeholder: "Search by name or email", label: "Search unmatched accounts", keep: { tab: "unmatched", app: query.app } }}
          total={formatTotal(list.total, list.totalCapped, "unmatched account")}
          prevHref={links({ before: list.prev })}
          nextHref={links({ after: list.next })}
          isEmpty={list.rows.length === 0}
          empty={query.q ? <EmptyState title={`No unmatched accounts match “${query.q}”`} description="Clear the search to see them all." /> : <EmptyState title="Every account is matched" description="Each synced account belongs to a person of the identity provider." />}
        >
          <UnmatchedAccountsTable rows={list.rows} />
        </PagedList>
      </>
    );
  }

  const list = await listPeople({ q: query.q, status: query.status, ...cursor }, PAGE_SIZE);
  const links = page({ q: query.q, status: query.status });
  const empty =
    peopleCount === 0 ? (
      <EmptyState
        title="No people yet"
        description="People come from your identity provider. Add the Okta connector and its users appear here after the first sync."
        action={<ButtonLink href="/admin/connectors/new">Add connector</ButtonLink>}
      />
    ) : (
      <EmptyState title={`No people match “${query.q ?? ""}”`} description="Search looks at names and emails." />
    );
  return (
    <>
      {header}
      {tabs}
      <PagedList
        search={{ action: "/admin/people", value: query.q, placeholder: "Search by name or email", label: "Search people", keep: { status: query.status } }}
        total={formatTotal(list.total, list.totalCapped, "person", "people")}
        prevHref={links({ before: list.prev })}
        nextHref={links({ after: list.next })}
        isEmpty={list.rows.length === 0}
        empty={empty}
      >
        <PeopleTable people={list.rows} />
      </PagedList>
    </>
  );
}
