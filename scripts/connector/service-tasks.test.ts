// Provisioning for a self-hosted connector: the console's request becomes a task, the runner
// claims it through the ingest API, runs it with the Cloudflare adapter against the simulator
// and reports; the store shows a success at once, a refusal changes nothing, both are audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCloudflareSimulator, type CloudflareSimulator } from "@/e2e/upstreams/cloudflare/server";
import { DEMO_ACCOUNT_ID, DEMO_CREDENTIALS } from "@/e2e/upstreams/cloudflare/state";
import { routedFetch, seedBatonConnector, startIngestTestEnv, type IngestTestEnv } from "@/lib/self-hosted/api/test-env";
import { runConnectorCli } from "./run";
import { memoryIo } from "./testing";

const APP = "http://gatekeeper.test";
const GRACE = "93f784e3ad474276be6a0bad363c2d03";
const KATHERINE = "bc2c1d577d7c3ee74016d4e16933d338";
const DNS = "role:2d089d8245b45661bfb5af1b8bb80d92:member";

let env: IngestTestEnv;
let cf: CloudflareSimulator;
beforeAll(async () => {
  [env, cf] = await Promise.all([startIngestTestEnv(), startCloudflareSimulator()]);
});
afterAll(async () => {
  // The reports read names through the pages' pg pool, which the test env does not close.
  const { getPool } = await import("@/lib/db/client");
  await getPool().end();
  await Promise.all([env?.stop(), cf?.close()]);
});

const cloudflareEnv = { BATON_ACCOUNT_ID: DEMO_ACCOUNT_ID, BATON_API_TOKEN: DEMO_CREDENTIALS.apiToken };

async function memberRoles(memberId: string) {
  const response = await fetch(`${cf.url}/accounts/${DEMO_ACCOUNT_ID}/members/${memberId}`, { headers: { authorization: `Bearer ${DEMO_CREDENTIALS.apiToken}` } });
  return ((await response.json()) as { result: { roles: { id: string }[] } }).result.roles.map((r) => r.id);
}

async function held(connectorId: string, principalId: string) {
  const { rows } = await env.pool.query(
    `SELECT g.entitlement_id FROM grants g JOIN connectors c ON c.current_sync_run_id = g.sync_run_id WHERE c.id = $1 AND g.principal_external_id = $2 ORDER BY 1`,
    [connectorId, principalId],
  );
  return rows.map((r: { entitlement_id: string }) => r.entitlement_id);
}

describe("connector service runs the console's provisioning tasks", () => {
  it("grants through the adapter, reports, and refuses a member's last role without changing anything", async () => {
    const seeded = await seedBatonConnector(env.pool, "cloudflare");
    await env.pool.query(`UPDATE connectors SET provisioning_enabled = true WHERE id = $1`, [seeded.connectorId]);
    const { clientId, clientSecret } = await env.rotate.rotateClientCredentials(seeded.connectorId, seeded.owner);
    const run = async () => {
      const io = { ...memoryIo({ "temporal-cloud": "http://127.0.0.1:1", cloudflare: cf.url, okta: "", cloudflarePacing: false }), fetch: routedFetch(env.handlers.createIngestApi()) };
      const code = await runConnectorCli(["service", "--url", APP, "--once"], { ...io, env: { BATON_CLIENT_ID: clientId, BATON_CLIENT_SECRET: clientSecret, ...cloudflareEnv } });
      return { code, stderr: io.err.join("") };
    };
    expect((await run()).code).toBe(0);
    expect(await held(seeded.connectorId, GRACE)).not.toContain(DNS);

    const { createProvisioningTask } = await import("@/lib/data/provisioning-tasks");
    const requestedBy = { id: seeded.owner.id, email: seeded.owner.email };
    const grant = await createProvisioningTask({ connectorId: seeded.connectorId, kind: "grant", entitlementId: DNS, principalTypeId: "user", principalId: GRACE, requestedBy });
    const refused = await createProvisioningTask({ connectorId: seeded.connectorId, kind: "revoke", entitlementId: DNS, principalTypeId: "user", principalId: KATHERINE, requestedBy });

    const second = await run();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain("Ran 2 provisioning task(s); 1 did not succeed.");
    expect(await memberRoles(GRACE)).toContain("2d089d8245b45661bfb5af1b8bb80d92");
    expect(await memberRoles(KATHERINE)).toEqual(["2d089d8245b45661bfb5af1b8bb80d92"]);
    expect(await held(seeded.connectorId, GRACE)).toContain(DNS);
    expect(await held(seeded.connectorId, KATHERINE)).toEqual([DNS]);

    const { rows: tasks } = await env.pool.query(`SELECT id, status, message FROM provisioning_tasks WHERE connector_id = $1`, [seeded.connectorId]);
    const byId = Object.fromEntries(tasks.map((t: { id: string; status: string; message: string }) => [t.id, t]));
    expect(byId[grant.id]).toMatchObject({ status: "SUCCEEDED", message: "Granted DNS to grace@example.com." });
    expect(byId[refused.id].status).toBe("FAILED");
    expect(byId[refused.id].message).toContain("must keep at least one role");

    const { rows: audit } = await env.pool.query(`SELECT kind, result, actor_email, summary FROM audit_events WHERE connector_id = $1 AND kind LIKE 'provisioning.%' ORDER BY id`, [seeded.connectorId]);
    expect(audit.map((a: { kind: string; result: string }) => `${a.kind}:${a.result}`)).toEqual(["provisioning.grant:ok", "provisioning.revoke:refused"]);
    expect(audit[0].actor_email).toBe(seeded.owner.email);

    // A repeated report (a retried POST) is refused and changes nothing.
    const api = env.handlers.createIngestApi();
    const token = (await (await api.token(new Request(`${APP}/api/v1/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ client_id: clientId, client_secret: clientSecret }) }))).json()) as { access_token: string };
    const again = await api.taskResult(
      new Request(`${APP}/api/v1/tasks/${grant.id}/result`, { method: "POST", headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" }, body: JSON.stringify({ outcome: "failed", message: "late" }) }),
      grant.id,
    );
    expect(again.status).toBe(409);
  });
});
