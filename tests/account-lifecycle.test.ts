// Invite and Remove on the Accounts tab, called as the browser calls them (a real session cookie,
// the app's own actions and sync path) against the Temporal Cloud simulator: bad input is a field
// error and changes nothing anywhere, the console's refusals (the Owner, provisioning off, a
// connector without the capability) name the reason and change only the audit log, and a done
// change shows in the store at once and in the simulator. The Grant dialog's search, too.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getAction } from "./proof/support/action-harness";
import { changesSince, markChanges, onlyAuditInserts } from "./proof/support/change-log";
import { startProofEnvironment, type ProofEnvironment } from "./proof/support/environment";
import { seedFixtures, type Fixtures } from "./proof/support/fixtures";
import { installNextRequestMocks } from "./proof/support/next-request";
import { actAs } from "./proof/support/principals";

installNextRequestMocks();

const ACCOUNT_ACTIONS = "app/(console)/applications/[appId]/account-actions.ts";
const OWNER = "0b5e3c1d9f2a4e6b8c7d1a2b3c4d5e6f";
type Result = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]>; data?: { message: string } };

let env: ProofEnvironment;
let fx: Fixtures;
let invite: (input: unknown) => Promise<Result>;
let remove: (input: unknown) => Promise<Result>;

beforeAll(async () => {
  env = await startProofEnvironment();
  invite = (await getAction(ACCOUNT_ACTIONS, "inviteAccountAction")) as typeof invite;
  remove = (await getAction(ACCOUNT_ACTIONS, "removeAccountAction")) as typeof remove;
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

/** The fixtures, and a real sync of the Temporal Cloud simulator into the fixture connector. */
beforeEach(async () => {
  fx = await seedFixtures(env.pool, env.upstreams);
  const [{ ingestRecords }, { getConnector }, { createConnectorContext }, { openStoredConfig }] = await Promise.all([
    import("@/lib/sync"),
    import("@/lib/connectors/registry"),
    import("@/lib/connectors/runtime"),
    import("@/lib/data/connector-settings-store"),
  ]);
  const config = await openStoredConfig(fx.connectors.temporal);
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  await ingestRecords(fx.connectors.temporal, getConnector("temporal-cloud").sync(config, createConnectorContext("temporal-cloud", { logger: silent })), { trigger: "upload" });
  await actAs("superAdmin", fx);
});

async function upstreamUser(email: string): Promise<{ id: string; spec: { access: { accountAccess: { role: string } } } } | undefined> {
  const response = await fetch(`${env.upstreams.urls.temporalCloud}/cloud/users?email=${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${env.upstreams.credentials.temporalCloud.apiKey}`, "temporal-cloud-api-version": "2024-10-01-00" },
  });
  return ((await response.json()) as { users?: { id: string; spec: { access: { accountAccess: { role: string } } } }[] }).users?.[0];
}

async function storeAccount(externalId: string) {
  const { rows } = await env.pool.query<{ email: string; grants: string[] | null }>(
    `SELECT r.email, (SELECT array_agg(g.entitlement_id) FROM grants g WHERE g.sync_run_id = r.sync_run_id AND g.principal_external_id = r.external_id) AS grants
       FROM resources r JOIN connectors c ON c.current_sync_run_id = r.sync_run_id WHERE c.id = $1 AND r.external_id = $2`,
    [fx.connectors.temporal, externalId],
  );
  return rows[0];
}

async function expectNothingChanged(call: () => Promise<Result>, options: { audited: boolean }) {
  const mark = await markChanges(env.pool);
  const result = await call();
  const { changes } = await changesSince(env.pool, mark);
  if (options.audited) {
    expect(onlyAuditInserts(changes)).toBe(true);
    expect(changes.length).toBe(1);
  } else expect(changes).toEqual([]);
  return result;
}

