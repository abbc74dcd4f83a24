// `connector service`: the self-hosted runner. Signs in with the client credentials, learns
// its provider and interval from Gatekeeper, syncs the provider and uploads, then waits and
// does it again (heartbeats meanwhile) until stopped. `--once` does one cycle and exits.
import packageJson from "@/package.json";
import { getConnector } from "@/lib/connectors/registry";
import type { ConnectorContext } from "@/lib/connectors/types";
import { configFromEnv, isRunnerProvider, RUNNER_PROVIDERS } from "@/lib/self-hosted/providers";
import type { CliIo } from "./run";
import { parseServiceArgs, readClientCredentials, SERVICE_USAGE, type ServiceEnv, type ServiceOptions } from "./service-args";
import { createIngestClient, IngestClientError, type IngestClient } from "./service-client";
import { syncToFile } from "./service-sync";
import { runProvisioningTasks, type TaskRunSummary } from "./service-tasks";

export const RUNNER_VERSION = `gatekeeper-runner/${packageJson.version}`;
const HEARTBEAT_MS = 60_000;
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A problem a retry will not fix (wrong provider, missing variables): --once exits 2. */
class ConfigProblem extends Error {}

export type ServiceIo = CliIo & { env: ServiceEnv };

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

function redactor(secrets: string[]) {
  const values = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  return (text: string) => values.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
}

type PollTasks = () => Promise<TaskRunSummary>;

async function runCycle(client: IngestClient, io: ServiceIo, log: (line: string) => void, redact: (text: string) => string, onReady: (poll: PollTasks) => void) {
  const { connector: remote } = await client.token();
  if (!isRunnerProvider(remote.provider)) {
    throw new ConfigProblem(
      remote.provider === "other"
        ? "This connector's provider is another Baton connector: upload its .c1z files instead (the runner runs Temporal Cloud and Cloudflare)."
        : "This connector has no provider yet: choose it in the connector's settings in Gatekeeper.",
    );
  }
  const spec = RUNNER_PROVIDERS[remote.provider];
  const fromEnv = configFromEnv(remote.provider, io.env);
  if (!fromEnv.ok) throw new ConfigProblem(fromEnv.error);
  const connector = getConnector(spec.connectorId);
  const config = connector.settings.schema.safeParse(fromEnv.config);
  if (!config.success) throw new ConfigProblem(`${spec.label} credentials: ${config.error.issues.map((i) => i.message).join(" ")}`);

  await client.heartbeat(RUNNER_VERSION, "syncing");
  const urls = io.baseUrls();
  const ctx: ConnectorContext = {
    baseUrl: urls[spec.connectorId],
    fetch: io.fetch,
    logger: { info: (m) => log(`[info] ${m}`), warn: (m) => log(`[warn] ${m}`), error: (m) => log(`[error] ${m}`) },
    signal: io.signal,
    sleep: io.sleep,
    pacing: spec.connectorId === "cloudflare" ? urls.cloudflarePacing : undefined,
  };
  // Provisioning asked in the console runs first, so this cycle's upload confirms it.
  const poll: PollTasks = () => runProvisioningTasks(client, connector, config.data, ctx, redact);
  onReady(poll);
  const done = await poll();
  if (done.ran > 0) log(`[info] Ran ${done.ran} provisioning task(s); ${done.failed} did not succeed.`);
  const started = Date.now();
  log(`[info] Syncing ${spec.label} for ${remote.name} (${remote.app}).`);
  const file = await syncToFile(connector, config.data, ctx);
  try {
    const uploaded = await client.upload(file.path);
    await client.heartbeat(RUNNER_VERSION, "idle");
    return { ...uploaded, provider: remote.provider, summary: file.summary, durationMs: Date.now() - started, intervalMinutes: remote.syncIntervalMinutes };
  } finally {
    await file.remove();
  }
}

export async function runService(argv: string[], io: ServiceIo): Promise<number> {
  const args = parseServiceArgs(argv);
  if (!args.ok) {
    io.stderr(`error: ${args.error}\n\n${SERVICE_USAGE}\n`);
    return EXIT.usage;
  }
  if ("help" in args) {
    io.stdout(`${SERVICE_USAGE}\n`);
    return EXIT.ok;
  }
  const credentials = readClientCredentials(io.env);
  if (!credentials.ok) {
    for (const error of credentials.errors) io.stderr(`config error: ${error}\n`);
    return EXIT.usage;
  }
  const options: ServiceOptions = args.options;
  // Every secret the runner could read, whichever provider it turns out to run.
  const providerSecrets = Object.keys(RUNNER_PROVIDERS).flatMap((p) => {
    const config = isRunnerProvider(p) ? configFromEnv(p, io.env) : null;
    return config?.ok ? config.secrets : [];
  });
  const redact = redactor([credentials.clientSecret, ...providerSecrets]);
  const log = (line: string) => io.stderr(redact(`${line}\n`));
  const sleep = (ms: number) => (io.sleep ?? ((t: number) => defaultSleep(t, io.signal)))(ms);
  const client = createIngestClient({ url: options.url, clientId: credentials.clientId, clientSecret: credentials.clientSecret, fetch: io.fetch, sleep, signal: io.signal });

  let intervalMinutes = options.intervalMinutes;
  let pollTasks: PollTasks | undefined;
  for (;;) {
    let failed = false;
    try {
      const result = await runCycle(client, io, log, redact, (poll) => (pollTasks = poll));
      io.stdout(`${redact(JSON.stringify({ runId: result.runId, provider: result.provider, counts: result.counts, durationMs: result.durationMs }))}\n`);
      // The connector's interval, as set in Gatekeeper, unless --interval overrides it.
      intervalMinutes = options.intervalMinutes ?? result.intervalMinutes;
      if (options.once) return EXIT.ok;
    } catch (error) {
      if (io.signal?.aborted) return EXIT.ok;
      failed = true;
      const message = error instanceof IngestClientError ? `${error.code} (HTTP ${error.status}): ${error.message}` : error instanceof Error ? error.message : String(error);
      log(`[error] ${message}`);
      await client.heartbeat(RUNNER_VERSION, "error").catch(() => undefined);
      if (options.once) return error instanceof ConfigProblem ? EXIT.usage : EXIT.failed;
    }
    // After a failure, try again sooner than a whole interval (at most five minutes later).
    const waitMs = Math.min((intervalMinutes ?? 60) * 60_000, failed ? 5 * 60_000 : Infinity);
    log(`[info] Next sync in ${Math.max(1, Math.round(waitMs / 60_000))} min.`);
    for (let waited = 0; waited < waitMs && !io.signal?.aborted; waited += HEARTBEAT_MS) {
      await sleep(Math.min(HEARTBEAT_MS, waitMs - waited));
      if (io.signal?.aborted) break;
      await client.heartbeat(RUNNER_VERSION, "idle").catch((e: unknown) => log(`[warn] Heartbeat failed: ${e instanceof Error ? e.message : String(e)}`));
      // Between syncs, grants and revokes still run within a minute; one that ran is confirmed
      // by syncing now rather than at the end of the interval.
      const ran = await pollTasks?.().catch((e: unknown) => (log(`[warn] Provisioning tasks failed: ${e instanceof Error ? e.message : String(e)}`), undefined));
      if (ran && ran.ran > 0) break;
    }
    if (io.signal?.aborted) return EXIT.ok;
  }
}
