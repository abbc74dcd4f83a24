// Applications: managed ones (with connectors and their synced data) and the unmanaged ones
// discovered in an identity provider. Counts come from the connectors' current runs, so a
// list of apps never counts a million rows.
import type { ConnectorStatus } from "@prisma/client";
import { cache } from "react";
import { db, getPool } from "@/lib/db/client";
import { likePattern } from "./keyset";

export type AppConnector = {
  id: string;
  displayName: string;
  catalogId: string;
  status: ConnectorStatus;
  statusReason: string | null;
  lastSyncAt: Date | null;
  currentSyncRunId: string | null;
  accounts: number;
  entitlements: number;
  grants: number;
};

export type ManagedApp = {
  id: string;
  name: string;
  description: string;
  connectors: AppConnector[];
  accounts: number;
  entitlements: number;
  lastSyncAt: Date | null;
};

export type UnmanagedApp = {
  id: string;
  name: string;
  description: string;
  discoveredFrom: string | null;
  discoveredAccounts: number | null;
  discoveredLabel: string | null;
  logoUrl: string | null;
  discoveredGoneAt: Date | null;
  createdAt: Date;
};

type Row = {
  id: string;
  name: string;
  description: string;
  connector_id: string | null;
  display_name: string | null;
  catalog_id: string | null;
  status: ConnectorStatus | null;
  status_reason: string | null;
  last_sync_at: Date | null;
  current_sync_run_id: string | null;
  accounts_count: number | null;
  entitlements_count: number | null;
  grants_count: number | null;
};

// One statement for apps, their connectors and their current runs' counts: these pages are
// read far more often than they change, and each Prisma relation would be a round trip.
// Timestamps are timestamp(3) holding UTC (Prisma's mapping); AT TIME ZONE makes pg read them so.
const APPS_SQL = `SELECT a.id, a.name, a.description, c.id AS connector_id, c.display_name, c.catalog_id, c.status::text AS status, c.status_reason,
         c.last_sync_at AT TIME ZONE 'UTC' AS last_sync_at, c.current_sync_run_id, r.accounts_count, r.entitlements_count, r.grants_count
    FROM applications a
    LEFT JOIN connectors c ON c.application_id = a.id
    LEFT JOIN sync_runs r ON r.id = c.current_sync_run_id`;

function toManagedApps(rows: Row[]): ManagedApp[] {
  const apps = new Map<string, ManagedApp>();
  for (const row of rows) {
    let app = apps.get(row.id);
    if (!app) {
      app = { id: row.id, name: row.name, description: row.description, connectors: [], accounts: 0, entitlements: 0, lastSyncAt: null };
      apps.set(row.id, app);
    }
    if (!row.connector_id) continue;
    const connector: AppConnector = {
      id: row.connector_id,
      displayName: row.display_name ?? row.connector_id,
      catalogId: row.catalog_id ?? "",
      status: row.status ?? "PENDING_SETUP",
      statusReason: row.status_reason,
      lastSyncAt: row.last_sync_at,
      currentSyncRunId: row.current_sync_run_id,
      accounts: row.accounts_count ?? 0,
      entitlements: row.entitlements_count ?? 0,
      grants: row.grants_count ?? 0,
    };
    app.connectors.push(connector);
    app.accounts += connector.accounts;
    app.entitlements += connector.entitlements;
    if (connector.lastSyncAt && (!app.lastSyncAt || connector.lastSyncAt > app.lastSyncAt)) app.lastSyncAt = connector.lastSyncAt;
  }
  return [...apps.values()];
}

const nameFilter = (q?: string) => (q ? { name: { contains: q, mode: "insensitive" as const } } : {});

/** Apps are tens or hundreds, not millions: one sorted list, capped for safety. */
export async function listManagedApps(q?: string): Promise<ManagedApp[]> {
  const { rows } = await getPool().query<Row>(
    `${APPS_SQL}
      WHERE a.id IN (SELECT id FROM applications WHERE managed AND ($1::text IS NULL OR name ILIKE $1) ORDER BY lower(name), id LIMIT 500)
      ORDER BY lower(a.name), a.id, c.created_at`,
    [q ? likePattern(q) : null],
  );
  return toManagedApps(rows);
}

export async function listUnmanagedApps(q?: string): Promise<UnmanagedApp[]> {
  return db.application.findMany({
    where: { managed: false, ...nameFilter(q) },
    // Apps still in the identity provider first, the most used first.
    orderBy: [{ discoveredGoneAt: { sort: "desc", nulls: "first" } }, { discoveredAccounts: { sort: "desc", nulls: "last" } }, { name: "asc" }],
    take: 500,
    select: { id: true, name: true, description: true, discoveredFrom: true, discoveredAccounts: true, discoveredLabel: true, logoUrl: true, discoveredGoneAt: true, createdAt: true },
  });
}

export async function countApps(): Promise<{ managed: number; unmanaged: number }> {
  const groups = await db.application.groupBy({ by: ["managed"], _count: { _all: true } });
  return {
    managed: groups.find((g) => g.managed)?._count._all ?? 0,
    unmanaged: groups.find((g) => !g.managed)?._count._all ?? 0,
  };
}

/** Cached per request: the page and its metadata ask for the same app. */
export const getManagedApp = cache(async (appId: string): Promise<ManagedApp | null> => {
  const { rows } = await getPool().query<Row>(`${APPS_SQL} WHERE a.id = $1 AND a.managed ORDER BY c.created_at`, [appId]);
  return toManagedApps(rows)[0] ?? null;
});

/** The runs whose rows a reader of this app may see: one per connector with a snapshot. */
export function visibleRuns(app: ManagedApp): string[] {
  return app.connectors.flatMap((c) => (c.currentSyncRunId ? [c.currentSyncRunId] : []));
}
