import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth";

export const metadata: Metadata = { title: "Connectors" };

export default async function ConnectorsPage() {
  await requireRole(["SUPER_ADMIN", "CONNECTOR_ADMIN"]);
  return (
    <>
      <PageHeader eyebrow="Admin" title="Connectors" description="Connectors pull accounts, entitlements and grants from your SaaS apps." />
      <Card>
        <EmptyState title="No connectors yet" description="Connectors you add will be listed here with their app, owners, status and last sync." />
      </Card>
    </>
  );
}
