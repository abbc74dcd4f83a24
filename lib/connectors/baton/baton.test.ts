// The Baton catalog entry: its settings offer the provider choice, check accepts it, and
// everything hosted (sync, grant, revoke) is refused with a message saying where it runs.
import { describe, expect, it } from "vitest";
import { ConnectorError, type ConnectorContext } from "../types";
import { baton, BATON_PROVIDERS, HOSTED_SYNC_REFUSED, type BatonConfig } from "./index";

const ctx: ConnectorContext = { baseUrl: "", fetch, logger: { info() {}, warn() {}, error() {} } };

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe("the Baton connector", () => {
  it("offers the three providers as a required select in its generated settings form", () => {
    const [field] = baton.settings.fields;
    expect(baton.settings.fields).toHaveLength(1);
    expect(field).toMatchObject({ name: "provider", kind: "select", required: true });
    expect(field.options?.map((o) => o.value)).toEqual(["temporal-cloud", "cloudflare", "other"]);
    expect(BATON_PROVIDERS).toEqual(["temporal-cloud", "cloudflare", "other"]);
    for (const provider of BATON_PROVIDERS) expect(baton.settings.schema.safeParse({ provider }).success).toBe(true);
    expect(baton.settings.schema.safeParse({ provider: "okta" }).success).toBe(false);
    expect(baton.settings.schema.safeParse({}).success).toBe(false);
  });

  it("checks the provider choice only: the runner checks credentials where it runs", async () => {
    await expect(baton.check({ provider: "cloudflare" }, ctx)).resolves.toMatchObject({ ok: true, summary: expect.stringContaining("Cloudflare v2") });
    // A stored config that never went through the form.
    const error = await refusal(baton.check(JSON.parse('{"provider":"nope"}') as BatonConfig, ctx));
    expect(error).toMatchObject({ kind: "invalid_config", field: "provider" });
  });

  it("refuses a hosted sync on the first pull, saying the runner or an upload brings the data", async () => {
    const iterator = baton.sync({ provider: "temporal-cloud" }, ctx)[Symbol.asyncIterator]();
    const error = await refusal(iterator.next());
    expect(error.kind).toBe("refused");
    expect(error.message).toBe(HOSTED_SYNC_REFUSED);
  });

  it("refuses provisioning from the console", async () => {
    const request = { entitlementId: "role:x:member", principalId: "u1" };
    expect((await refusal(baton.grant({ provider: "cloudflare" }, request, ctx))).kind).toBe("refused");
    expect((await refusal(baton.revoke({ provider: "cloudflare" }, request, ctx))).kind).toBe("refused");
  });
});
