// `connector upload-c1z`: the command-line import of a Baton .c1z through the ingest API, with
// --allow-unfinished for a sync that never finished.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IN_PROGRESS, PINGFED } from "@/lib/c1z/test-support";
import { connectorState, listAccounts, routedFetch, seedBatonConnector, startIngestTestEnv, type IngestTestEnv } from "@/lib/self-hosted/api/test-env";
import { runConnectorCli } from "./run";
import { memoryIo } from "./testing";

const APP = "http://gatekeeper.test";
let env: IngestTestEnv;
beforeAll(async () => {
  env = await startIngestTestEnv();
});
afterAll(async () => {
  await env?.stop();
});

const withoutLastSeen = ({ last_seen_at: _seen, ...rest }: Awaited<ReturnType<typeof connectorState>>) => rest;

async function setUp() {
  const seeded = await seedBatonConnector(env.pool, "other");
  const { clientId, clientSecret } = await env.rotate.rotateClientCredentials(seeded.connectorId, seeded.owner);
  const upload = async (args: string[], secret = clientSecret) => {
    const io = { ...memoryIo({ "temporal-cloud": "", cloudflare: "", okta: "", cloudflarePacing: false }), fetch: routedFetch(env.handlers.createIngestApi()) };
    const code = await runConnectorCli(["upload-c1z", ...args], { ...io, env: { BATON_CLIENT_ID: clientId, BATON_CLIENT_SECRET: secret } });
    return { code, stdout: io.out.join(""), stderr: io.err.join("") };
  };
  return { ...seeded, upload, clientSecret };
}

describe("connector upload-c1z", () => {
  it("imports the finished fixture with exact counts", async () => {
    const { upload, connectorId } = await setUp();
    const run = await upload([PINGFED, "--url", APP]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ counts: { resourceTypes: 2, resources: 9, accounts: 4, entitlements: 5, grants: 10 }, sync: { finished: true } });
    expect(await listAccounts(env.pool, connectorId)).toHaveLength(4);
  });

  it("refuses the unfinished fixture (exit 1, nothing changed), and imports it with --allow-unfinished", async () => {
    const { upload, connectorId } = await setUp();
    const before = await connectorState(env.pool, connectorId);
    const refused = await upload([IN_PROGRESS, "--url", APP]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/c1z_unfinished \(HTTP 400\): The \.c1z file has no finished full sync/);
    // The token exchange counts as contact (last seen); the data and the run history do not move.
    expect(withoutLastSeen(await connectorState(env.pool, connectorId))).toEqual(withoutLastSeen(before));
    const allowed = await upload([IN_PROGRESS, "--url", APP, "--allow-unfinished"]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ counts: { accounts: 10, resources: 79 }, sync: { finished: false } });
  });

  it("exits 2 on bad arguments, 1 on wrong credentials, never printing the secret", async () => {
    const { upload } = await setUp();
    expect((await upload(["--url", APP])).code).toBe(2);
    expect((await upload([PINGFED])).code).toBe(2);
    const wrong = await upload([PINGFED, "--url", APP], "bcs_not-the-secret");
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("invalid_client (HTTP 401)");
    expect(wrong.stderr).not.toContain("bcs_not-the-secret");
  });
});
