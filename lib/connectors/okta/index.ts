// The Okta connector: users (every lifecycle status), groups with their memberships, apps with
// their user and group assignments, and admin roles when readable; group memberships
// provisioned. Everything it needs arrives in the context; nothing reads the environment.
import { defaultRetryPolicy, type RetryPolicy } from "../http";
import type { Connector, ConnectorContext } from "../types";
import { createAuthorizer, TOKEN_PATH, tokenSchema, type TokenCache } from "./auth";
import { checkOrg } from "./check";
import { DEFAULT_PAGE_SIZES, oktaClient, type PageSizes } from "./client";
import { mapTokenError, networkError } from "./errors";
import { oktaRequest, type OktaHttp } from "./http";
import { grantMembership, revokeMembership } from "./provision";
import { createRateLimiter, defaultRateLimitPolicy, type RateLimiter, type RateLimitPolicy } from "./rate-limit";
import { oktaSettings, resolveAuth, type OktaAuth, type OktaConfig } from "./settings";
import { syncOrg } from "./sync";

export type { OktaConfig } from "./settings";

export type OktaConnectorOptions = {
  retryPolicy?: RetryPolicy;
  timeoutMs?: number;
  pageSizes?: Partial<PageSizes>;
  rateLimits?: Partial<RateLimitPolicy>;
  /** The clock for rate-limit resets, token expiry and client assertions (tests pass a fake one). */
  now?: () => number;
  /** Sync admin roles when the credential can read them (default true). */
  adminRoles?: boolean;
};

export function createOktaConnector(options: OktaConnectorOptions = {}): Connector<OktaConfig> {
  const now = options.now ?? Date.now;
  const rateLimits: RateLimitPolicy = { ...defaultRateLimitPolicy, ...options.rateLimits };
  // Okta's limits are per org and endpoint, whoever calls: one limiter per org is shared by
  // every check, sync and grant this process runs against it. Tokens are cached per client.
  const limiters = new Map<string, RateLimiter>();
  const tokens: TokenCache = new Map();

  const api = (auth: OktaAuth, ctx: ConnectorContext) => {
    // The app points ctx.baseUrl at a simulator or proxy (OKTA_API_URL); otherwise the domain is the API.
    const baseUrl = (ctx.baseUrl.trim() || auth.domain).replace(/\/+$/, "");
    let limiter = limiters.get(baseUrl);
    if (!limiter) limiters.set(baseUrl, (limiter = createRateLimiter(rateLimits, now)));
    const http: OktaHttp = { retryPolicy: options.retryPolicy ?? defaultRetryPolicy, timeoutMs: options.timeoutMs, limiter, rateLimits };
    const authorizer = createAuthorizer(auth, {
      baseUrl,
      cache: tokens,
      now,
      requestToken: (form, scopes) =>
        oktaRequest(ctx, http, {
          method: "POST",
          url: `${baseUrl}${TOKEN_PATH}`,
          bucket: `POST ${TOKEN_PATH}`,
          headers: {},
          form,
          schema: tokenSchema,
          onError: (failure) => mapTokenError(failure, auth, scopes),
          onNetworkError: (message, retryable) => networkError(auth.domain, message, retryable),
        }),
    });
    return oktaClient({ ctx, http, auth, authorizer, baseUrl, pageSizes: { ...DEFAULT_PAGE_SIZES, ...options.pageSizes } });
  };

  return {
    id: "okta",
    name: "Okta",
    // Its users are the People directory and its apps the unmanaged apps (lib/sync/identity.ts).
    kind: "identity-provider",
    description:
      "Your identity provider. Okta's users (in every lifecycle status) become Gatekeeper's People and its apps the unmanaged apps; every other app's accounts are matched to them, so orphaned access shows. Group memberships can be granted and revoked.",
    capabilities: [
      { resource: "Accounts", sync: true, provision: false },
      { resource: "Groups", sync: true, provision: true },
      { resource: "Apps", sync: true, provision: false },
      { resource: "Roles", sync: true, provision: false },
    ],
    capabilityNote:
      "Only Okta-mastered groups (OKTA_GROUP) are provisioned; imported and built-in groups, app assignments and admin roles are sync only. Admin roles are synced when the credential can read them.",
    settings: oktaSettings,
    async check(config, ctx) {
      const auth = resolveAuth(config);
      return checkOrg(api(auth, ctx), auth);
    },
    async *sync(config, ctx) {
      const auth = resolveAuth(config);
      yield* syncOrg(api(auth, ctx), ctx, { adminRoles: options.adminRoles ?? true });
    },
    async grant(config, request, ctx) {
      const auth = resolveAuth(config);
      return grantMembership(api(auth, ctx), auth, request);
    },
    async revoke(config, request, ctx) {
      const auth = resolveAuth(config);
      return revokeMembership(api(auth, ctx), auth, request);
    },
  };
}

export const okta: Connector<OktaConfig> = createOktaConnector();
