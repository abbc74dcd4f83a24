import type { Metadata } from "next";
import Link from "next/link";
import { ConnectorManageCard } from "@/components/connectors/connector-manage-card";
import { ConnectorStatusCard, LiveStatusBadge } from "@/components/connectors/connector-status-card";
import { CredentialExpiryNote } from "@/components/connectors/credential-expiry-note";
import { OwnersCard } from "@/components/connectors/owners-card";
import { SettingsCard } from "@/components/connectors/settings-card";
import { SelfHostedPanel } from "@/components/self-hosted/self-hosted-panel";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { isIdentityProvider } from "@/lib/connectors/identity";
import { getConnector, isConnectorId } from "@/lib/connectors/registry";
import { getConnectorStatus } from "@/lib/data/connector-runs";
import { listOwnerCandidates } from "@/lib/data/connector-wizard";
import { loadSelfHostedPanel } from "@/lib/self-hosted/panel";
import type { SettingsFormSpec } from "@/lib/validation/connectors";
import { requireConnectorAccess } from "./access";
import {
  deleteConnectorAction,
  renameConnectorAction,
  setConnectorDisabledAction,
  setFailureAlertThresholdAction,
  setMatchAttributeAction,
  setProvisioningAction,
  setSyncIntervalAction,
  syncNowAction,
} from "./actions";
import { rotateCredentialsAction } from "./self-hosted-actions";
import { saveSettingsAction, setConnectorOwnersAction } from "./settings-actions";

export const metadata: Metadata = { title: "Connector" };

export default async function ConnectorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { user, admin, connector } = await requireConnectorAccess(id);
  const adapter = isConnectorId(connector.catalogId) ? getConnector(connector.catalogId) : null;
  // A self-hosted (Baton) connector has no hosted sync: its runner uploads, so no "Sync now".
  const [status, candidates, selfHosted] = await Promise.all([getConnectorStatus(id), listOwnerCandidates(), loadSelfHostedPanel(id)]);
  // Only the serialisable metadata goes to the browser: never the zod schema, never a value.
  const spec: SettingsFormSpec | null = adapter
    ? {
        fields: adapter.settings.fields,
        alternativeField: adapter.settings.alternativeField,
        alternatives: adapter.settings.alternatives,
        // Where the upstream cannot tell the expiry, the admin may enter it.
        ...(adapter.credentialExpiry ? {} : { credentialExpiry: { storedOn: connector.credentialExpiresAt?.toISOString().slice(0, 10) ?? "" } }),
      }
    : null;
  const initialStatus = status ?? { status: connector.status, statusReason: connector.statusReason, lastSyncAt: null, run: null };
  const pending = connector.status === "PENDING_SETUP" && !connector.settings;
  return (
    <>
      <PageHeader
        eyebrow={admin ? <Link href="/admin/connectors" className="hover:underline">Admin › Connectors</Link> : "Connector"}
        title={
          <span className="inline-flex items-center gap-3">
            {connector.displayName}
            <LiveStatusBadge connectorId={id} initial={initialStatus} />
          </span>
        }
        description={`${adapter?.name ?? connector.catalogId} connector for the ${connector.application.name} app.`}
        actions={
          <ButtonLink href={`/admin/connectors/${id}/logs`} variant="secondary">
            View logs
          </ButtonLink>
        }
      />
      {pending && (
        <Alert tone="info" title="Finish the set-up" className="mb-6">
          Find the Settings area and click Edit, enter the credentials, then click Save. The connector starts syncing once the credentials check out.
        </Alert>
      )}
      <CredentialExpiryNote expiresAt={connector.credentialExpiresAt} source={connector.credentialExpirySource} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <ConnectorStatusCard connectorId={id} initial={initialStatus} syncNow={admin && !selfHosted ? syncNowAction : undefined} selfHosted={Boolean(selfHosted)} />
          {spec ? (
            <SettingsCard connectorId={id} spec={spec} stored={connector.settings} canEdit save={saveSettingsAction} />
          ) : (
            <Alert tone="warning">This connector type ({connector.catalogId}) is not in this build&apos;s catalog, so its settings cannot be edited.</Alert>
          )}
          {selfHosted && <SelfHostedPanel data={selfHosted} rotate={rotateCredentialsAction} />}
        </div>
        <div className="space-y-6">
          <OwnersCard connectorId={id} owners={connector.owners} candidates={candidates} currentUserId={user.id} setOwners={setConnectorOwnersAction} />
          {admin && (
            <ConnectorManageCard
              connector={{ id, displayName: connector.displayName, appName: connector.application.name, syncIntervalMinutes: connector.syncIntervalMinutes, failureAlertThreshold: connector.failureAlertThreshold, provisioningEnabled: connector.provisioningEnabled, disabled: connector.disabled, matchAttribute: connector.matchAttribute, identityProvider: Boolean(isIdentityProvider(connector.catalogId, connector.batonProvider)) }}
              actions={{ rename: renameConnectorAction, setSyncInterval: setSyncIntervalAction, setFailureAlertThreshold: setFailureAlertThresholdAction, setProvisioning: setProvisioningAction, setDisabled: setConnectorDisabledAction, deleteConnector: deleteConnectorAction, setMatchAttribute: setMatchAttributeAction }}
            />
          )}
        </div>
      </div>
    </>
  );
}
