// The API key's expiry over real HTTP, in both wire forms: grpc-gateway writes an unset
// expiryTime as null and every other field in full, compact leaves it out; both read the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyId, DEMO_API_KEY, startTemporalCloudSimulator, WIRES, type TemporalCloudSimulator } from "@/e2e/upstreams/temporal-cloud/server";
import { calls, CONFIG, testContext } from "./contract-support";
import { temporalCloud } from "./index";

describe.each(WIRES)("API key expiry over the %s wire", (wire) => {
  let sim: TemporalCloudSimulator;
  beforeAll(async () => {
    sim = await startTemporalCloudSimulator({ wire, apiKeys: [DEMO_API_KEY, "tc-other-key"] });
  });
  afterAll(() => sim.close());
  const read = (config = CONFIG) => temporalCloud.credentialExpiry!(config, testContext(sim).ctx);

  it("reads the key named by its ID (GetApiKey, one request)", async () => {
    const at = new Date(Date.now() + 10 * 86_400_000);
    sim.control({ action: "set-api-key-expiry", apiKey: DEMO_API_KEY, expiryTime: at.toISOString() });
    sim.stats.reset();
    expect(await read({ ...CONFIG, apiKeyId: apiKeyId(DEMO_API_KEY) })).toEqual({ expiresAt: at });
    expect(calls(sim)).toEqual({ "api-keys.get": 1 });
  });

  it("without an ID, watches the account's key that expires first and says so", async () => {
    const soon = new Date(Date.now() + 5 * 86_400_000);
    sim.control({ action: "set-api-key-expiry", apiKey: "tc-other-key", expiryTime: soon.toISOString() });
    const expiry = await read();
    expect(expiry?.expiresAt).toEqual(soon);
    expect(expiry?.note).toContain(apiKeyId("tc-other-key"));
  });

  it("reads an unset expiryTime (null on the gateway wire) as a key that never expires", async () => {
    sim.control({ action: "set-api-key-expiry", apiKey: DEMO_API_KEY, expiryTime: null });
    const raw = (await (await fetch(`${sim.url}/cloud/api-keys/${apiKeyId(DEMO_API_KEY)}`, { headers: { authorization: `Bearer ${DEMO_API_KEY}`, "temporal-cloud-api-version": CONFIG.apiVersion } })).json()) as {
      apiKey: { spec: Record<string, unknown> };
    };
    if (wire === "grpc-gateway") expect(raw.apiKey.spec).toMatchObject({ expiryTime: null, description: "", disabled: false, ownerType: "OWNER_TYPE_USER" });
    else expect("expiryTime" in raw.apiKey.spec).toBe(false);
    expect(await read({ ...CONFIG, apiKeyId: apiKeyId(DEMO_API_KEY) })).toEqual({ expiresAt: null });
  });

  it("names an unknown key ID as not found", async () => {
    await expect(read({ ...CONFIG, apiKeyId: "key-nope" })).rejects.toMatchObject({ kind: "not_found" });
  });
});