describe("invite", () => {
  it("answers bad input with field errors and changes nothing", async () => {
    const noEmail = await expectNothingChanged(() => invite({ connectorId: fx.connectors.temporal, email: "not an email", role: "read" }), { audited: false });
    expect(noEmail).toMatchObject({ ok: false, fieldErrors: { email: ["Enter a valid email address."] } });
    const noRole = await expectNothingChanged(() => invite({ connectorId: fx.connectors.temporal, email: "new@example.com", role: "" }), { audited: false });
    expect(noRole.fieldErrors?.role).toEqual(["Choose a role."]);
    // A role the connector may not give (Account Owner) is a field error too, before any call.
    const owner = await expectNothingChanged(() => invite({ connectorId: fx.connectors.temporal, email: "new@example.com", role: "owner" }), { audited: false });
    expect(owner.fieldErrors?.role).toEqual(["Choose one of Account Admin, Developer, Read."]);
    expect(await upstreamUser("new@example.com")).toBeUndefined();
  });

  it("invites through the adapter: the simulator has the user, the store shows it at once, the audit says who", async () => {
    const result = await invite({ connectorId: fx.connectors.temporal, email: "nia.new@example.com", role: "developer" });
    expect(result).toMatchObject({ ok: true, data: { message: "Invited nia.new@example.com with the Developer role. A sync has been queued to confirm it." } });
    const user = await upstreamUser("nia.new@example.com");
    expect(user?.spec.access.accountAccess.role).toBe("ROLE_DEVELOPER");
    expect(await storeAccount(user!.id)).toEqual({ email: "nia.new@example.com", grants: ["account-role:developer:member"] });
    const { rows } = await env.pool.query(`SELECT summary, result FROM audit_events WHERE kind = 'provisioning.invite' ORDER BY at DESC LIMIT 1`);
    expect(rows[0]).toEqual({ summary: `${fx.users.superAdmin.email} invited nia.new@example.com to temporal-cloud connector as Developer`, result: "ok" });

    // And removed again: gone upstream and from the store.
    const removed = await remove({ connectorId: fx.connectors.temporal, resourceTypeId: "user", externalId: user!.id });
    expect(removed).toMatchObject({ ok: true, data: { message: "Removed nia.new@example.com from Temporal Cloud. A sync has been queued to confirm it." } });
    expect(await upstreamUser("nia.new@example.com")).toBeUndefined();
    expect(await storeAccount(user!.id)).toBeUndefined();
  });

  it("refuses with the reason where the connector cannot, changing only the audit log", async () => {
    await env.pool.query(`UPDATE connectors SET provisioning_enabled = false WHERE id = $1`, [fx.connectors.temporal]);
    const off = await expectNothingChanged(() => invite({ connectorId: fx.connectors.temporal, email: "late@example.com", role: "read" }), { audited: true });
    expect(off).toMatchObject({ ok: false, message: "Provisioning is off for temporal-cloud connector. An administrator can turn it on on the connector's page." });
    const cloudflare = await expectNothingChanged(() => invite({ connectorId: fx.connectors.cloudflare, email: "late@example.com", role: "read" }), { audited: true });
    expect(cloudflare.message).toBe("cloudflare connector cannot invite or remove accounts: make the change in the app itself.");
    expect(await upstreamUser("late@example.com")).toBeUndefined();
  });

  it("is for administrators and the connector's owners only", async () => {
    await actAs("user", fx);
    const result = await expectNothingChanged(() => invite({ connectorId: fx.connectors.temporal, email: "sneaky@example.com", role: "admin" }), { audited: false });
    expect(result).toMatchObject({ ok: false, message: "You do not have permission to do this." });
    expect(await upstreamUser("sneaky@example.com")).toBeUndefined();
  });
});

describe("remove", () => {
  it("refuses the Account Owner before calling Temporal Cloud, naming what it holds", async () => {
    const result = await expectNothingChanged(() => remove({ connectorId: fx.connectors.temporal, resourceTypeId: "user", externalId: OWNER }), { audited: true });
    expect(result.message).toBe("olivia.owner@example.com holds Account Owner Role Member, which the connector never changes, so it cannot be removed here. Change it in the app itself.");
    expect(await upstreamUser("olivia.owner@example.com")).toBeDefined();
  });

  it("refuses a service account (synced only) and an account not in the latest sync", async () => {
    const { rows } = await env.pool.query<{ external_id: string }>(
      `SELECT r.external_id FROM resources r JOIN connectors c ON c.current_sync_run_id = r.sync_run_id WHERE c.id = $1 AND r.resource_type_id = 'service-account' LIMIT 1`,
      [fx.connectors.temporal],
    );
    const service = await expectNothingChanged(() => remove({ connectorId: fx.connectors.temporal, resourceTypeId: "service-account", externalId: rows[0].external_id }), { audited: true });
    expect(service.message).toMatch(/is not an account temporal-cloud connector can remove: it is synced only\.$/);
    const missing = await expectNothingChanged(() => remove({ connectorId: fx.connectors.temporal, resourceTypeId: "user", externalId: "nobody" }), { audited: true });
    expect(missing.message).toBe("The account is not in the connector's latest sync.");
  });

  it("answers bad input with field errors", async () => {
    const result = await expectNothingChanged(() => remove({ connectorId: fx.connectors.temporal, resourceTypeId: "user", externalId: "" }), { audited: false });
    expect(result.fieldErrors?.externalId?.length).toBe(1);
  });
});

describe("the Grant dialog's search", () => {
  it("finds an account by part of its email for an owner, and answers a too long search with a field error", async () => {
    const search = (await getAction("app/(console)/applications/[appId]/provisioning-actions.ts", "searchGrantCandidatesAction")) as (input: unknown) => Promise<Result & { data?: { rows: { name: string; holds: boolean }[] } }>;
    await actAs("owner", fx);
    const found = await search({ connectorId: fx.connectors.temporal, entitlementId: "account-role:admin:member", q: "ADAM.ad" });
    expect(found.data?.rows).toEqual([expect.objectContaining({ name: "adam.admin@example.com", holds: true })]);
    const tooLong = await search({ connectorId: fx.connectors.temporal, entitlementId: "account-role:admin:member", q: "x".repeat(101) });
    expect(tooLong.fieldErrors?.q).toEqual(["Type at most 100 characters."]);
    await actAs("user", fx);
    expect(await search({ connectorId: fx.connectors.temporal, entitlementId: "account-role:admin:member", q: "adam" })).toMatchObject({ ok: false, message: "You do not have permission to do this." });
  });
});

vi.setConfig({ testTimeout: 60_000 });
