import type { Metadata } from "next";
import { RequestsTable } from "@/components/requests/requests-table";
import { RequestTabs } from "@/components/requests/request-tabs";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listApprovals, listDecidedBy } from "@/lib/data/request-store";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requireUser();
  const [waiting, decided] = await Promise.all([listApprovals(user.id), listDecidedBy(user.id)]);
  return (
    <>
      <PageHeader title="Access requests" description="Requests waiting for your decision. Open one to approve or deny it." />
      <RequestTabs active="approvals" approvals={waiting.length} />
      <section aria-labelledby="waiting-heading" className="space-y-3">
        <h2 id="waiting-heading" className="text-sm font-semibold text-slate-900">Waiting for you</h2>
        {waiting.length === 0 ? <EmptyState title="Nothing waiting" description="When someone requests access you approve, it shows here and you get an email." /> : <RequestsTable rows={waiting} showRequester />}
      </section>
      {decided.length > 0 && (
        <section aria-labelledby="decided-heading" className="mt-8 space-y-3">
          <h2 id="decided-heading" className="text-sm font-semibold text-slate-900">Recently decided by you</h2>
          <RequestsTable rows={decided} showRequester />
        </section>
      )}
    </>
  );
}
