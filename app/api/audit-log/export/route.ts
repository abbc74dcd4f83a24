// CSV export of the filtered audit log view. Super Administrators only, checked here.
import { NextResponse } from "next/server";
import { csvRow } from "@/lib/csv";
import { iterateAuditEvents } from "@/lib/data/audit-log";
import { withUser } from "@/lib/route";
import { auditFilterSchema } from "@/lib/validation/audit";

export const dynamic = "force-dynamic";

export const GET = withUser(["SUPER_ADMIN"], async (request) => {
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return NextResponse.json({ error: "Invalid filter.", fieldErrors: parsed.error.flatten().fieldErrors }, { status: 400 });
  const filter = { ...parsed.data, before: undefined };
  const encoder = new TextEncoder();
  const stream = new ReadableStream({
    async start(controller) {
      controller.enqueue(encoder.encode(csvRow(["id", "time", "actor", "kind", "summary", "connector", "target_type", "target_id", "result", "data"])));
      for await (const e of iterateAuditEvents(filter)) {
        controller.enqueue(encoder.encode(csvRow([e.id, e.at, e.actorEmail, e.kind, e.summary, e.connectorId, e.targetType, e.targetId, e.result, e.data])));
      }
      controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
});
