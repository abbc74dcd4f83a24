import type { Metadata } from "next";
import { RequestsTable } from "@/components/requests/requests-table";
import { RequestTabs } from "@/components/requests/request-tabs";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listApprovals, listMyRequests } from "@/lib/data/request-store";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage() {
  const user = await requireUser();
  const [rows, approvals] = await Promise.all([listMyRequests(user.id), listApprovals(user.id)]);
  return (
    <>
      <PageHeader title="Access requests" description="Your requests, newest first. Open one to see its history, cancel it while it is pending, or ask for more time while it is active." />
      <RequestTabs active="mine" approvals={approvals.length} />
      {rows.length === 0 ? (
        <EmptyState title="No requests yet" description="Find what you need in the catalog and request it." action={<ButtonLink href="/requests">Request access</ButtonLink>} />
      ) : (
        <RequestsTable rows={rows} />
      )}
    </>
  );
}
