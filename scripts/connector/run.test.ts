// The runner in-process against both simulators: outputs, exit codes, config errors, secrets.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCloudflareSimulator, type CloudflareSimulator } from "@/e2e/upstreams/cloudflare/server";
import { DEMO_CREDENTIALS } from "@/e2e/upstreams/cloudflare/state";
import { DEMO_API_KEY, startTemporalCloudSimulator } from "@/e2e/upstreams/temporal-cloud/server";
import { EXIT, runConnectorCli, type BaseUrls } from "./run";
import { memoryIo, parseNdjson, pickProvisioning } from "./testing";

const CF_CONFIG = JSON.stringify({ accountId: "cf-demo-account", apiToken: DEMO_CREDENTIALS.apiToken });
const CF_KEY_CONFIG = JSON.stringify({ accountId: "cf-demo-account", email: DEMO_CREDENTIALS.email, apiKey: DEMO_CREDENTIALS.apiKey });
const TC_CONFIG = JSON.stringify({ apiKey: DEMO_API_KEY });

let cf: CloudflareSimulator;
let tc: Awaited<ReturnType<typeof startTemporalCloudSimulator>>;
let urls: BaseUrls;
let dir: string;
beforeAll(async () => {
  [cf, tc, dir] = await Promise.all([startCloudflareSimulator(), startTemporalCloudSimulator(), mkdtemp(join(tmpdir(), "connector-cli-"))]);
  urls = { cloudflare: cf.url, "temporal-cloud": tc.url, okta: "", cloudflarePacing: false };
});
afterAll(async () => {
  await Promise.all([cf.close(), tc.close(), rm(dir, { recursive: true, force: true })]);
});

const files = { "cf.json": CF_CONFIG, "cf-key.json": CF_KEY_CONFIG, "tc.json": TC_CONFIG };

describe("runConnectorCli", () => {
  it.each([
    ["cloudflare", "cf.json"],
    ["cloudflare", "cf-key.json"],
    ["temporal-cloud", "tc.json"],
  ])("check %s (%s): exit 0, one JSON result on stdout", async (id, config) => {
    const io = memoryIo(urls, files);
    expect(await runConnectorCli(["check", id, "--config", config], io)).toBe(EXIT.ok);
    expect(io.out).toHaveLength(1);
    expect(JSON.parse(io.out[0])).toMatchObject({ ok: true });
  });

  it.each([
    ["cloudflare", "cf.json"],
    ["temporal-cloud", "tc.json"],
  ])("sync %s --out, grant and revoke with the ids the records carry", async (id, config) => {
    const io = memoryIo(urls, files);
    const out = join(dir, `${id}.ndjson`);
    expect(await runConnectorCli(["sync", id, "--config", config, "--out", out], io)).toBe(EXIT.ok);
    const summary = JSON.parse(io.out[0]) as { resources: Record<string, number>; entitlements: number; grants: number };
    const records = parseNdjson(await readFile(out, "utf8"));
    expect(records.every((r) => ["resourceType", "resource", "entitlement", "grant"].includes(r.type))).toBe(true);
    expect(summary.entitlements).toBe(records.filter((r) => r.type === "entitlement").length);
    expect(summary.grants).toBe(records.filter((r) => r.type === "grant").length);
    expect(Object.values(summary.resources).reduce((a, b) => a + b, 0)).toBe(records.filter((r) => r.type === "resource").length);

    const { entitlementId, principalId } = pickProvisioning(records);
    for (const verb of ["grant", "grant", "revoke", "revoke"]) {
      io.out.length = 0;
      expect(await runConnectorCli([verb, id, "--config", config, "--entitlement", entitlementId, "--principal", principalId], io)).toBe(EXIT.ok);
      expect(JSON.parse(io.out[0])).toHaveProperty("changed");
    }
  });

  it("fails with exit 1 and the upstream's error on stderr, never the secret", async () => {
    const secret = "wrong-but-secret-token-123";
    const io = memoryIo(urls, { "bad.json": JSON.stringify({ accountId: "cf-demo-account", apiToken: secret }) });
    expect(await runConnectorCli(["sync", "cloudflare", "--config", "bad.json", "--out", join(dir, "bad.ndjson")], io)).toBe(EXIT.failed);
    expect(io.out).toEqual([]);
    expect(io.err.join("")).toMatch(/unauthorized \(field apiToken\): Cloudflare answered 403: Invalid access token \(9109\)/);
    expect(io.err.join("")).not.toContain(secret);
    // A failed sync leaves no file that looks complete.
    expect((await readdir(dir)).filter((f) => f.startsWith("bad"))).toEqual([]);
  });

  it("redacts secrets that an upstream echoes back", async () => {
    const io = memoryIo({ ...urls, cloudflare: `${cf.url}/echo` }, files);
    const secret = JSON.parse(CF_CONFIG).apiToken as string;
    const echoing: typeof fetch = async () => new Response(`bad token ${secret}`, { status: 400 });
    expect(await runConnectorCli(["check", "cloudflare", "--config", "cf.json"], { ...io, fetch: echoing })).toBe(EXIT.failed);
    expect(io.err.join("")).toContain("bad token [redacted]");
    expect(io.err.join("")).not.toContain(secret);
  });

  it.each([
    [["check", "cloudflare", "--config", "missing.json"], /cannot read missing.json: ENOENT/],
    [["check", "cloudflare", "--config", "broken.json"], /broken.json is not valid JSON/],
    [["check", "cloudflare", "--config", "typo.json"], /config error: apitoken: not a Cloudflare v2 setting/],
    [["check", "cloudflare", "--config", "empty.json"], /config error: accountId: Enter the Account ID/],
    [["check", "temporal-cloud", "--config", "empty.json"], /config error: apiKey/],
    [["check", "nowhere", "--config", "cf.json"], /Unknown connector "nowhere"[\s\S]*Usage:/],
  ])("exits 2 on %j", async (argv, error) => {
    const io = memoryIo(urls, { ...files, "broken.json": "{", "typo.json": '{"accountId":"a","apitoken":"s3cret"}', "empty.json": "{}" });
    expect(await runConnectorCli(argv, io)).toBe(EXIT.usage);
    expect(io.err.join("")).toMatch(error);
    expect(io.err.join("")).not.toContain("s3cret");
  });

  it("exits 2 when the environment is invalid", async () => {
    const io = memoryIo(urls, files);
    io.baseUrls = () => {
      throw new Error("Invalid environment: CLOUDFLARE_API_URL: Invalid URL");
    };
    expect(await runConnectorCli(["check", "cloudflare", "--config", "cf.json"], io)).toBe(EXIT.usage);
    expect(io.err.join("")).toMatch(/Invalid environment/);
  });
});
