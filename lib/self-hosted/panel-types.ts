// The self-hosted panel's props: plain, serialisable data. Type-only, so components may import
// it without pulling server code into the browser.
import type { ManifestVariant } from "./manifests";

export type { ManifestFile, ManifestVariant } from "./manifests";

export type SelfHostedPanelData = {
  connectorId: string;
  appName: string;
  /** temporal-cloud, cloudflare, other; null until the settings are saved. */
  provider: string | null;
  providerLabel: string | null;
  provisioning: boolean;
  clientId: string | null;
  rotatedAt: string | null;
  lastSeenAt: string | null;
  runnerVersion: string | null;
  /** Null when the runner cannot run the provider ("other": .c1z uploads only). */
  manifests: ManifestVariant[] | null;
  /** Where the "Upload .c1z" form posts the file. */
  uploadUrl: string;
  /** The console's URL the runner uploads to, for the command-line example. */
  appUrl: string;
};

export type RotateResult = { ok: true; data: { clientId: string; clientSecret: string; rotatedAt: string } } | { ok: false; message: string };
export type RotateCredentials = (input: { connectorId: string }) => Promise<RotateResult>;
