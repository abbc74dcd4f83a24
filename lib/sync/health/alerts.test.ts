// The owners hear once when a connector starts failing, once when the error changes, once when
// it recovers, and once at each expiry warning; never twice, whatever runs at the same time.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestConnector, startSyncTestDatabase, type SyncTestContext } from "../testing/fixtures";

let ctx: SyncTestContext;
let health: typeof import("./index");
let connectorId: string;
let minute = 0;

beforeAll(async () => {
  ctx = await startSyncTestDatabase();
  health = await import("./index");
  await ctx.pool.query(
    `INSERT INTO users (id, email, name, role, updated_at) VALUES ('u-olive', 'olive@acme.test', 'Olive Owner', 'USER', now()), ('u-omar', 'omar@acme.test', 'Omar Owner', 'USER', now())`,
  );
});

afterAll(async () => {
  await (await import("../pool")).closeSyncPool();
  await ctx?.stop();
});

beforeEach(async () => {
  ({ connectorId } = await createTestConnector(ctx.pool, { name: `Billing ${randomUUID().slice(0, 6)}` }));
  await ctx.pool.query(`INSERT INTO connector_owners (connector_id, user_id) VALUES ($1, 'u-olive'), ($1, 'u-omar')`, [connectorId]);
});

/** A run that ended, each one a minute after the previous. */
async function endRun(status: "FAILED" | "SUCCEEDED", kind = "unauthorized", message = "Credentials rejected: the API key is invalid") {
  minute++;
  await ctx.pool.query(
    `INSERT INTO sync_runs (id, connector_id, status, trigger, queued_at, started_at, finished_at, error_kind, error_message)
     VALUES ($1, $2, $3::"SyncRunStatus", 'schedule', (now() AT TIME ZONE 'UTC') - interval '1 day' + make_interval(mins => $4), now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', $5, $6)`,
    [`r${randomUUID().replace(/-/g, "")}`, connectorId, status, minute, status === "FAILED" ? kind : null, status === "FAILED" ? message : null],
  );
  return health.evaluateFailureAlert(connectorId);
}

async function mails() {
  const { rows } = await ctx.pool.query<{ to: string; subject: string; text: string; status: string }>(
    `SELECT "to", subject, text, status FROM email_messages WHERE text LIKE '%' || $1 || '%' ORDER BY created_at, "to"`,
    [connectorId],
  );
  return rows;
}

/** An hour and more has passed since the last alert: the rate limit no longer holds. */
const anHourLater = () => ctx.pool.query(`UPDATE connector_alert_states SET last_alert_at = last_alert_at - interval '61 minutes' WHERE connector_id = $1`, [connectorId]);

describe("failed-sync alerts", () => {
  it("sends one email per owner at the third failure, none at the fourth, one on recovery", async () => {
    await endRun("FAILED");
    await endRun("FAILED");
    expect(await mails()).toHaveLength(0);
    await endRun("FAILED");
    let sent = await mails();
    expect(sent.map((m) => m.to)).toEqual(["olive@acme.test", "omar@acme.test"]);
    expect(sent[0].subject).toMatch(/is failing: Credentials rejected/);
    expect(sent[0].text).toContain("The latest error (unauthorized): Credentials rejected: the API key is invalid");
    expect(sent[0].text).toContain(`/admin/connectors/${connectorId}`);
    expect(sent[0].status).toBe("OUTBOX"); // no SMTP here: kept in the outbox, not lost

    await endRun("FAILED");
    expect(await mails()).toHaveLength(2);

    await endRun("SUCCEEDED");
    sent = await mails();
    expect(sent).toHaveLength(4);
    expect(sent.slice(2).map((m) => m.subject)).toEqual([expect.stringMatching(/has recovered$/), expect.stringMatching(/has recovered$/)]);
    expect(sent[2].text).toContain("succeeded after 4 failed syncs");
    await endRun("SUCCEEDED");
    expect(await mails()).toHaveLength(4);

    const { rows: audit } = await ctx.pool.query(`SELECT summary FROM audit_events WHERE connector_id = $1 AND kind = 'connector.alert_sent' ORDER BY id`, [connectorId]);
    expect(audit.map((a) => a.summary)).toEqual([expect.stringMatching(/^Failed-sync alert of .* sent to 2 owners$/), expect.stringMatching(/^Recovery notice of .* sent to 2 owners$/)]);
  });

  it("sends one more email when the error kind changes, held back within the hour", async () => {
    for (let i = 0; i < 3; i++) await endRun("FAILED", "upstream_unavailable", "Upstream unavailable: 503");
    expect(await mails()).toHaveLength(2);
    await endRun("FAILED", "malformed_response", "Unexpected upstream response: not JSON");
    expect(await mails()).toHaveLength(2); // rate-limited: at most one alert an hour
    await anHourLater();
    await endRun("FAILED", "malformed_response", "Unexpected upstream response: not JSON");
    const sent = await mails();
    expect(sent).toHaveLength(4);
    expect(sent[2].subject).toMatch(/failing with a different error: Unexpected upstream response$/);
    await endRun("FAILED", "malformed_response", "Unexpected upstream response: not JSON");
    expect(await mails()).toHaveLength(4);
  });

  it("honours the connector's own threshold", async () => {
    await ctx.pool.query(`UPDATE connectors SET failure_alert_threshold = 1 WHERE id = $1`, [connectorId]);
    await endRun("FAILED");
    expect(await mails()).toHaveLength(2);
  });

  it("sends once when two workers settle the same failure at once", async () => {
    await endRun("FAILED");
    await endRun("FAILED");
    minute++;
    await ctx.pool.query(
      `INSERT INTO sync_runs (id, connector_id, status, trigger, queued_at, finished_at, error_kind, error_message)
       VALUES ($1, $2, 'FAILED', 'schedule', (now() AT TIME ZONE 'UTC') - interval '1 day' + make_interval(mins => $3), now() AT TIME ZONE 'UTC', 'timeout', 'Timed out')`,
      [`r${randomUUID().replace(/-/g, "")}`, connectorId, minute],
    );
    const results = await Promise.all(Array.from({ length: 6 }, () => health.evaluateFailureAlert(connectorId)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await mails()).map((m) => m.to)).toEqual(["olive@acme.test", "omar@acme.test"]);
  });
});

