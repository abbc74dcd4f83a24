import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NewConnectorForm } from "@/components/connectors/new-connector-form";
import { WizardSteps } from "@/components/connectors/wizard-steps";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth";
import { getConnector, isConnectorId } from "@/lib/connectors/registry";
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";
import { listAppsForWizard, listOwnerCandidates } from "@/lib/data/connector-wizard";
import { createConnectorAction } from "../actions";

export const metadata: Metadata = { title: "Add connector" };

export default async function NewConnectorPage({ params }: { params: Promise<{ catalogId: string }> }) {
  const me = await requireRole(CONNECTOR_ADMIN_ROLES);
  const { catalogId } = await params;
  if (!isConnectorId(catalogId)) notFound();
  const catalog = getConnector(catalogId);
  const [apps, users] = await Promise.all([listAppsForWizard(), listOwnerCandidates()]);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/admin/connectors/new" className="hover:underline">Admin › Connectors › Add connector</Link>}
        title={`Add ${catalog.name}`}
        description="Attach the connector to an app and choose who owns it. You enter the credentials on the next page."
      />
      <WizardSteps current={2} />
      <NewConnectorForm catalog={{ id: catalog.id, name: catalog.name }} apps={apps} users={users} currentUserId={me.id} action={createConnectorAction} />
    </>
  );
}
