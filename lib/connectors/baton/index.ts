// The Baton connector: a connector that runs in the customer's environment (the Gatekeeper
// runner, or any Baton connector writing .c1z files) and uploads its syncs through the ingest
// API. Nothing about it runs hosted: check only validates the provider choice, and a hosted
// sync or provisioning call is refused with a message that says where the work happens.
import { ConnectorError, type Connector } from "../types";
import { BATON_PROVIDER_LABELS, batonSettings, parseBatonConfig, type BatonConfig } from "./settings";

export { BATON_PROVIDER_LABELS, BATON_PROVIDERS, batonConfigSchema, type BatonConfig, type BatonProvider } from "./settings";

export const HOSTED_SYNC_REFUSED =
  "Baton connectors run in your environment, not here: the runner uploads each sync through the ingest API, or upload a .c1z file on the connector page.";

const PROVISIONING_REFUSED = "Provisioning through a self-hosted Baton connector happens in your environment, not from this console.";

export const baton: Connector<BatonConfig> = {
  id: "baton",
  name: "Baton",
  description:
    "A self-hosted connector: run Temporal Cloud or Cloudflare v2 in your own Kubernetes cluster with client credentials from this console, or upload the .c1z file of any Baton connector.",
  capabilities: [
    { resource: "Accounts", sync: true, provision: false },
    { resource: "Resources", sync: true, provision: false },
    { resource: "Entitlements", sync: true, provision: false },
  ],
  capabilityNote: "Syncs arrive from the runner on its interval, or as uploaded .c1z files. Provisioning stays with the connector in your environment.",
  settings: batonSettings,
  async check(config) {
    const { provider } = parseBatonConfig(config);
    return { ok: true, summary: `Self-hosted ${BATON_PROVIDER_LABELS[provider]}: the runner checks its credentials where it runs.` };
  },
  // A generator, so the refusal surfaces on the first pull, where a real sync's errors do.
  async *sync(config) {
    parseBatonConfig(config);
    throw new ConnectorError("refused", HOSTED_SYNC_REFUSED);
  },
  async grant() {
    throw new ConnectorError("refused", PROVISIONING_REFUSED);
  },
  async revoke() {
    throw new ConnectorError("refused", PROVISIONING_REFUSED);
  },
};
