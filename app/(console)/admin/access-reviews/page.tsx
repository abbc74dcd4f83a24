import type { Metadata } from "next";
import Link from "next/link";
import { CampaignStatus } from "@/components/reviews/review-badges";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, Tr } from "@/components/ui/table";
import { requireRole } from "@/lib/auth";
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";
import { listCampaigns } from "@/lib/data/review-campaigns";
import { utc } from "@/lib/mail/templates";

export const metadata: Metadata = { title: "Access reviews" };

export default async function AccessReviewsPage() {
  await requireRole(CONNECTOR_ADMIN_ROLES);
  const campaigns = await listCampaigns();
  return (
    <>
      <PageHeader eyebrow="Admin" title="Access reviews" description="Campaigns over the synced grants: reviewers certify or revoke each access, revokes go through provisioning, and the next sync verifies them." actions={<ButtonLink href="/admin/access-reviews/new">New campaign</ButtonLink>} />
      <Card>
        {campaigns.length === 0 ? (
          <EmptyState title="No campaigns yet" description="A campaign freezes the grants of the apps you choose and asks their reviewers to certify or revoke each one." action={<ButtonLink href="/admin/access-reviews/new">New campaign</ButtonLink>} />
        ) : (
          <Table>
            <thead>
              <tr><Th>Name</Th><Th>Status</Th><Th>Items</Th><Th>Due</Th><Th>Launched</Th></tr>
            </thead>
            <TBody>
              {campaigns.map((c) => (
                <Tr key={c.id}>
                  <Td><Link href={`/admin/access-reviews/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.name}</Link></Td>
                  <Td><CampaignStatus status={c.status} /></Td>
                  <Td className="tabular-nums">{c.status === "DRAFT" ? "—" : c.itemCount.toLocaleString("en-US")}</Td>
                  <Td>{utc(c.dueAt)}</Td>
                  <Td>{c.launchedAt ? utc(c.launchedAt) : "—"}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
