import type { Metadata } from "next";
import Link from "next/link";
import { RequestTabs } from "@/components/requests/request-tabs";
import { ButtonLink } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { requireUser } from "@/lib/auth";
import { listCatalog, type CatalogItem } from "@/lib/data/request-catalog";
import { listApprovals } from "@/lib/data/request-store";
import { approverLabels, catalogQuerySchema, formatHours } from "@/lib/validation/requests";

export const metadata: Metadata = { title: "Request access" };

function policyText(item: CatalogItem) {
  const { policy } = item;
  if (policy.firstApprover === "NONE" && policy.lowRisk) return "No approval";
  return [approverLabels[policy.firstApprover], policy.secondApprover ? approverLabels[policy.secondApprover] : null].filter(Boolean).join(", then ");
}

function requestCell(item: CatalogItem) {
  if (item.openRequest) return <Link className="text-sm font-medium text-brand-700 hover:underline" href={`/requests/${item.openRequest.id}`}>View request</Link>;
  if (item.held) return <Badge tone="green">You have this</Badge>;
  if (!item.account) return <span className="text-xs text-slate-500">No account of yours in {item.appName}</span>;
  const href = `/requests/new?connectorId=${encodeURIComponent(item.connectorId)}&entitlementId=${encodeURIComponent(item.entitlementId)}`;
  return <ButtonLink size="sm" variant="secondary" href={href} aria-label={`Request ${item.name} in ${item.appName}`}>Request</ButtonLink>;
}

export default async function RequestCatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = catalogQuerySchema.parse(await searchParams);
  const [page, approvals] = await Promise.all([listCatalog(user, query), listApprovals(user.id)]);
  const next = page.next ? `/requests?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), after: page.next })}` : null;
  return (
    <>
      <PageHeader title="Access requests" description="Ask for time-bound access to the apps Gatekeeper manages. An approver decides; the access is granted in the app and removed when it ends." />
      <RequestTabs active="catalog" approvals={approvals.length} />
      <div className="mb-4 max-w-md">
        <SearchForm action="/requests" value={query.q} placeholder="Search entitlements or apps" label="Search requestable entitlements" />
      </div>
      {page.rows.length === 0 ? (
        query.q ? (
          <EmptyState title={`Nothing requestable matches “${query.q}”`} description="Check the spelling, or clear the search." />
        ) : (
          <EmptyState title="Nothing to request yet" description="An app's owners choose what can be requested, in the app's Request settings." />
        )
      ) : (
        <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <Table>
            <thead>
              <tr>
                <Th>Entitlement</Th>
                <Th>App</Th>
                <Th>Approval</Th>
                <Th className="whitespace-nowrap">Up to</Th>
                <Th className="text-right">
                  <span className="sr-only">Request</span>
                </Th>
              </tr>
            </thead>
            <TBody>
              {page.rows.map((item) => (
                <Tr key={`${item.connectorId}:${item.entitlementId}`} data-testid="catalog-row">
                  <Td>
                    <div className="font-medium text-slate-900">{item.name}</div>
                    {item.description && <div className="text-xs text-slate-500">{item.description}</div>}
                  </Td>
                  <Td>{item.appName}</Td>
                  <Td className="whitespace-nowrap">{policyText(item)}</Td>
                  <Td className="whitespace-nowrap">{formatHours(item.policy.maxDurationHours)}{item.policy.allowPermanent ? ", or permanent" : ""}</Td>
                  <Td className="whitespace-nowrap text-right">{requestCell(item)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
      {(next || query.after) && (
        <div className="mt-4">
          <Pagination summary={`${page.rows.length} shown`} prevHref={query.after ? `/requests${query.q ? `?q=${encodeURIComponent(query.q)}` : ""}` : null} nextHref={next} />
        </div>
      )}
    </>
  );
}
