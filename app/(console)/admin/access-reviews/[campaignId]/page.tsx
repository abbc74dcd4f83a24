import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CampaignControls } from "@/components/reviews/campaign-controls";
import { CampaignItemsTable } from "@/components/reviews/campaign-items-table";
import { CampaignStatus } from "@/components/reviews/review-badges";
import { ButtonLink, DownloadLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { requireRole } from "@/lib/auth";
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";
import { getCampaign, getCampaignProgress, getReviewerProgress } from "@/lib/data/review-campaigns";
import { listCampaignItemsPage } from "@/lib/data/review-items";
import { utc } from "@/lib/mail/templates";
import { accountFilterLabels, campaignIdSchema, inboxQuerySchema, reviewerPolicyLabels } from "@/lib/validation/reviews";
import { cancelCampaignAction, closeCampaignAction, launchCampaignAction } from "../actions";

export const metadata: Metadata = { title: "Access review" };

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CampaignPage({ params, searchParams }: Props) {
  await requireRole(CONNECTOR_ADMIN_ROLES);
  const id = campaignIdSchema.safeParse((await params).campaignId);
  const campaign = id.success ? await getCampaign(id.data) : null;
  if (!campaign) notFound();
  const query = inboxQuerySchema.parse(Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const launched = campaign.status !== "DRAFT";
  const [progress, reviewers, page] = launched ? await Promise.all([getCampaignProgress(campaign.id), getReviewerProgress(campaign.id), listCampaignItemsPage(campaign.id, query)]) : [null, [], { rows: [], next: null }];
  const base = `/admin/access-reviews/${campaign.id}`;
  const figures = progress ? ([["Items", progress.total], ["Decided", progress.decided], ["Certified", progress.certified], ["Revoked", progress.revoked], ["Verified", progress.verified], ["Still present", progress.stillPresent], ["Revoke by hand", progress.manual], ["Gone before decision", progress.gone]] as const) : [];
  return (
    <>
      <PageHeader
        eyebrow="Admin › Access reviews"
        title={<span className="flex items-center gap-3">{campaign.name} <CampaignStatus status={campaign.status} /></span>}
        description={campaign.description || undefined}
        actions={<CampaignControls campaignId={campaign.id} status={campaign.status} defaultDecision={campaign.defaultDecision} launch={launchCampaignAction} close={closeCampaignAction} cancel={cancelCampaignAction} />}
      />
      <div className="space-y-6">
        <Card>
          <CardHeader
            title="Summary"
            description={`Due ${utc(campaign.dueAt)} · ${reviewerPolicyLabels[campaign.reviewerPolicy as keyof typeof reviewerPolicyLabels] ?? campaign.reviewerPolicy} · ${accountFilterLabels[campaign.scope.accounts]}${campaign.scope.privilegedOnly ? " · privileged entitlements only" : ""} · undecided at close: ${campaign.defaultDecision === "revoke" ? "revoke" : "keep"}`}
            actions={launched && (
              <span className="flex gap-2">
                <DownloadLink href={`/api/access-reviews/${campaign.id}/export`}>Export CSV</DownloadLink>
                <DownloadLink href={`/api/access-reviews/${campaign.id}/report`} target="_blank" rel="noreferrer">Report</DownloadLink>
              </span>
            )}
          />
          <CardBody>
            {progress ? (
              <div className="space-y-4">
                <ProgressBar value={progress.total ? Math.round((progress.decided / progress.total) * 100) : 100} label={`${progress.decided} of ${progress.total} decided`} />
                <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                  {figures.map(([label, value]) => (
                    <div key={label} className="rounded-md px-3 py-2 ring-1 ring-inset ring-slate-200">
                      <dd className="text-2xl font-semibold tabular-nums text-slate-900" data-testid={`figure-${label}`}>{value.toLocaleString("en-US")}</dd>
                      <dt className="text-sm text-slate-600">{label}</dt>
                    </div>
                  ))}
                </dl>
              </div>
            ) : (
              <p className="text-sm text-slate-600">Draft: launching freezes one review item per account grant of the chosen apps and emails each reviewer.</p>
            )}
          </CardBody>
        </Card>
        {launched && (
          <Card>
            <CardHeader title="Reviewers" />
            <Table>
              <thead><tr><Th>Reviewer</Th><Th>Decided</Th><Th className="w-1/3">Progress</Th></tr></thead>
              <TBody>
                {reviewers.map((r) => (
                  <Tr key={r.userId} data-testid="reviewer-row">
                    <Td><div className="font-medium text-slate-900">{r.name}</div><div className="text-xs text-slate-500">{r.email}</div></Td>
                    <Td className="tabular-nums">{r.decided} of {r.total}</Td>
                    <Td><ProgressBar value={r.total ? Math.round((r.decided / r.total) * 100) : 100} label={`${r.name}: ${r.decided} of ${r.total} decided`} /></Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </Card>
        )}
        {launched && (
          <Card>
            <CardHeader title="Items" />
            {page.rows.length ? <CampaignItemsTable items={page.rows} /> : <EmptyState title="No items" description="No grant was in scope when the campaign launched." />}
            {(query.after || page.next) && (
              <div className="flex justify-end gap-2 border-t border-slate-200 px-4 py-3">
                {query.after && <ButtonLink variant="secondary" size="sm" href={base}>First page</ButtonLink>}
                {page.next && <ButtonLink variant="secondary" size="sm" href={`${base}?after=${page.next}`}>Next page</ButtonLink>}
              </div>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
