// CSV export of the filtered audit log view. Super Administrators only, checked here.
import { NextResponse } from "next/server";
import { csvResponse, exportDay } from "@/lib/csv";
import { streamAuditEvents } from "@/lib/data/audit-log";
import { withUser } from "@/lib/route";
import { auditFilterSchema } from "@/lib/validation/audit";

export const dynamic = "force-dynamic";

export const GET = withUser(["SUPER_ADMIN"], async (request) => {
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: "Invalid filter.", fieldErrors: parsed.error.flatten().fieldErrors }, { status: 400 });
  return csvResponse({
    filename: `audit-log-${exportDay()}.csv`,
    header: ["id", "time", "actor", "kind", "summary", "connector", "target_type", "target_id", "result", "data"],
    batches: streamAuditEvents({ ...parsed.data, before: undefined }),
    row: (e) => [e.id, e.at, e.actorEmail, e.kind, e.summary, e.connectorId, e.targetType, e.targetId, e.result, e.data],
  });
});
