import type { Metadata } from "next";
import { PendingSetups } from "@/components/connectors/pending-setups";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { countOrphanedAccess } from "@/lib/data/access-gaps";
import { listPendingSetups } from "@/lib/data/connectors";
import { countPeople } from "@/lib/data/people";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const admin = user.role !== "USER";
  const [pending, people, orphaned] = await Promise.all([listPendingSetups(user.id), admin ? countPeople() : 0, admin ? countOrphanedAccess() : 0]);
  return (
    <>
      <PageHeader title={`Welcome, ${user.name.split(" ")[0]}`} description="Connect your SaaS apps, then review who has access to what." />
      <PendingSetups items={pending.map((c) => ({ id: c.id, displayName: c.displayName, appName: c.application.name, assignedBy: c.createdBy?.name ?? null, createdAt: c.createdAt }))} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader title="Applications" description="Managed apps, their accounts and entitlements." />
          <CardBody>
            <ButtonLink href="/applications" variant="secondary">
              Open Applications
            </ButtonLink>
          </CardBody>
        </Card>
        {admin && (
          <Card data-testid="orphaned-access-card">
            <CardHeader
              title="Orphaned access"
              description={
                people === 0
                  ? "Connect your identity provider (Okta) to see who still has access after leaving."
                  : orphaned === 0
                    ? "No suspended or deactivated person has an active account in any app."
                    : `${orphaned.toLocaleString("en-US")} active ${orphaned === 1 ? "account belongs" : "accounts belong"} to people who are suspended or deactivated in the identity provider.`
              }
            />
            <CardBody className="flex items-center gap-4">
              <p className={`text-3xl font-semibold tabular-nums ${orphaned > 0 ? "text-amber-700" : "text-slate-900"}`} aria-label={`${orphaned} orphaned accounts`}>
                {orphaned.toLocaleString("en-US")}
              </p>
              <ButtonLink href={people === 0 ? "/admin/connectors/new" : "/admin/people?tab=orphaned"} variant="secondary">
                {people === 0 ? "Add connector" : "Review orphaned access"}
              </ButtonLink>
            </CardBody>
          </Card>
        )}
        {admin && (
          <Card>
            <CardHeader title="Connectors" description="Pull access data from Temporal Cloud, Cloudflare, Okta and Baton connectors." />
            <CardBody>
              <ButtonLink href="/admin/connectors" variant="secondary">
                Open Connectors
              </ButtonLink>
            </CardBody>
          </Card>
        )}
      </div>
    </>
  );
}
