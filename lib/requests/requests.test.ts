// The request state machine against a real database and the Cloudflare simulator: the server's
// refusals change nothing; approving twice, at once, or after a cancel is refused with the
// reason; a worker killed between the upstream grant and its record ends Active with one grant;
// an expired grant is revoked once, however often the sweep runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startProofEnvironment, type ProofEnvironment } from "@/tests/proof/support/environment";
import { APPS, seedFixtures, USERS, type Fixtures } from "@/tests/proof/support/fixtures";

const ADMIN_ROLE = "role:fc6f1c2ecc72a2449c119f74c355bd46:member";
const DNS_ROLE = "role:2d089d8245b45661bfb5af1b8bb80d92:member";
const MARGARET_MEMBER = "719c00056a63b91375df8aec2606fb25";
const margaret = { id: "u-margaret", email: "margaret@example.com", name: "Margaret" };
const owner = { id: USERS.owner.id, email: USERS.owner.email, name: "Owner" };

let env: ProofEnvironment;
let fx: Fixtures;

beforeAll(async () => {
  env = await startProofEnvironment();
  fx = await seedFixtures(env.pool, env.upstreams, { snapshot: true });
  await env.pool.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $3, 'USER', now())`, [margaret.id, margaret.email, margaret.name]);
  await env.pool.query(`INSERT INTO application_owners (application_id, user_id) VALUES ($1, $2)`, [APPS.managed, owner.id]);
  const { saveRequestSetting } = await import("@/lib/data/request-settings");
  const admin = { id: USERS.superAdmin.id, email: USERS.superAdmin.email, role: "SUPER_ADMIN" as const };
  const base = { applicationId: APPS.managed, connectorId: "", entitlementId: "", firstApprover: "APP_OWNERS" as const, firstApproverIds: [], secondApprover: "" as const, secondApproverIds: [], lowRisk: false, maxDurationHours: 24, defaultDurationHours: 1, allowPermanent: false, justificationRequired: true };
  await saveRequestSetting({ ...base, requestable: true }, admin);
}, 180_000);

afterAll(async () => {
  await env?.stop();
});

async function memberRoles(): Promise<string[]> {
  const response = await fetch(`${env.upstreams.urls.cloudflare}/accounts/cf-demo-account/members/${MARGARET_MEMBER}`, { headers: { authorization: `Bearer ${env.upstreams.credentials.cloudflare.apiToken}` } });
  return ((await response.json()) as { result: { roles: { id: string }[] } }).result.roles.map((r) => r.id);
}

const count = async () => Number((await env.pool.query(`SELECT count(*) FROM access_requests`)).rows[0].count);
const requests = () => import("@/lib/requests/create");
const decide = () => import("@/lib/requests/decide");

describe("access requests", () => {
  it("refuses, and stores nothing for, a request over the maximum, for someone else, without a justification, or without an account", async () => {
    const { createAccessRequest } = await requests();
    const input = { connectorId: fx.connectors.cloudflare, entitlementId: ADMIN_ROLE, durationHours: 1, justification: "Incident" };
    await expect(createAccessRequest({ ...input, durationHours: 48 }, margaret)).rejects.toMatchObject({ fieldErrors: { durationHours: [expect.stringMatching(/longest .* is 1 day/)] } });
    await expect(createAccessRequest({ ...input, durationHours: 0 }, margaret)).rejects.toMatchObject({ fieldErrors: { durationHours: [expect.stringMatching(/Permanent access is not allowed/)] } });
    await expect(createAccessRequest({ ...input, requesterId: USERS.user.id }, margaret)).rejects.toMatchObject({ fieldErrors: { requesterId: ["You can only request access for yourself."] } });
    await expect(createAccessRequest({ ...input, justification: "" }, margaret)).rejects.toMatchObject({ fieldErrors: { justification: ["Say why you need this access."] } });
    await expect(createAccessRequest(input, { id: USERS.user.id, email: USERS.user.email, name: "User" })).rejects.toThrow(/You have no account in/);
    expect(await count()).toBe(0);
  });

  it("grants once when two approvers approve at once, refuses the requester, a second approval, and a cancelled request", async () => {
    const { createAccessRequest } = await requests();
    const { decideRequest, cancelRequest } = await decide();
    const request = await createAccessRequest({ connectorId: fx.connectors.cloudflare, entitlementId: ADMIN_ROLE, durationHours: 1, justification: "Incident" }, margaret);
    expect(request.state).toBe("PENDING");
    expect(request.steps).toEqual([[owner.id]]);
    await expect(decideRequest({ requestId: request.id, step: 1, decision: "approve", comment: "" }, margaret)).rejects.toThrow("You cannot approve or deny your own request.");
    // The same approver in two tabs: one UPDATE wins, the other is told.
    const results = await Promise.allSettled([1, 2].map(() => decideRequest({ requestId: request.id, step: 1, decision: "approve", comment: "ok" }, owner)));
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toContain("ok");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.message).toMatch(/^(This request is already (approved|being provisioned|active)|Step 1 of this request has already been decided)/);
    const { getRequest } = await import("@/lib/data/request-store");
    expect((await getRequest(request.id))?.state).toBe("ACTIVE");
    expect((await memberRoles()).filter((r) => ADMIN_ROLE.includes(r))).toHaveLength(1);
    await expect(decideRequest({ requestId: request.id, step: 1, decision: "approve", comment: "" }, owner)).rejects.toThrow("This request is already active. Nothing was changed.");

    const dns = await createAccessRequest({ connectorId: fx.connectors.cloudflare, entitlementId: DNS_ROLE, durationHours: 1, justification: "x" }, margaret);
    await cancelRequest(dns.id, margaret);
    await expect(decideRequest({ requestId: dns.id, step: 1, decision: "approve", comment: "" }, owner)).rejects.toThrow("This request is already cancelled. Nothing was changed.");
    await expect(createAccessRequest({ connectorId: fx.connectors.cloudflare, entitlementId: ADMIN_ROLE, durationHours: 1, justification: "again" }, margaret)).rejects.toThrow(/already have an open request/);
  });

  it("ends Active with one grant when the worker died between the upstream grant and its record", async () => {
    const { fulfilLeftovers } = await import("@/lib/requests/fulfil");
    const { getRequest } = await import("@/lib/data/request-store");
    const { rows } = await env.pool.query(`SELECT id FROM access_requests WHERE entitlement_id = $1`, [ADMIN_ROLE]);
    // What a kill -9 leaves: the grant is upstream, the row still PROVISIONING under a stale claim.
    await env.pool.query(`UPDATE access_requests SET state = 'PROVISIONING', activated_at = NULL, ends_at = NULL, claimed_at = now() - interval '5 minutes' WHERE id = $1`, [rows[0].id]);
    expect(await fulfilLeftovers()).toBe(1);
    const row = await getRequest(rows[0].id);
    expect(row?.state).toBe("ACTIVE");
    expect(row?.endsAt).not.toBeNull();
    expect((await memberRoles()).filter((r) => ADMIN_ROLE.includes(r))).toHaveLength(1);
  });

  it("revokes an expired grant once, however often the sweep runs", async () => {
    const { runDueRevokes } = await import("@/lib/requests/expire");
    const { getRequest } = await import("@/lib/data/request-store");
    const { rows } = await env.pool.query(`SELECT id FROM access_requests WHERE entitlement_id = $1`, [ADMIN_ROLE]);
    await env.pool.query(`UPDATE access_requests SET ends_at = now() - interval '1 second' WHERE id = $1`, [rows[0].id]);
    const claimed = await Promise.all([runDueRevokes(), runDueRevokes(), runDueRevokes({ requestId: rows[0].id })]);
    expect(claimed.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await getRequest(rows[0].id))?.state).toBe("EXPIRED");
    expect((await memberRoles()).filter((r) => ADMIN_ROLE.includes(r))).toHaveLength(0);
    expect(await runDueRevokes()).toBe(0);
    const revokes = await env.pool.query(`SELECT count(*) FROM audit_events WHERE kind = 'provisioning.revoke' AND target_id LIKE $1 AND result = 'ok'`, [`${ADMIN_ROLE}:%`]);
    expect(Number(revokes.rows[0].count)).toBe(1);
  });
});
