// The self-hosted runner in --once mode: a Cloudflare sync from the simulator, uploaded through
// the ingest API (the real handlers, a real database) into the app's Accounts; and the ways it
// refuses to start or fails, with exit codes and no secret in its output.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCloudflareSimulator, type CloudflareSimulator } from "@/e2e/upstreams/cloudflare/server";
import { DEMO_ACCOUNT_ID, DEMO_CREDENTIALS } from "@/e2e/upstreams/cloudflare/state";
import { getConnector } from "@/lib/connectors/registry";
import { connectorState, listAccounts, routedFetch as routeTo, seedBatonConnector, startIngestTestEnv, type IngestTestEnv } from "@/lib/self-hosted/api/test-env";
import { runConnectorCli } from "./run";
import { RUNNER_VERSION } from "./service";
import { memoryIo } from "./testing";

const APP = "http://gatekeeper.test";
const routedFetch = (api: ReturnType<IngestTestEnv["handlers"]["createIngestApi"]>) => routeTo(api);

let env: IngestTestEnv;
let cf: CloudflareSimulator;
beforeAll(async () => {
  [env, cf] = await Promise.all([startIngestTestEnv(), startCloudflareSimulator()]);
});
afterAll(async () => {
  await Promise.all([env?.stop(), cf?.close()]);
});

async function runner(provider: string, environment: Record<string, string>, args = ["service", "--url", APP, "--once"]) {
  const api = env.handlers.createIngestApi();
  const seeded = await seedBatonConnector(env.pool, provider);
  const { clientId, clientSecret } = await env.rotate.rotateClientCredentials(seeded.connectorId, seeded.owner);
  const io = { ...memoryIo({ "temporal-cloud": "http://127.0.0.1:1", cloudflare: cf.url, okta: "", cloudflarePacing: false }), fetch: routedFetch(api) };
  const code = await runConnectorCli(args, { ...io, env: { BATON_CLIENT_ID: clientId, BATON_CLIENT_SECRET: clientSecret, ...environment } });
  return { code, stdout: io.out.join(""), stderr: io.err.join(""), connectorId: seeded.connectorId, clientSecret };
}

/** What the adapter itself reads from the simulator: the accounts the upload must bring. */
async function expectedAccounts() {
  const connector = getConnector("cloudflare");
  const config = connector.settings.schema.parse({ accountId: DEMO_ACCOUNT_ID, apiToken: DEMO_CREDENTIALS.apiToken });
  const ids: string[] = [];
  const ctx = { baseUrl: cf.url, fetch, pacing: false, logger: { info() {}, warn() {}, error() {} } };
  for await (const record of connector.sync(config, ctx)) if (record.type === "resource" && record.user) ids.push(record.id);
  return ids.sort();
}

const cloudflareEnv = { BATON_ACCOUNT_ID: DEMO_ACCOUNT_ID, BATON_API_TOKEN: DEMO_CREDENTIALS.apiToken, BATON_API_KEY: "<Cloudflare global API key>" };

