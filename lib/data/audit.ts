// The audit log is append-only: this module only inserts (a database trigger refuses updates
// and deletes). Never put secret values in `data`: name the fields that changed instead.
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";

export type AuditInput = {
  actor?: { id: string; email: string } | null;
  kind: string;
  summary: string;
  connectorId?: string | null;
  targetType?: string;
  targetId?: string;
  result?: "ok" | "refused" | "failed";
  data?: Prisma.InputJsonValue;
};

export async function recordAudit(input: AuditInput, tx: Prisma.TransactionClient = db) {
  await tx.auditEvent.create({
    data: {
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      kind: input.kind,
      summary: input.summary,
      connectorId: input.connectorId ?? null,
      targetType: input.targetType,
      targetId: input.targetId,
      result: input.result ?? "ok",
      data: input.data,
    },
  });
}
