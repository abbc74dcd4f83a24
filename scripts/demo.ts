// `npm run demo`: the whole connector journey on one machine with no account anywhere. Starts
// the upstream simulators, the embedded PostgreSQL (in its own DATA_DIR), seeds demo users and
// an Okta connector (whose sync discovers the unmanaged apps), points the adapters at the
// simulators, and serves the console.
import { spawn } from "node:child_process";
import net from "node:net";
import { startUpstreams } from "@/e2e/upstreams/start-all";
import { CLOUDFLARE_DEMO_ACCOUNT_ID, CLOUDFLARE_DEMO_CREDENTIALS, TEMPORAL_CLOUD_DEMO_API_KEY } from "@/e2e/upstreams";
import { seedDemoData } from "@/lib/data/connector-demo";
import { prepareRuntime, StartupError } from "@/lib/db/prepare";
import { getEnv } from "@/lib/env";
import { buildIfNeeded } from "./lib/build-if-needed";
import { superviseChild } from "./lib/serve-child";

const log = (line: string) => console.log(`[demo] ${line}`);

/** Resolves to the port if nothing listens on it on loopback, else to a free one. */
function portOrFree(port: number) {
  return new Promise<number>((resolve) => {
    const server = net.createServer();
    server.once("error", () => {
      const fallback = net.createServer();
      fallback.listen(0, "127.0.0.1", () => {
        const address = fallback.address();
        fallback.close(() => resolve(typeof address === "object" && address ? address.port : port));
      });
    });
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(port)));
  });
}

async function main() {
  // Demo defaults, before lib/env parses the environment: its own data folder and database
  // port, so the demo never mixes with (or collides with) a real `npm start` install.
  process.env.DATA_DIR ??= "./data/demo";
  process.env.EMBEDDED_PG_PORT ??= String(await portOrFree(5434));
  const upstreams = await startUpstreams();
  Object.assign(process.env, upstreams.env);
  const env = getEnv();
  const runtime = await prepareRuntime(env, log).catch(async (error: unknown) => {
    await upstreams.close();
    throw error;
  });
  const seeded = await seedDemoData(runtime.databaseUrl, { okta: { domain: upstreams.credentials.okta.domain, apiToken: upstreams.credentials.okta.apiToken }, encryptionKey: runtime.encryptionKey }).catch(async (error: unknown) => {
    await Promise.allSettled([upstreams.close(), runtime.stop()]);
    throw error;
  });
  // The address it binds to, so the printed link and the session cookie agree.
  const appUrl = env.APP_URL ?? env.NEXTAUTH_URL ?? `http://127.0.0.1:${env.PORT}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...upstreams.env,
    DATABASE_URL: runtime.databaseUrl,
    ENCRYPTION_KEY: runtime.encryptionKey,
    NEXTAUTH_SECRET: runtime.nextAuthSecret,
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? appUrl,
    APP_URL: appUrl,
  };
  buildIfNeeded(childEnv, log);
  // Loopback only: the demo users' passwords are printed below.
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(env.PORT), "-H", "127.0.0.1"], { stdio: "inherit", env: childEnv });

  const cf = CLOUDFLARE_DEMO_CREDENTIALS;
  const urls = Object.entries(upstreams.urls).map(([name, url]) => `  ${name.padEnd(16)}${url}`);
  console.log(`
Gatekeeper demo: ${appUrl}  (data in ${env.DATA_DIR})
${seeded.oktaCreated ? "An Okta connector is set up against the Okta simulator: its first sync, within a minute, discovers the unmanaged apps and People." : "The Okta connector syncs the simulator's apps and people on its interval."}

Sign in as (email / password):
${seeded.users.map((u) => `  ${u.role.padEnd(16)}${u.email} / ${u.password}`).join("\n")}

Simulated upstreams (already wired in):
${urls.length ? urls.join("\n") : "  (none started)"}

Credentials the simulators accept:
  Temporal Cloud  API key ${TEMPORAL_CLOUD_DEMO_API_KEY}
  Cloudflare v2   Account ID ${CLOUDFLARE_DEMO_ACCOUNT_ID}
                  API token ${cf.apiToken}   or   Email ID ${cf.email} + API key ${cf.apiKey}
  Okta            Okta domain ${upstreams.credentials.okta.domain}, API token ${upstreams.credentials.okta.apiToken}
                  (or OAuth service app: Client ID ${upstreams.credentials.okta.oauth.clientId}, key ID ${upstreams.credentials.okta.oauth.keyId})

Walk it: Admin > Connectors > Add connector, then Admin > People. Emails (owner requests) land in Admin > Email outbox.
Ctrl-C stops everything.
`);

  await superviseChild(child, () => Promise.allSettled([upstreams.close(), runtime.stop()]), log);
}

main().catch((error: unknown) => {
  const message = error instanceof StartupError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`[demo] Cannot start: ${message}`);
  process.exit(1);
});
