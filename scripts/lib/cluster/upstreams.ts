// The upstream simulators a multi-process run's connectors sync from, with credentials made
// for the run. In-process for the benchmark; in a child process (./upstreams-child.ts) for the
// Playwright spec, which cannot load the simulators' JSON fixtures itself.
import { randomBytes } from "node:crypto";
import { CLOUDFLARE_DEMO_ACCOUNT_ID, generateCloudflareAccount, startCloudflareSimulator, startTemporalCloudSimulator } from "@/e2e/upstreams";
import { generateTemporalOrg } from "@/e2e/upstreams/temporal-cloud/server";
import type { ClusterUpstreamInfo } from "./environment";

/** Sizes of the simulated organisations; the simulators' own fixtures (a handful of users) when absent. */
export type ClusterUpstreamSizes = { temporalUsers?: number; cloudflareMembers?: number };

export async function startClusterUpstreams(sizes: ClusterUpstreamSizes = {}): Promise<ClusterUpstreamInfo & { close(): Promise<void> }> {
  const tag = randomBytes(8).toString("hex");
  const temporalKey = `tc-cluster-${tag}`;
  const cloudflareToken = `cf-cluster-${tag}`;
  const users = sizes.temporalUsers;
  const org = users ? generateTemporalOrg({ users, namespaces: Math.max(5, Math.ceil(users / 100)), grants: users * 3 }) : undefined;
  const members = sizes.cloudflareMembers;
  const fixture = members ? generateCloudflareAccount({ members, roles: 20, accountId: CLOUDFLARE_DEMO_ACCOUNT_ID }) : undefined;
  const temporal = await startTemporalCloudSimulator({ host: "127.0.0.1", apiKeys: [temporalKey], org });
  const cloudflare = await startCloudflareSimulator({ host: "127.0.0.1", credentials: { apiToken: cloudflareToken }, fixture });
  return {
    temporalControl: `${temporal.url}/__control`,
    cloudflareControl: `${cloudflare.origin}/__control`,
    settings: { "temporal-cloud": { apiKey: temporalKey }, cloudflare: { authMethod: "api-token", accountId: CLOUDFLARE_DEMO_ACCOUNT_ID, apiToken: cloudflareToken } },
    env: { TEMPORAL_CLOUD_API_URL: temporal.url, CLOUDFLARE_API_URL: cloudflare.url, CLOUDFLARE_PACING: "false" },
    close: async () => {
      await Promise.allSettled([temporal.close(), cloudflare.close()]);
    },
  };
}
