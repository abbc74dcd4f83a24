"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import type { ActionResultLike } from "@/components/forms/use-action-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ConnectorStatusPayload } from "@/lib/validation/connectors";
import { formatDateTime } from "./format";
import { ConnectorStatusBadge } from "./status-badge";
import { RunCounts, SyncProgress } from "./sync-progress";
import { isSyncActive, useConnectorStatus, useRefreshConnectorStatus } from "./use-connector-status";

/** The header's badge: Pending setup → Syncing → Connected, live, without a reload. */
export function LiveStatusBadge({ connectorId, initial }: { connectorId: string; initial: ConnectorStatusPayload }) {
  const { data } = useConnectorStatus(connectorId, initial);
  return (
    <span data-testid="connector-status" data-status={data.status} aria-live="polite">
      <ConnectorStatusBadge status={data.status} />
    </span>
  );
}

type SyncNow = (input: { connectorId: string }) => Promise<ActionResultLike<unknown>>;

export function ConnectorStatusCard({
  connectorId,
  initial,
  syncNow,
  selfHosted = false,
}: {
  connectorId: string;
  initial: ConnectorStatusPayload;
  syncNow?: SyncNow;
  /** Baton connectors sync in the customer's environment: the first data comes from the runner or an upload. */
  selfHosted?: boolean;
}) {
  const router = useRouter();
  const { data, error } = useConnectorStatus(connectorId, initial);
  const refresh = useRefreshConnectorStatus(connectorId);
  const [actionError, setActionError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const seen = useRef(data.status);
  useEffect(() => {
    // The server-rendered parts (last sync, settings) follow a status change.
    if (seen.current === data.status) return;
    seen.current = data.status;
    router.refresh();
  }, [data.status, router]);

  const run = data.run;
  const active = isSyncActive(data);
  const onSyncNow = () =>
    startTransition(async () => {
      setActionError(null);
      const result = await syncNow?.({ connectorId });
      if (result && !result.ok) setActionError(result.message);
      await refresh();
    });

  return (
    <Card>
      <CardHeader
        title="Sync"
        description={data.lastSyncAt ? `Last sync ${formatDateTime(data.lastSyncAt)}` : "Not synced yet"}
        actions={
          syncNow && data.status !== "PENDING_SETUP" && data.status !== "DISABLED" ? (
            <Button variant="secondary" size="sm" onClick={onSyncNow} loading={pending} disabled={active}>
              Sync now
            </Button>
          ) : undefined
        }
      />
      <CardBody className="space-y-4">
        {error && <Alert tone="warning">Live status paused: {error.message}</Alert>}
        {actionError && <Alert tone="error">{actionError}</Alert>}
        {data.status === "PENDING_SETUP" && !run && (
          <p className="text-sm text-slate-600">
            {selfHosted
              ? "Waiting for the first upload. Click Rotate under Client credentials, deploy the runner with the manifests below, or upload a .c1z file."
              : "Waiting for settings. In the Settings area, click Edit, enter the credentials and click Save; the first sync starts right after."}
          </p>
        )}
        {data.status === "DISABLED" && <p className="text-sm text-slate-600">This connector is disabled: it does not sync.</p>}
        {run && active && (run.status === "QUEUED" || run.status === "RUNNING") && <SyncProgress run={run} />}
        {run && active && run.status !== "QUEUED" && run.status !== "RUNNING" && <p className="text-sm text-slate-600">Starting a sync…</p>}
        {run && !active && (
          <div className="space-y-3">
            {run.status === "FAILED" && <Alert tone="error" title="The last sync failed">{run.errorMessage ?? data.statusReason ?? "No reason was recorded."}</Alert>}
            {run.status === "CANCELLED" && <Alert tone="warning">The last sync was cancelled. The previous data stays visible.</Alert>}
            <RunCounts run={run} />
          </div>
        )}
        {data.status === "ERROR" && !run && data.statusReason && <Alert tone="error">{data.statusReason}</Alert>}
      </CardBody>
    </Card>
  );
}
