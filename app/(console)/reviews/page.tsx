import type { Metadata } from "next";
import Link from "next/link";
import { InboxFilters } from "@/components/reviews/inbox-filters";
import { InboxTable } from "@/components/reviews/inbox-table";
import { RemediationTasks } from "@/components/reviews/remediation-tasks";
import { CampaignStatus } from "@/components/reviews/review-badges";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listMyCampaigns, listReviewerOptions } from "@/lib/data/review-campaigns";
import { listInboxApps, listInboxPage, listRemediationTasks } from "@/lib/data/review-items";
import { utc } from "@/lib/mail/templates";
import { inboxQuerySchema } from "@/lib/validation/reviews";
import { decideItemsAction, markRemediatedAction, reassignItemsAction } from "./actions";

export const metadata: Metadata = { title: "My reviews" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MyReviewsPage({ searchParams }: Props) {
  const me = await requireUser();
  const query = inboxQuerySchema.parse(Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [campaigns, tasks] = await Promise.all([listMyCampaigns(me.id), listRemediationTasks(me.id)]);
  const current = campaigns.find((c) => c.id === query.campaign) ?? campaigns[0];
  const [page, apps, users] = current ? await Promise.all([listInboxPage(me.id, current.id, query), listInboxApps(me.id, current.id), listReviewerOptions()]) : [null, [], []];
  const keep = new URLSearchParams(Object.entries({ campaign: current?.id, app: query.app, flag: query.flag, q: query.q }).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <>
      <PageHeader title="My reviews" description="Certify each access that is still needed and revoke the rest. You can change a decision until the campaign closes." />
      <div className="space-y-6">
        {tasks.length > 0 && (
          <Card>
            <CardHeader title="Revoke by hand" description="The console could not make these revokes in apps you own. Do them in the app, then mark them done: the next sync verifies them." />
            <RemediationTasks tasks={tasks} mark={markRemediatedAction} />
          </Card>
        )}
        {!current ? (
          <Card><EmptyState title="Nothing to review" description="When an access review assigns you items, they show here and you get an email." /></Card>
        ) : (
          <>
            <nav aria-label="Campaigns" className="flex flex-wrap gap-2">
              {campaigns.map((c) => (
                <Link key={c.id} href={`/reviews?campaign=${c.id}`} aria-current={c.id === current.id ? "page" : undefined} className={cn("rounded-md px-3 py-2 text-sm ring-1 ring-inset ring-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600", c.id === current.id ? "bg-brand-50 ring-brand-600" : "bg-white hover:bg-slate-50")}>
                  <span className="font-medium text-slate-900">{c.name}</span> <span className="text-slate-500">{c.decided}/{c.total}</span>
                </Link>
              ))}
            </nav>
            <Card>
              <CardHeader title={<span className="flex items-center gap-2">{current.name} <CampaignStatus status={current.status} /></span>} description={`${current.decided} of ${current.total} decided · due ${utc(current.dueAt)}`} />
              <InboxFilters campaignId={current.id} apps={apps} values={query} />
              {page && page.rows.length ? (
                <InboxTable campaignId={current.id} items={page.rows} active={current.status === "ACTIVE"} users={users.filter((u) => u.id !== me.id)} decide={decideItemsAction} reassign={reassignItemsAction} />
              ) : (
                <EmptyState title="No items match" description="Change the filters to see more." />
              )}
              {(query.after || page?.next) && (
                <div className="flex justify-end gap-2 border-t border-slate-200 px-4 py-3">
                  {query.after && <ButtonLink variant="secondary" size="sm" href={`/reviews?${keep}`}>First page</ButtonLink>}
                  {page?.next && <ButtonLink variant="secondary" size="sm" href={`/reviews?${keep}&after=${page.next}`}>Next page</ButtonLink>}
                </div>
              )}
            </Card>
          </>
        )}
      </div>
    </>
  );
}
