import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";

export const metadata: Metadata = { title: "Applications" };

export default async function ApplicationsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Applications" description="Managed apps and the apps discovered in your identity provider." />
      <Card>
        <EmptyState title="No applications yet" description="Apps appear here when a connector is added to them." />
      </Card>
    </>
  );
}
