// Reading the audit log: newest first, filtered, keyset-paged by id (ids only grow).
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import type { AuditFilter } from "@/lib/validation/audit";

export const AUDIT_PAGE_SIZE = 50;

function whereOf(filter: AuditFilter): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (filter.actor) and.push({ actorEmail: { contains: filter.actor, mode: "insensitive" } });
  if (filter.connector) and.push({ connectorId: filter.connector });
  if (filter.kind) and.push({ kind: { startsWith: filter.kind } });
  if (filter.from) and.push({ at: { gte: new Date(`${filter.from}T00:00:00Z`) } });
  if (filter.to) and.push({ at: { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000) } });
  return { AND: and };
}

export async function listAuditEvents(filter: AuditFilter, limit = AUDIT_PAGE_SIZE) {
  const where = whereOf(filter);
  const rows = await db.auditEvent.findMany({
    where: filter.before ? { AND: [where, { id: { lt: BigInt(filter.before) } }] } : where,
    orderBy: { id: "desc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    events: page.map((e) => ({ ...e, id: e.id.toString() })),
    nextCursor: rows.length > limit ? page[page.length - 1].id.toString() : null,
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

export async function listAuditKinds() {
  const rows = await db.auditEvent.findMany({ distinct: ["kind"], select: { kind: true }, orderBy: { kind: "asc" } });
  return rows.map((r) => r.kind);
}
