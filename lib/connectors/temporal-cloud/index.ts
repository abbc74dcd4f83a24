// The Temporal Cloud connector: Accounts, Namespaces and Account roles over the Cloud Ops API
// (HTTP/JSON gateway), modelled on the public Baton connector.
import type { RetryPolicy } from "../http";
import type { Connector, ConnectorContext } from "../types";
import { createAccount, deleteAccount, INVITE_ROLES } from "./accounts";
import { createApi } from "./api";
import { readApiKeyExpiry } from "./credential-expiry";
import { grant, revoke } from "./provision";
import { parseConfig, temporalCloudSettings, type TemporalCloudConfig } from "./settings";
import { syncRecords } from "./sync";
import { RESOURCE_TYPE } from "./vocabulary";

export type { TemporalCloudConfig } from "./settings";
export { DEFAULT_API_VERSION, temporalCloudConfigSchema } from "./settings";

/** Knobs tests and the benchmark turn; production uses the defaults. */
export type TemporalCloudTuning = {
  /** Per-request timeout (default 30 s, the HTTP helper's). */
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
  /** Checks of an async operation before giving up (default 60). */
  maxOperationPolls?: number;
};

export function createTemporalCloudConnector(tuning: TemporalCloudTuning = {}): Connector<TemporalCloudConfig> {
  const api = (config: unknown, ctx: ConnectorContext) => {
    const parsed = parseConfig(config);
    return { config: parsed, api: createApi(parsed, ctx, tuning) };
  };
  return {
    id: "temporal-cloud",
    name: "Temporal Cloud",
    description:
      "Syncs the users, service accounts, namespaces and account roles of your Temporal Cloud account into Gatekeeper, and grants and revokes account roles and namespace permissions from it.",
    capabilities: [
      { resource: "Accounts", sync: true, provision: true },
      { resource: "Namespaces", sync: true, provision: true },
      { resource: "Account roles", sync: true, provision: true },
    ],
    // Temporal Cloud's name for the role is Finance Admin (the seed says Finance Manager): the
    // note uses the name the Entitlements tab shows.
    capabilityNote: "The Account Owner and Finance Admin roles are synced but cannot be provisioned.",
    settings: temporalCloudSettings,
    async check(config, ctx) {
      const { config: parsed, api: client } = api(config, ctx);
      const account = await client.getAccount();
      return { ok: true, summary: `Connected to Temporal Cloud account ${account.id} (API version ${parsed.apiVersion}).` };
    },
    async credentialExpiry(config, ctx) {
      const { config: parsed, api: client } = api(config, ctx);
      return readApiKeyExpiry(client, parsed.apiKeyId || undefined);
    },
    sync(config, ctx) {
      // Parsing the config is deferred to the first pull, like the requests themselves.
      return (async function* () {
        yield* syncRecords(api(config, ctx).api, ctx);
      })();
    },
    grant: async (config, request, ctx) => grant(api(config, ctx).api, ctx, request, tuning),
    revoke: async (config, request, ctx) => revoke(api(config, ctx).api, ctx, request, tuning),
    accounts: {
      resourceTypeId: RESOURCE_TYPE.user,
      roles: INVITE_ROLES,
      defaultRoleSetting: "defaultAccountRole",
      create: async (config, request, ctx) => {
        const { config: parsed, api: client } = api(config, ctx);
        return createAccount(client, ctx, parsed, request, tuning);
      },
      delete: async (config, request, ctx) => deleteAccount(api(config, ctx).api, ctx, request.principalId, tuning),
    },
  };
}

export const temporalCloud: Connector<TemporalCloudConfig> = createTemporalCloudConnector();
