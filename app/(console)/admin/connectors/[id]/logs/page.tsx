import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/connectors/auto-refresh";
import { SyncLog } from "@/components/connectors/sync-log";
import { SyncRunsTable } from "@/components/connectors/sync-runs-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listSyncLogs, listSyncRuns } from "@/lib/data/connector-runs";
import { requireConnectorAccess } from "../access";

export const metadata: Metadata = { title: "Connector logs" };

export default async function ConnectorLogsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ run?: string }> }) {
  const { id } = await params;
  const { connector } = await requireConnectorAccess(id);
  const runs = await listSyncRuns(id);
  const { run: requested } = await searchParams;
  const selected = runs.find((r) => r.id === requested) ?? runs[0];
  const lines = selected ? await listSyncLogs(id, selected.id) : [];
  const active = runs.some((r) => r.status === "QUEUED" || r.status === "RUNNING");
  return (
    <>
      <AutoRefresh active={active} />
      <PageHeader
        eyebrow={<Link href={`/admin/connectors/${id}`} className="hover:underline">{connector.displayName}</Link>}
        title="Logs"
        description="Every sync run of this connector, with its counts and log lines."
        actions={<ButtonLink href={`/admin/connectors/${id}`} variant="secondary">Back to connector</ButtonLink>}
      />
      {runs.length === 0 ? (
        <Card>
          <EmptyState title="No syncs yet" description="The first sync starts when the settings are saved." />
        </Card>
      ) : (
        <div className="space-y-6">
          <Card>
            <CardHeader title="Runs" description={`The last ${runs.length} run${runs.length === 1 ? "" : "s"}, newest first.`} />
            <SyncRunsTable runs={runs} selectedId={selected?.id} hrefFor={(runId) => `/admin/connectors/${id}/logs?run=${runId}`} />
          </Card>
          {selected && (
            <Card>
              <CardHeader title="Log" description={`Run started ${(selected.startedAt ?? selected.queuedAt).toISOString().replace("T", " ").slice(0, 19)} UTC`} />
              <SyncLog lines={lines} />
            </Card>
          )}
        </div>
      )}
    </>
  );
}
