// The Okta simulator's public surface: start function, demo credentials, fixture and generator.
export { startOktaSimulator, type OktaExchange, type OktaSimulator, type OktaSimulatorOptions, type OktaSimulatorStats } from "./server";
export { startSpecCheckedOktaSimulator, type SpecCheckedOktaSimulator } from "./spec-checked";
export {
  demoCredentials as oktaDemoCredentials,
  demoOktaOAuthClient,
  OKTA_DEMO_API_TOKEN,
  OKTA_DEMO_CLIENT_ID,
  OKTA_DEMO_KEY_ID,
  type DemoOAuthClient,
  type OktaCredentials,
} from "./auth";
export { DEMO_ORG_URL as OKTA_DEMO_ORG_URL, demoOktaOrg, loadOktaFixture, type OktaOrg } from "./state";
export { generateOktaOrg, type GenerateOktaOrgOptions } from "./generate";
export type { Fault as OktaFault } from "./faults";
