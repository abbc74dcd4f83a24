// `npm run test:e2e`: a fresh database, a real SMTP server on loopback, the upstream
// simulators and the production server, then Playwright; everything torn down after.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startMailCatcher } from "@/e2e/support/mail-catcher";
import { recordSecret } from "@/e2e/support/secrets";
import { startCloudflareSimulator, startOktaSimulator, startTemporalCloudSimulator } from "@/e2e/upstreams";
// Not in the upstreams index: oidc-provider warns on import, and only these runs need it.
import { startOidcProvider } from "@/e2e/upstreams/oidc/server";
import { freePort, startTestDatabase } from "@/tests/test-database";
import { buildIfNeeded } from "./lib/build-if-needed";

const log = (line: string) => console.log(`[e2e] ${line}`);

async function waitForHealth(url: string, server: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app exited with code ${server.exitCode} before it was ready.`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`The app did not answer ${url}/api/health within ${timeoutMs} ms.`);
}

/**
 * The simulators, accepting only credentials made for this run: long and unique, so the leak
 * scan's matches mean something. The endings are the demo values' (the masked views in the
 * specs show the last four characters). Recorded for the scan, and passed to Playwright.
 */
async function startUpstreamsWithRunSecrets(work: string, appUrl: string) {
  const tag = randomBytes(12).toString("hex");
  const secrets = {
    temporalApiKey: `tc-e2e-${tag}-key`,
    cloudflareToken: `cf-e2e-${tag}-token`,
    cloudflareGlobalKey: `cf-e2e-${tag}-global-key`,
    oktaApiToken: `00e2e${tag}okta`,
    oidcClientSecret: `oidc-e2e-${tag}-secret`,
  };
  for (const [label, value] of Object.entries(secrets)) recordSecret(value, `upstream ${label}`, "nowhere", work);
  const temporal = await startTemporalCloudSimulator({ host: "127.0.0.1", apiKeys: [secrets.temporalApiKey] });
  const cloudflare = await startCloudflareSimulator({ host: "127.0.0.1", credentials: { apiToken: secrets.cloudflareToken, apiKey: secrets.cloudflareGlobalKey } });
  const okta = await startOktaSimulator({ host: "127.0.0.1", credentials: { apiTokens: [{ token: secrets.oktaApiToken, scopes: "all" }], clients: [] } });
  // The SSO journey's identity provider; every token it issues is a secret for the leak scan.
  const oidcClientId = `gatekeeper-e2e-${tag.slice(0, 8)}`;
  const oidc = await startOidcProvider({
    client: { clientId: oidcClientId, clientSecret: secrets.oidcClientSecret, redirectUris: [`${appUrl}/api/auth/callback/oidc`] },
    onToken: (value, label) => recordSecret(value, label, "nowhere", work),
  });
  return {
    env: { TEMPORAL_CLOUD_API_URL: temporal.url, CLOUDFLARE_API_URL: cloudflare.url, CLOUDFLARE_PACING: "false", OKTA_API_URL: okta.url },
    playwrightEnv: {
      E2E_TEMPORAL_API_KEY: secrets.temporalApiKey,
      E2E_CLOUDFLARE_TOKEN: secrets.cloudflareToken,
      E2E_CLOUDFLARE_GLOBAL_KEY: secrets.cloudflareGlobalKey,
      E2E_OKTA_API_TOKEN: secrets.oktaApiToken,
      E2E_OIDC_ISSUER: oidc.issuer,
      E2E_OIDC_CLIENT_ID: oidcClientId,
      E2E_OIDC_CLIENT_SECRET: secrets.oidcClientSecret,
    },
    close: async () => {
      await Promise.allSettled([temporal.close(), cloudflare.close(), okta.close(), oidc.close()]);
    },
  };
}

async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), "gk-e2e-"));
  const database = await startTestDatabase();
  const mailDir = path.join(work, "mail");
  const mail = await startMailCatcher(mailDir);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const upstreams = await startUpstreamsWithRunSecrets(work, baseUrl);
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    NEXTAUTH_URL: baseUrl,
    APP_URL: baseUrl,
    SMTP_URL: mail.url,
    DATA_DIR: path.join(work, "data"),
    // The test-only clock (lib/clock.ts): a spec moves time with advanceTestClock(E2E_CLOCK_FILE, ms).
    GATEKEEPER_TEST_CLOCK_FILE: path.join(work, "clock-offset-ms"),
    ...upstreams.env,
  };
  buildIfNeeded(appEnv, log);
  log(`Starting the app on ${baseUrl}`);
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: appEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // In memory for the failure report, and on disk as it comes for the leak scan and the
  // load test (which reads what stderr got during its window).
  const logDir = path.join(work, "logs");
  mkdirSync(logDir, { recursive: true });
  const serverLog: string[] = [];
  for (const stream of ["stdout", "stderr"] as const) {
    const file = createWriteStream(path.join(logDir, `server-${stream}.log`), { flags: "a" });
    server[stream]?.on("data", (d: Buffer) => {
      serverLog.push(d.toString());
      file.write(d);
    });
  }

  let code = 1;
  try {
    await waitForHealth(baseUrl, server);
    const playwright = spawn(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...appEnv, ...upstreams.playwrightEnv, E2E_BASE_URL: baseUrl, E2E_MAIL_DIR: mailDir, E2E_WORK_DIR: work, E2E_SERVER_LOG_DIR: logDir, E2E_CLOCK_FILE: appEnv.GATEKEEPER_TEST_CLOCK_FILE },
    });
    code = await new Promise<number>((resolve) => playwright.on("exit", (c) => resolve(c ?? 1)));
  } catch (error) {
    console.error(`[e2e] ${(error as Error).message}`);
  } finally {
    if (code !== 0) console.error(`[e2e] Last app output:\n${serverLog.join("").slice(-4000)}`);
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    await Promise.allSettled([mail.close(), upstreams.close(), database.stop()]);
    await rm(work, { recursive: true, force: true });
  }
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(`[e2e] ${(error as Error).message}`);
  process.exit(1);
});
