import type { Metadata } from "next";
import { describeAttention } from "@/components/connectors/format";
import { ConnectorsTable } from "@/components/connectors/connectors-table";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { LinkTabs } from "@/components/ui/tabs";
import { requireRole } from "@/lib/auth";
import { getConnector, isConnectorId } from "@/lib/connectors/registry";
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";
import { connectorStateLabels, connectorStateSchema, connectorStates, listConnectorStandings, type ConnectorStanding } from "@/lib/data/connector-states";
import { listConnectorRows } from "@/lib/data/connectors";

export const metadata: Metadata = { title: "Connectors" };

const attention = (s: ConnectorStanding, now: Date) => describeAttention(s, now)?.words ?? null;

export default async function ConnectorsPage({ searchParams }: { searchParams: Promise<{ state?: string }> }) {
  await requireRole(CONNECTOR_ADMIN_ROLES);
  // An unknown state in the URL shows every connector rather than an error.
  const parsed = connectorStateSchema.safeParse((await searchParams).state);
  const state = parsed.success ? parsed.data : undefined;
  const [rows, standings] = await Promise.all([listConnectorRows(), listConnectorStandings()]);
  const now = new Date();
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Failing first, the longest failing first (the standings' order), then by name.
  const shown = standings.filter((s) => !state || s.state === state).flatMap((s) => {
    const row = byId.get(s.id);
    return row ? [{ row, standing: s }] : [];
  });
  const addButton = <ButtonLink href="/admin/connectors/new">Add connector</ButtonLink>;
  const count = (id: string) => standings.filter((s) => s.state === id).length;
  return (
    <>
      <PageHeader eyebrow="Admin" title="Connectors" description="Connectors pull accounts, entitlements and grants from your SaaS apps." actions={rows.length > 0 && addButton} />
      {rows.length > 0 && (
        <LinkTabs
          label="Connector states"
          active={state ?? "all"}
          tabs={[
            { id: "all", label: "All", href: "/admin/connectors", count: standings.length },
            ...connectorStates.filter((id) => count(id) > 0 || id === state).map((id) => ({ id, label: connectorStateLabels[id], href: `/admin/connectors?state=${id}`, count: count(id) })),
          ]}
        />
      )}
      <Card>
        {rows.length === 0 ? (
          <EmptyState title="No connectors yet" description="Add a connector to an app, set its owners and credentials, and it starts syncing." action={addButton} />
        ) : shown.length === 0 ? (
          <EmptyState title={`No connector is ${connectorStateLabels[state ?? "connected"].toLowerCase()}`} description="Show all connectors to see the others." action={<ButtonLink href="/admin/connectors" variant="secondary">Show all</ButtonLink>} />
        ) : (
          <ConnectorsTable
            rows={shown.map(({ row, standing }) => ({
              id: row.id,
              displayName: row.displayName,
              typeName: isConnectorId(row.catalogId) ? getConnector(row.catalogId).name : row.catalogId,
              appName: row.application.name,
              owners: row.owners,
              status: row.status,
              lastSyncAt: row.lastSyncAt,
              attention: attention(standing, now),
            }))}
          />
        )}
      </Card>
    </>
  );
}
