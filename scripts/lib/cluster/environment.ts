// The surroundings of a multi-process run: the upstream simulators its connectors sync from,
// and the environment every process of the console gets (one database, one key, one secret).
import { randomBytes } from "node:crypto";
import { CLOUDFLARE_DEMO_ACCOUNT_ID, startCloudflareSimulator, startTemporalCloudSimulator, type CloudflareSimulator, type TemporalCloudSimulator } from "@/e2e/upstreams";
import type { ClusterSettings } from "./connectors";

export type ClusterUpstreams = { temporal: TemporalCloudSimulator; cloudflare: CloudflareSimulator; settings: ClusterSettings; env: Record<string, string>; close(): Promise<void> };

export async function startClusterUpstreams(): Promise<ClusterUpstreams> {
  const tag = randomBytes(8).toString("hex");
  const temporalKey = `tc-cluster-${tag}`;
  const cloudflareToken = `cf-cluster-${tag}`;
  const temporal = await startTemporalCloudSimulator({ host: "127.0.0.1", apiKeys: [temporalKey] });
  const cloudflare = await startCloudflareSimulator({ host: "127.0.0.1", credentials: { apiToken: cloudflareToken } });
  return {
    temporal,
    cloudflare,
    settings: { "temporal-cloud": { apiKey: temporalKey }, cloudflare: { authMethod: "api-token", accountId: CLOUDFLARE_DEMO_ACCOUNT_ID, apiToken: cloudflareToken } },
    env: { TEMPORAL_CLOUD_API_URL: temporal.url, CLOUDFLARE_API_URL: cloudflare.url, CLOUDFLARE_PACING: "false" },
    close: async () => {
      await Promise.allSettled([temporal.close(), cloudflare.close()]);
    },
  };
}

/** What the caller's own run set (its database, mail, clock, identity provider) must not leak into the cluster. */
const NOT_INHERITED = /^(DATABASE_URL|ENCRYPTION_KEY|NEXTAUTH_|APP_URL|SMTP_URL|MAIL_FROM|PORT|RUN_WORKER|OKTA_API_URL|OIDC_|GATEKEEPER_TEST_CLOCK_FILE|E2E_|TEMPORAL_CLOUD_API_URL|CLOUDFLARE_)/;

export function clusterEnv(settings: { databaseUrl: string; dataDir: string; upstreams: Record<string, string>; encryptionKey?: string; nextAuthSecret?: string }): NodeJS.ProcessEnv & { ENCRYPTION_KEY: string } {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !NOT_INHERITED.test(name)));
  return {
    ...inherited,
    ...settings.upstreams,
    NODE_ENV: "production",
    DATABASE_URL: settings.databaseUrl,
    // Every process of one console has the same key and session secret (README, "Running on more than one machine").
    ENCRYPTION_KEY: settings.encryptionKey ?? randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: settings.nextAuthSecret ?? randomBytes(32).toString("base64"),
    DATA_DIR: settings.dataDir,
    LOG_LEVEL: "warn",
  };
}
