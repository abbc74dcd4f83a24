// Reading the audit log: newest first, filtered, keyset-paged by id (ids only grow). Plain pg
// with typed SQL (the page is read at a million rows; see lib/db/client.ts).
import { getPool } from "@/lib/db/client";
import type { AuditFilter } from "@/lib/validation/audit";
import { likePattern } from "./keyset";

export const AUDIT_PAGE_SIZE = 50;

export type AuditEventRow = {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  kind: string;
  connectorId: string | null;
  targetType: string | null;
  targetId: string | null;
  summary: string;
  result: string;
  data: unknown;
};

type DbAuditEvent = {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  kind: string;
  connector_id: string | null;
  target_type: string | null;
  target_id: string | null;
  summary: string;
  result: string;
  data: unknown;
};

const DAY_MS = 86_400_000;

/** The filter as SQL conditions on `audit_events` and their parameters. */
function whereOf(filter: AuditFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const and: string[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter.actor) and.push(`actor_email ILIKE ${param(likePattern(filter.actor))}`);
  if (filter.connector) and.push(`connector_id = ${param(filter.connector)}`);
  // startsWith: the pattern's own % and _ taken literally, as likePattern does.
  if (filter.kind) and.push(`kind LIKE ${param(`${filter.kind.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  // `at` is timestamp(3) holding UTC (Prisma's mapping): compared with UTC wall-clock values.
  if (filter.from) and.push(`at >= ${param(`${filter.from} 00:00:00`)}::timestamp`);
  if (filter.to) and.push(`at < ${param(new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS).toISOString().slice(0, 10) + " 00:00:00")}::timestamp`);
  if (filter.before) and.push(`id < ${param(filter.before)}::bigint`);
  return { where: and.length ? and.join(" AND ") : "TRUE", params };
}

export async function listAuditEvents(filter: AuditFilter, limit = AUDIT_PAGE_SIZE): Promise<{ events: AuditEventRow[]; nextCursor: string | null }> {
  const { where, params } = whereOf(filter);
  const { rows } = await getPool().query<DbAuditEvent>(
    `SELECT id::text, at AT TIME ZONE 'UTC' AS at, actor_id, actor_email, kind, connector_id, target_type, target_id, summary, result, data
       FROM audit_events WHERE ${where} ORDER BY audit_events.id DESC LIMIT ${limit + 1}`,
    params,
  );
  const page = rows.slice(0, limit);
  return {
    events: page.map((e) => ({
      id: e.id,
      at: e.at,
      actorId: e.actor_id,
      actorEmail: e.actor_email,
      kind: e.kind,
      connectorId: e.connector_id,
      targetType: e.target_type,
      targetId: e.target_id,
      summary: e.summary,
      result: e.result,
      data: e.data,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}

/** Every matching row, newest first, a batch at a time: for the CSV export. */
export async function* streamAuditEvents(filter: AuditFilter, batch = 1000) {
  let before = filter.before;
  for (;;) {
    const { events, nextCursor } = await listAuditEvents({ ...filter, before }, batch);
    if (events.length) yield events;
    if (!nextCursor) return;
    before = nextCursor;
  }
}

/**
 * The kinds present, in order: one index probe per kind on audit_events_kind_at_idx (a loose
 * index scan), not a DISTINCT over every row.
 */
export async function listAuditKinds(): Promise<string[]> {
  const { rows } = await getPool().query<{ kind: string }>(
    `WITH RECURSIVE kinds AS (
       (SELECT kind FROM audit_events ORDER BY kind LIMIT 1)
       UNION ALL
       SELECT (SELECT e.kind FROM audit_events e WHERE e.kind > kinds.kind ORDER BY e.kind LIMIT 1) FROM kinds WHERE kinds.kind IS NOT NULL
     )
     SELECT kind FROM kinds WHERE kind IS NOT NULL`,
  );
  return rows.map((r) => r.kind);
}
