import type { Metadata } from "next";
import { ConnectorsTable } from "@/components/connectors/connectors-table";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth";
import { getConnector, isConnectorId } from "@/lib/connectors/registry";
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";
import { listConnectorRows } from "@/lib/data/connectors";

export const metadata: Metadata = { title: "Connectors" };

export default async function ConnectorsPage() {
  await requireRole(CONNECTOR_ADMIN_ROLES);
  const rows = await listConnectorRows();
  const addButton = <ButtonLink href="/admin/connectors/new">Add connector</ButtonLink>;
  return (
    <>
      <PageHeader eyebrow="Admin" title="Connectors" description="Connectors pull accounts, entitlements and grants from your SaaS apps." actions={rows.length > 0 && addButton} />
      <Card>
        {rows.length === 0 ? (
          <EmptyState title="No connectors yet" description="Add a connector to an app, set its owners and credentials, and it starts syncing." action={addButton} />
        ) : (
          <ConnectorsTable
            rows={rows.map((row) => ({
              id: row.id,
              displayName: row.displayName,
              typeName: isConnectorId(row.catalogId) ? getConnector(row.catalogId).name : row.catalogId,
              appName: row.application.name,
              owners: row.owners,
              status: row.status,
              lastSyncAt: row.lastSyncAt,
            }))}
          />
        )}
      </Card>
    </>
  );
}
