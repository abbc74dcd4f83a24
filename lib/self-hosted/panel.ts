// Everything the connector page needs to render the self-hosted panel, in one call.
import { BATON_PROVIDER_LABELS, BATON_PROVIDERS, type BatonProvider } from "@/lib/connectors/baton";
import { getSelfHostedConnector } from "@/lib/data/self-hosted";
import { getAppUrl } from "@/lib/env";
import { generateManifestVariants } from "./manifests";
import type { SelfHostedPanelData } from "./panel-types";
import { isRunnerProvider } from "./providers";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function isBatonProvider(value: unknown): value is BatonProvider {
  return typeof value === "string" && (BATON_PROVIDERS as readonly string[]).includes(value);
}

/** Null when the connector does not exist or is not a Baton connector. */
export async function loadSelfHostedPanel(connectorId: string): Promise<SelfHostedPanelData | null> {
  const connector = await getSelfHostedConnector(connectorId);
  if (!connector || connector.catalogId !== "baton") return null;
  const provider = isBatonProvider(connector.provider) ? connector.provider : null;
  const appUrl = getAppUrl();
  return {
    connectorId,
    appName: connector.application.name,
    provider,
    providerLabel: provider ? BATON_PROVIDER_LABELS[provider] : null,
    provisioning: connector.provisioningEnabled,
    clientId: connector.clientId,
    rotatedAt: iso(connector.clientRotatedAt),
    lastSeenAt: iso(connector.lastSeenAt),
    runnerVersion: connector.runnerVersion,
    manifests: isRunnerProvider(provider)
      ? generateManifestVariants({ provider, appName: connector.application.name, clientId: connector.clientId, provisioning: connector.provisioningEnabled, appUrl })
      : null,
    uploadUrl: `/api/connectors-self-hosted/${encodeURIComponent(connectorId)}/c1z`,
    appUrl,
  };
}
