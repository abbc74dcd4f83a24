// The upstream simulators, for tests and the demo: one import for every start function and
// the demo credentials each accepts.
export {
  startCloudflareSimulator,
  type CloudflareExchange,
  type CloudflareSimulator,
  type CloudflareSimulatorOptions,
  type CloudflareSimulatorStats,
} from "./cloudflare/server";
export {
  DEMO_ACCOUNT_ID as CLOUDFLARE_DEMO_ACCOUNT_ID,
  DEMO_CREDENTIALS as CLOUDFLARE_DEMO_CREDENTIALS,
  generateCloudflareAccount,
  loadCloudflareFixture,
  type CloudflareFixture,
} from "./cloudflare/state";
export type { Fault as CloudflareFault } from "./cloudflare/faults";
export {
  DEMO_API_KEY as TEMPORAL_CLOUD_DEMO_API_KEY,
  startTemporalCloudSimulator,
  type TemporalCloudSimulator,
} from "./temporal-cloud/server";
export {
  demoOktaOAuthClient,
  generateOktaOrg,
  OKTA_DEMO_API_TOKEN,
  OKTA_DEMO_CLIENT_ID,
  OKTA_DEMO_KEY_ID,
  OKTA_DEMO_ORG_URL,
  startOktaSimulator,
  type GenerateOktaOrgOptions,
  type OktaFault,
  type OktaOrg,
  type OktaSimulator,
  type OktaSimulatorOptions,
} from "./okta";
