"use client";
// The connector's live status: polled every second while a sync is queued or running, every
// 15 s otherwise. The header badge and the sync card share the one query (same key).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConnectorStatusPayload } from "@/lib/validation/connectors";

export const connectorStatusKey = (id: string) => ["connector-status", id] as const;

export function isSyncActive(data: ConnectorStatusPayload | undefined) {
  return data?.status === "SYNCING" || data?.run?.status === "QUEUED" || data?.run?.status === "RUNNING";
}

async function fetchStatus(id: string): Promise<ConnectorStatusPayload> {
  const response = await fetch(`/api/connectors/${encodeURIComponent(id)}/status`, { cache: "no-store", headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(response.status === 401 ? "Your session has ended. Sign in again." : `The status could not be loaded (HTTP ${response.status}).`);
  // The schema (and zod with it) loads with the first poll, not with the page.
  const { connectorStatusPayloadSchema } = await import("@/lib/validation/connectors");
  return connectorStatusPayloadSchema.parse(await response.json());
}

export function useConnectorStatus(id: string, initial: ConnectorStatusPayload) {
  return useQuery({
    queryKey: connectorStatusKey(id),
    queryFn: () => fetchStatus(id),
    initialData: initial,
    // The server rendered `initial` just now: do not refetch it on mount unless a sync runs.
    initialDataUpdatedAt: () => Date.now(),
    refetchInterval: (query) => (isSyncActive(query.state.data) ? 1000 : 15_000),
  });
}

/** After a save or "Sync now", poll at once instead of waiting for the slow interval. */
export function useRefreshConnectorStatus(id: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: connectorStatusKey(id) });
}
