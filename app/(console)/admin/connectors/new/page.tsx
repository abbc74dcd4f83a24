import type { Metadata } from "next";
import Link from "next/link";
import { ConnectorCatalog } from "@/components/connectors/connector-catalog";
import { WizardSteps } from "@/components/connectors/wizard-steps";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth";
import { listConnectors } from "@/lib/connectors/registry";
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";

export const metadata: Metadata = { title: "Add connector" };

export default async function CatalogPage() {
  await requireRole(CONNECTOR_ADMIN_ROLES);
  // Only plain data crosses to the browser: no schemas, no functions.
  const entries = listConnectors().map((c) => ({ id: c.id, name: c.name, description: c.description, capabilities: c.capabilities, capabilityNote: c.capabilityNote }));
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/admin/connectors" className="hover:underline">Admin › Connectors</Link>}
        title="Add connector"
        description="Choose the connector to add. You attach it to an app and set its owners next; credentials come after."
      />
      <WizardSteps current={1} />
      <ConnectorCatalog entries={entries} />
    </>
  );
}
