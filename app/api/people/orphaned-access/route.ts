// Orphaned access as CSV: one row per grant (an account without grants gets one row), streamed
// in batches so a large export never sits in memory. Cells are neutralised against formulas.
import { csvRow } from "@/lib/csv";
import { streamOrphanedGrants } from "@/lib/data/access-gaps";
import { withUser } from "@/lib/route";
import { PEOPLE_ROLES } from "@/lib/validation/people";

export const dynamic = "force-dynamic";

export const GET = withUser(PEOPLE_ROLES, async () => {
  const encoder = new TextEncoder();
  const batches = streamOrphanedGrants();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(["person", "person_email", "person_status", "app", "account", "account_email", "entitlement"])));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((r) => csvRow([r.person, r.personEmail, r.personStatus, r.app, r.account, r.accountEmail, r.entitlement])).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="orphaned-access-${day}.csv"`, "cache-control": "no-store" },
  });
});
