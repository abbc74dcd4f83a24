// `npx tsx scripts/upstreams.ts`: both upstream simulators on fixed loopback ports for demos
// and manual runs, with the URLs and demo credentials to use; stops on Ctrl-C or SIGTERM.
// Ports come from TEMPORAL_SIM_PORT / CLOUDFLARE_SIM_PORT: a dev tool's own knobs, not the
// app's environment (lib/env.ts), so they are parsed here.
import { z } from "zod";
import {
  CLOUDFLARE_DEMO_ACCOUNT_ID,
  CLOUDFLARE_DEMO_CREDENTIALS,
  startCloudflareSimulator,
  startTemporalCloudSimulator,
  TEMPORAL_CLOUD_DEMO_API_KEY,
} from "@/e2e/upstreams";

const port = (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback);
const ports = z.object({ TEMPORAL_SIM_PORT: port(4010), CLOUDFLARE_SIM_PORT: port(4020) }).safeParse(process.env);
if (!ports.success) {
  const issue = ports.error.issues[0];
  console.error(`[upstreams] ${issue?.path.join(".")}: ${issue?.message}`);
  process.exit(2);
}

const [temporal, cloudflare] = await Promise.all([
  startTemporalCloudSimulator({ port: ports.data.TEMPORAL_SIM_PORT }),
  startCloudflareSimulator({ port: ports.data.CLOUDFLARE_SIM_PORT }),
]).catch((error: unknown) => {
  console.error(`[upstreams] cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const credentials = CLOUDFLARE_DEMO_CREDENTIALS;
console.log(`Upstream simulators are running (demo credentials, loopback only).

Temporal Cloud  ${temporal.url}
  API key       ${TEMPORAL_CLOUD_DEMO_API_KEY}
  config file   {"apiKey":"${TEMPORAL_CLOUD_DEMO_API_KEY}"}

Cloudflare      ${cloudflare.url}
  Account ID    ${CLOUDFLARE_DEMO_ACCOUNT_ID}
  API token     ${credentials.apiToken}
  Email ID      ${credentials.email}
  API key       ${credentials.apiKey}
  config file   {"accountId":"${CLOUDFLARE_DEMO_ACCOUNT_ID}","apiToken":"${credentials.apiToken}"}
  faults        POST ${cloudflare.origin}/__control  {"fault":{"kind":"rate-limit","times":2}}

Point the console or the connector CLI at them:
  TEMPORAL_CLOUD_API_URL=${temporal.url} CLOUDFLARE_API_URL=${cloudflare.url} CLOUDFLARE_PACING=false

Ctrl-C stops both.`);

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`\n[upstreams] ${signal}: stopping`);
  await Promise.allSettled([temporal.close(), cloudflare.close()]);
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
