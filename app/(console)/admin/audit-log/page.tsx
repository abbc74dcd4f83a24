import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, DownloadLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth";
import { listAuditEvents, listAuditKinds } from "@/lib/data/audit-log";
import { auditFilterSchema } from "@/lib/validation/audit";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function toQuery(values: Record<string, string | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  await requireRole(["SUPER_ADMIN"]);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const [{ events, nextCursor }, kinds] = await Promise.all([listAuditEvents(filter), listAuditKinds()]);
  const filters = { actor: filter.actor, connector: filter.connector, kind: filter.kind, from: filter.from, to: filter.to };
  return (
    <>
      <PageHeader
        eyebrow="Admin"
        title="Audit log"
        description="Every change made through the console, newest first. Entries cannot be edited or deleted."
        actions={
          <DownloadLink href={`/api/audit-log/export${toQuery(filters)}`}>Export CSV</DownloadLink>
        }
      />
      {!parsed.success && <Alert tone="error" className="mb-4">Some filters were not valid and were ignored: {parsed.error.issues[0]?.message}</Alert>}
      <AuditFilters values={filters} kinds={kinds} />
      <Card>
        {events.length === 0 ? (
          <EmptyState title="No audit entries match" description="Change or clear the filters to see more." />
        ) : (
          <>
            <AuditTable events={events} />
            <div className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
              <span>{filter.before ? "Older entries" : "Newest entries"}</span>
              <div className="flex gap-2">
                {filter.before && (
                  <ButtonLink href={`/admin/audit-log${toQuery(filters)}`} variant="secondary" size="sm">
                    Back to newest
                  </ButtonLink>
                )}
                {nextCursor && (
                  <ButtonLink href={`/admin/audit-log${toQuery({ ...filters, before: nextCursor })}`} variant="secondary" size="sm">
                    Older
                  </ButtonLink>
                )}
              </div>
            </div>
          </>
        )}
      </Card>
    </>
  );
}
