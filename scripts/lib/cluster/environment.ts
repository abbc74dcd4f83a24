// The environment every process of one console gets (one database, one key, one secret), and
// the simulators' control endpoints as a test reads them (request counts, faults).
import { randomBytes } from "node:crypto";
import type { ClusterSettings } from "./connectors";

export type ClusterUpstreamInfo = { temporalControl: string; cloudflareControl: string; settings: ClusterSettings; env: Record<string, string> };

/** API requests each simulator has answered so far (control requests not counted). */
export async function upstreamRequests(upstreams: ClusterUpstreamInfo): Promise<{ temporal: number; cloudflare: number }> {
  const [temporal, cloudflare] = await Promise.all(
    [upstreams.temporalControl, upstreams.cloudflareControl].map(async (url) => ((await (await fetch(url)).json()) as { stats: { total: number } }).stats.total),
  );
  return { temporal, cloudflare };
}

/** A Temporal Cloud simulator control command (e2e/upstreams/temporal-cloud/control.ts). */
export async function controlTemporal(upstreams: ClusterUpstreamInfo, command: Record<string, unknown>) {
  const response = await fetch(upstreams.temporalControl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(command) });
  if (!response.ok) throw new Error(`Temporal simulator control answered ${response.status}`);
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
