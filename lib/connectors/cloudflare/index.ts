// The Cloudflare v2 connector: account members (Accounts) and account roles (Roles), synced
// and provisioned through Cloudflare API v4. Everything it needs arrives in the context.
import { defaultRetryPolicy, type RetryPolicy } from "../http";
import type { Connector, ConnectorContext } from "../types";
import { cloudflareApi } from "./api";
import { checkAccount, readTokenExpiry } from "./check";
import { createPacer, defaultPacingPolicy, pacedFetch, type Pacer, type PacingPolicy } from "./pacing";
import { grantRole, revokeRole } from "./provision";
import { cloudflareSettings, resolveAuth, type CloudflareAuth, type CloudflareConfig } from "./settings";
import { syncAccount } from "./sync";

export type { CloudflareConfig } from "./settings";

export type CloudflareConnectorOptions = {
  retryPolicy?: RetryPolicy;
  /** Per-request timeout; the shared helper retries timeouts with backoff. */
  timeoutMs?: number;
  pacing?: PacingPolicy;
  /** The pacer's clock (tests pass a fake one). */
  now?: () => number;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createCloudflareConnector(options: CloudflareConnectorOptions = {}): Connector<CloudflareConfig> {
  // Cloudflare's limit is per user across all their calls, so one pacer per account is shared
  // by every check, sync and grant this process runs against it.
  const pacers = new Map<string, Pacer>();

  const api = (auth: CloudflareAuth, ctx: ConnectorContext) => {
    let context = ctx;
    if (ctx.pacing !== false) {
      let pacer = pacers.get(auth.accountId);
      if (!pacer) {
        pacer = createPacer(options.pacing ?? defaultPacingPolicy, options.now);
        pacers.set(auth.accountId, pacer);
      }
      context = { ...ctx, fetch: pacedFetch(ctx.fetch, pacer, ctx.sleep ?? defaultSleep) };
    }
    return cloudflareApi(auth, context, { retryPolicy: options.retryPolicy ?? defaultRetryPolicy, timeoutMs: options.timeoutMs });
  };

  return {
    id: "cloudflare",
    name: "Cloudflare v2",
    description:
      "Syncs the members, invitations and roles of your Cloudflare account into Gatekeeper, and grants and revokes members' roles from it.",
    capabilities: [
      { resource: "Accounts", sync: true, provision: true },
      { resource: "Roles", sync: true, provision: true },
    ],
    capabilityNote: "Pending invitations are synced but not provisioned. Provisioning needs an API token with Account Settings: Edit.",
    settings: cloudflareSettings,
    async check(config, ctx) {
      const auth = resolveAuth(config);
      return checkAccount(api(auth, ctx), auth);
    },
    async credentialExpiry(config, ctx) {
      const auth = resolveAuth(config);
      return auth.method === "api-token" ? readTokenExpiry(api(auth, ctx)) : undefined;
    },
    async *sync(config, ctx) {
      const auth = resolveAuth(config);
      yield* syncAccount(api(auth, ctx), ctx);
    },
    async grant(config, request, ctx) {
      const auth = resolveAuth(config);
      return grantRole(api(auth, ctx), request);
    },
    async revoke(config, request, ctx) {
      const auth = resolveAuth(config);
      return revokeRole(api(auth, ctx), request);
    },
  };
}

export const cloudflare: Connector<CloudflareConfig> = createCloudflareConnector();