describe("connector service --once", () => {
  it("syncs Cloudflare from the simulator and uploads it into the app's accounts; reports last seen and its version", async () => {
    const run = await runner("cloudflare", cloudflareEnv);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { runId: string; provider: string; counts: { accounts: number } };
    expect(summary.provider).toBe("cloudflare");
    const accounts = await listAccounts(env.pool, run.connectorId);
    expect(accounts.map((a) => a.external_id).sort()).toEqual(await expectedAccounts());
    expect(summary.counts.accounts).toBe(accounts.length);
    expect(accounts.length).toBeGreaterThan(0);
    const state = await connectorState(env.pool, run.connectorId);
    expect(state).toMatchObject({ status: "CONNECTED", current_sync_run_id: summary.runId, runner_version: RUNNER_VERSION });
    expect(state.last_seen_at).not.toBeNull();
    for (const secret of [run.clientSecret, DEMO_CREDENTIALS.apiToken]) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it("without --once, syncs again after the interval with heartbeats meanwhile, until stopped", async () => {
    const api = env.handlers.createIngestApi();
    const seeded = await seedBatonConnector(env.pool, "cloudflare");
    const { clientId, clientSecret } = await env.rotate.rotateClientCredentials(seeded.connectorId, seeded.owner);
    const controller = new AbortController();
    const calls: string[] = [];
    const routed = routedFetch(api);
    const counting: typeof fetch = async (input, init) => {
      const response = await routed(input, init);
      const path = new URL(typeof input === "string" || input instanceof URL ? input : input.url).pathname;
      if (path.startsWith("/api/v1/")) calls.push(path.slice(8));
      if (calls.filter((c) => c === "uploads").length === 2) controller.abort();
      return response;
    };
    const io = { ...memoryIo({ "temporal-cloud": "", cloudflare: cf.url, okta: "", cloudflarePacing: false }), fetch: counting, signal: controller.signal };
    const code = await runConnectorCli(["service", "--url", APP, "--interval", "2"], { ...io, env: { BATON_CLIENT_ID: clientId, BATON_CLIENT_SECRET: clientSecret, ...cloudflareEnv } });
    expect(code).toBe(0);
    // One token for both cycles. Each cycle: heartbeat (syncing), provisioning tasks, upload,
    // heartbeat (idle); and a heartbeat and a look for tasks each minute between them.
    const cycle = ["heartbeat", "tasks", "uploads", "heartbeat"];
    expect(calls).toEqual(["token", ...cycle, "heartbeat", "tasks", "heartbeat", "tasks", ...cycle]);
    expect(io.out).toHaveLength(2);
    expect((await connectorState(env.pool, seeded.connectorId)).runs).toBe(2);
  });

  it("exits 2 without client credentials, with placeholders, or with the provider's variables missing", async () => {
    const io = memoryIo({ "temporal-cloud": "", cloudflare: "", okta: "", cloudflarePacing: false });
    expect(await runConnectorCli(["service", "--url", APP, "--once"], { ...io, env: {} })).toBe(2);
    expect(io.err.join("")).toContain("BATON_CLIENT_ID is not set.");
    const placeholder = await runConnectorCli(["service", "--url", APP, "--once"], { ...io, env: { BATON_CLIENT_ID: "<Gatekeeper client ID>", BATON_CLIENT_SECRET: "x" } });
    expect(placeholder).toBe(2);
    expect(await runConnectorCli(["service", "--once"], { ...io, env: {} })).toBe(2);
    expect(await runConnectorCli(["service", "--url", "ftp://x", "--once"], { ...io, env: {} })).toBe(2);

    const missing = await runner("cloudflare", { BATON_ACCOUNT_ID: DEMO_ACCOUNT_ID });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Cloudflare credentials are missing: set BATON_ACCOUNT_ID + BATON_API_TOKEN");
    expect((await connectorState(env.pool, missing.connectorId)).runs).toBe(0);
  });

  it("exits 2 for a connector whose provider the runner does not run (.c1z uploads)", async () => {
    const run = await runner("other", cloudflareEnv);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/upload its \.c1z files/);
  });

  it("exits 1 when Gatekeeper refuses the credentials or the upstream refuses the sync, uploading nothing", async () => {
    const io = { ...memoryIo({ "temporal-cloud": "", cloudflare: cf.url, okta: "", cloudflarePacing: false }), fetch: routedFetch(env.handlers.createIngestApi()) };
    const refused = await runConnectorCli(["service", "--url", APP, "--once"], { ...io, env: { ...cloudflareEnv, BATON_CLIENT_ID: "bc_000000000000000000000000", BATON_CLIENT_SECRET: "bcs_wrong" } });
    expect(refused).toBe(1);
    expect(io.err.join("")).toMatch(/invalid_client \(HTTP 401\)/);

    const badUpstream = await runner("cloudflare", { ...cloudflareEnv, BATON_API_TOKEN: "cf-wrong-token-0123456789" });
    expect(badUpstream.code).toBe(1);
    expect(badUpstream.stderr).toMatch(/Cloudflare answered 40\d/);
    expect(badUpstream.stderr).not.toContain("cf-wrong-token-0123456789");
    expect((await connectorState(env.pool, badUpstream.connectorId)).runs).toBe(0);
  });
});
