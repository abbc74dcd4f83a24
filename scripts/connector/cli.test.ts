// The real command line as a child process against both simulators: what a user runs.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCloudflareSimulator, type CloudflareSimulator } from "@/e2e/upstreams/cloudflare/server";
import { DEMO_ACCOUNT_ID, DEMO_CREDENTIALS } from "@/e2e/upstreams/cloudflare/state";
import { DEMO_API_KEY, startTemporalCloudSimulator } from "@/e2e/upstreams/temporal-cloud/server";
import { getConnector } from "@/lib/connectors/registry";
import type { SyncRecord } from "@/lib/connectors/types";
import { parseNdjson, pickProvisioning } from "./testing";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BAD_SECRET = "cf-wrong-secret-0123456789";

type Run = { code: number; stdout: string; stderr: string };

let cf: CloudflareSimulator;
let tc: Awaited<ReturnType<typeof startTemporalCloudSimulator>>;
let dir: string;

function cli(args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    CLOUDFLARE_API_URL: cf.url,
    TEMPORAL_CLOUD_API_URL: tc.url,
    CLOUDFLARE_PACING: "false",
  };
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/connector.ts", ...args], { cwd: ROOT, env, timeout: 20_000, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  [cf, tc, dir] = await Promise.all([startCloudflareSimulator(), startTemporalCloudSimulator(), mkdtemp(join(tmpdir(), "connector-cli-"))]);
  await Promise.all([
    writeFile(join(dir, "cloudflare.json"), JSON.stringify({ accountId: DEMO_ACCOUNT_ID, apiToken: DEMO_CREDENTIALS.apiToken })),
    writeFile(join(dir, "temporal-cloud.json"), JSON.stringify({ apiKey: DEMO_API_KEY })),
    writeFile(join(dir, "bad.json"), JSON.stringify({ accountId: DEMO_ACCOUNT_ID, apiToken: BAD_SECRET })),
  ]);
});
afterAll(async () => {
  await Promise.all([cf.close(), tc.close(), rm(dir, { recursive: true, force: true })]);
});

/** The grant to try, from an in-process sync: lets grant/revoke run alongside the child's sync. */
async function target(id: "cloudflare" | "temporal-cloud") {
  const ctx = { baseUrl: id === "cloudflare" ? cf.url : tc.url, fetch, pacing: false, sleep: async () => undefined, logger: { info() {}, warn() {}, error() {} } };
  const config = id === "cloudflare" ? { accountId: DEMO_ACCOUNT_ID, apiToken: DEMO_CREDENTIALS.apiToken } : { apiKey: DEMO_API_KEY };
  const connector = getConnector(id);
  const records: SyncRecord[] = [];
  for await (const record of connector.sync(connector.settings.schema.parse(config), ctx)) records.push(record);
  return pickProvisioning(records);
}

/**
 * check ∥ sync --out ∥ (grant → revoke), each asserted; returns every run for the secret scan.
 * Each child costs about a second of CPU (tsx), so Temporal Cloud's grant and revoke run
 * in-process (run.test.ts): this file proves the entry point's wiring, not each adapter again.
 */
async function journey(id: "cloudflare" | "temporal-cloud", provisioning: boolean): Promise<Run[]> {
  const config = join(dir, `${id}.json`);
  const out = join(dir, `${id}.ndjson`);
  const provision = async (): Promise<Run[]> => {
    if (!provisioning) return [];
    const { entitlementId, principalId } = await target(id);
    const grant = await cli(["grant", id, "--config", config, "--entitlement", entitlementId, "--principal", principalId]);
    const revoke = await cli(["revoke", id, "--config", config, "--entitlement", entitlementId, "--principal", principalId]);
    for (const run of [grant, revoke]) {
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ changed: true });
    }
    return [grant, revoke];
  };
  const [check, sync, provisioned] = await Promise.all([cli(["check", id, "--config", config]), cli(["sync", id, "--config", config, "--out", out]), provision()]);

  expect(check.code, check.stderr).toBe(0);
  expect(JSON.parse(check.stdout)).toMatchObject({ ok: true });
  expect(sync.code, sync.stderr).toBe(0);
  expect(sync.stdout.trim().split("\n")).toHaveLength(1);
  const summary = JSON.parse(sync.stdout) as { resources: Record<string, number>; entitlements: number; grants: number };
  const records = parseNdjson(await readFile(out, "utf8"));
  expect(summary.grants).toBe(records.filter((r) => r.type === "grant").length);
  expect(summary.entitlements).toBe(records.filter((r) => r.type === "entitlement").length);
  expect(summary.resources.user).toBeGreaterThan(0);
  if (provisioning) {
    // The ids grant and revoke took are ones the NDJSON carries.
    const { entitlementId, principalId } = pickProvisioning(records);
    expect(records.some((r) => r.type === "entitlement" && r.id === entitlementId)).toBe(true);
    expect(records.some((r) => r.type === "resource" && r.id === principalId)).toBe(true);
  }
  return [check, sync, ...provisioned];
}

describe("scripts/connector.ts", () => {
  it("runs check and sync --out against both simulators, grant and revoke; fails with exit 1 and the upstream error; leaks no secret", async () => {
    const [cloudflareRuns, temporalRuns, failed] = await Promise.all([
      journey("cloudflare", true),
      journey("temporal-cloud", false),
      cli(["check", "cloudflare", "--config", join(dir, "bad.json")]),
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toMatch(/check cloudflare failed: unauthorized \(field apiToken\): Cloudflare answered 401: Invalid API Token \(1000\)/);

    const everything = [...cloudflareRuns, ...temporalRuns, failed].map((r) => r.stdout + r.stderr).join("\n");
    for (const secret of [BAD_SECRET, DEMO_CREDENTIALS.apiToken, DEMO_API_KEY]) expect(everything).not.toContain(secret);
  });
});
