"use client";
// Client-side providers of the connector pages. TanStack Query is for what changes while a
// page is open (sync progress, connector status); reads still happen in server components.
// Mounted by app/(console)/admin/connectors/[id]/layout.tsx, not the console layout, so other
// pages' first-load JS does not carry it.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created on first render (not at module load, which would
  // share it between requests during server rendering).
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { retry: 2, refetchOnWindowFocus: true, staleTime: 0 } },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