describe("credential expiry", () => {
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

  it("warns 14 days before once, 3 days before once, and once when expired", async () => {
    await health.storeCredentialExpiry(connectorId, inDays(30), "upstream");
    expect(await mails()).toHaveLength(0);
    const expiry = inDays(10);
    await health.storeCredentialExpiry(connectorId, expiry, "upstream");
    let sent = await mails();
    expect(sent.map((m) => m.subject)).toEqual([expect.stringMatching(/expires in 10 days$/), expect.stringMatching(/expires in 10 days$/)]);
    await health.storeCredentialExpiry(connectorId, expiry, "upstream");
    await health.checkConnectorHealth();
    expect(await mails()).toHaveLength(2);

    await anHourLater();
    const near = inDays(2.5);
    await health.storeCredentialExpiry(connectorId, near, "upstream");
    sent = await mails();
    expect(sent).toHaveLength(4);
    expect(sent[2].subject).toMatch(/expires in 3 days$/);
    await health.evaluateExpiryAlert(connectorId);
    expect(await mails()).toHaveLength(4);

    await anHourLater();
    await ctx.pool.query(`UPDATE connectors SET credential_expires_at = (now() AT TIME ZONE 'UTC') - interval '1 minute' WHERE id = $1`, [connectorId]);
    await ctx.pool.query(`UPDATE connector_alert_states SET expiry_warned_for = (SELECT credential_expires_at FROM connectors WHERE id = $1) WHERE connector_id = $1`, [connectorId]);
    await health.checkConnectorHealth();
    sent = await mails();
    expect(sent).toHaveLength(6);
    expect(sent[4].subject).toMatch(/has expired$/);
    await health.checkConnectorHealth();
    expect(await mails()).toHaveLength(6);

    const { listConnectorStandings } = await import("@/lib/data/connector-states");
    const standing = (await listConnectorStandings()).find((c) => c.id === connectorId);
    expect(standing?.state).toBe("credential-expired");
  });

  it("starts afresh for a rotated credential", async () => {
    await health.storeCredentialExpiry(connectorId, inDays(12), "upstream");
    expect(await mails()).toHaveLength(2);
    await anHourLater();
    await health.storeCredentialExpiry(connectorId, inDays(13), "admin");
    expect(await mails()).toHaveLength(4);
  });

  it("sends nothing for a credential that does not expire", async () => {
    await health.storeCredentialExpiry(connectorId, null, "upstream");
    await health.checkConnectorHealth();
    expect(await mails()).toHaveLength(0);
  });
});

describe("self-hosted runners", () => {
  it("alerts once when the runner has been silent for three intervals, and once when it is back", async () => {
    await ctx.pool.query(
      `UPDATE connectors SET catalog_id = 'baton', client_id = $2, sync_interval_minutes = 60, last_seen_at = (now() AT TIME ZONE 'UTC') - interval '181 minutes' WHERE id = $1`,
      [connectorId, `bc_${randomUUID()}`],
    );
    await health.checkConnectorHealth();
    await health.checkConnectorHealth();
    let sent = await mails();
    expect(sent.map((m) => m.subject)).toEqual([expect.stringMatching(/runner of .* has not been seen$/), expect.stringMatching(/has not been seen$/)]);
    await ctx.pool.query(`UPDATE connectors SET last_seen_at = now() AT TIME ZONE 'UTC' WHERE id = $1`, [connectorId]);
    await health.evaluateRunnerAlert(connectorId);
    await health.evaluateRunnerAlert(connectorId);
    sent = await mails();
    expect(sent).toHaveLength(4);
    expect(sent[2].subject).toMatch(/is back$/);
  });
});
