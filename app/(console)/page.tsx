import type { Metadata } from "next";
import { PendingSetups } from "@/components/connectors/pending-setups";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listPendingSetups } from "@/lib/data/connectors";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requireUser();
  const admin = user.role !== "USER";
  const pending = await listPendingSetups(user.id);
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
          <Card>
            <CardHeader title="Connectors" description="Pull access data from Temporal Cloud, Cloudflare and Baton connectors." />
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
