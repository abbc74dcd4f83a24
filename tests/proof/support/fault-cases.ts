// One fault case of the upstream proof: arm the fault, run the operation through the app layer,
// observe what the app shows and what it stored, then judge. Observing first and asserting
// after lets the summary count what really happened even when a case fails.
import { isDeepStrictEqual } from "node:util";
import type pg from "pg";
import { expect } from "vitest";
import { countSnapshotTables, fingerprintSnapshot, type SnapshotFingerprint } from "@/lib/sync/testing/fixtures";
import { attemptsPerRequest, HTTP_ATTEMPT_BOUND, RUN_ATTEMPT_BOUND, type FaultExpectation, type Operation } from "./fault-expectations";
import { RETRY_AFTER_SECONDS, type FaultName, type FaultUpstream } from "./fault-upstreams";
import type { ObservedError } from "./observed-connectors";

export type CaseEnv = {
  pool: pg.Pool;
  upstream: FaultUpstream;
  connectorId: string;
  probe: { errors: ObservedError[]; sleeps: number[] };
  sync: typeof import("@/lib/sync");
  settingsActions: typeof import("@/app/(console)/admin/connectors/[id]/settings-actions");
  provisioningActions: typeof import("@/app/(console)/applications/[appId]/provisioning-actions");
};

/** Everything stored about a connector that a failed operation must not change. */
async function connectorState(env: CaseEnv) {
  const { rows } = await env.pool.query(
    `SELECT c.settings_sealed, c.settings_public, c.status, c.status_reason, c.updated_at,
            (SELECT count(*) FROM sync_runs r WHERE r.connector_id = c.id) AS runs,
            (SELECT count(*) FROM audit_events a WHERE a.connector_id = c.id AND a.kind = 'connector.settings_changed') AS saves
       FROM connectors c WHERE c.id = $1`,
    [env.connectorId],
  );
  return rows[0] as Record<string, unknown>;
}

type Observation = {
  shown: string;
  error?: ObservedError;
  runAttempts: number;
  requests: string[];
  before: SnapshotFingerprint;
  after: SnapshotFingerprint;
  /** Further facts that must hold for the snapshot/settings to count as intact. */
  intactFacts: Record<string, unknown>;
  expectedFacts: Record<string, unknown>;
  runFacts?: Record<string, unknown>;
  /** Form fields the check's failure is shown on. */
  fields?: string[];
};

async function observeCheck(env: CaseEnv): Promise<Partial<Observation>> {
  const stored = await connectorState(env);
  const result = await env.settingsActions.saveSettingsAction({ connectorId: env.connectorId, values: env.upstream.formValues });
  const fieldErrors = result.ok ? {} : (result.fieldErrors ?? {});
  const shown = result.ok ? "saved" : [result.message, ...Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v?.join(" ")}`)].join(" | ");
  return { shown, fields: Object.keys(fieldErrors), runAttempts: 1, intactFacts: { stored: await connectorState(env) }, expectedFacts: { stored } };
}

async function observeGrant(env: CaseEnv): Promise<Partial<Observation>> {
  const { rows } = await env.pool.query<{ entitlement: string; type: string; principal: string }>(
    `SELECT e.external_id AS entitlement, r.resource_type_id AS type, r.external_id AS principal
       FROM connectors c JOIN entitlements e ON e.sync_run_id = c.current_sync_run_id AND e.provisionable
       JOIN resources r ON r.sync_run_id = e.sync_run_id AND r.is_user AND r.user_status = 'enabled' AND r.resource_type_id = ANY(e.grantable_to)
      WHERE c.id = $1 AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.sync_run_id = e.sync_run_id AND g.entitlement_id = e.external_id AND g.principal_external_id = r.external_id)
      ORDER BY e.external_id, r.external_id LIMIT 1`,
    [env.connectorId],
  );
  const target = rows[0];
  expect(target, "a grantable entitlement and account in the snapshot").toBeDefined();
  const runs = (await connectorState(env)).runs;
  const input = { connectorId: env.connectorId, entitlementId: target.entitlement, principalTypeId: target.type, principalId: target.principal };
  const result = await env.provisioningActions.grantEntitlementAction(input);
  const audit = await env.pool.query<{ result: string; message: string }>(
    `SELECT result, data->>'message' AS message FROM audit_events WHERE connector_id = $1 AND kind = 'provisioning.grant' ORDER BY id DESC LIMIT 1`,
    [env.connectorId],
  );
  const granted = await env.pool.query(
    `SELECT 1 FROM grants g JOIN connectors c ON g.sync_run_id = c.current_sync_run_id WHERE c.id = $1 AND g.entitlement_id = $2 AND g.principal_external_id = $3`,
    [env.connectorId, target.entitlement, target.principal],
  );
  return {
    shown: result.ok ? "granted" : `${result.message} | audit ${audit.rows[0]?.result}: ${audit.rows[0]?.message}`,
    runAttempts: 1,
    intactFacts: { grantRows: granted.rowCount, runs: (await connectorState(env)).runs, auditResult: audit.rows[0]?.result },
    expectedFacts: { grantRows: 0, runs, auditResult: "failed" },
  };
}

async function observeSync(env: CaseEnv, expected: FaultExpectation): Promise<Partial<Observation>> {
  const { sync, pool } = env;
  const { runId } = await sync.enqueueSync(env.connectorId, "manual");
  let runAttempts = 0;
  // The job queue, without its waits: each retry it schedules is made due at once.
  for (; runAttempts < RUN_ATTEMPT_BOUND + 2; runAttempts++) {
    await pool.query(`UPDATE sync_runs SET next_attempt_at = NULL WHERE id = $1`, [runId]);
    await sync.executeRun(runId);
    if ((await sync.getRunProgress(runId))?.status !== "QUEUED") break;
  }
  const run = await sync.getRunProgress(runId);
  const connector = await pool.query<{ status: string; status_reason: string | null }>(`SELECT status, status_reason FROM connectors WHERE id = $1`, [env.connectorId]);
  const jobs = await pool.query(`SELECT 1 FROM pgboss.job WHERE name = 'connector-sync' AND data->>'runId' = $1`, [runId]);
  return {
    shown: `${run?.errorMessage} | connector ${connector.rows[0].status}: ${connector.rows[0].status_reason}`,
    runAttempts: run?.attempts ?? runAttempts + 1,
    intactFacts: { runTables: await countSnapshotTables(pool, runId) },
    expectedFacts: { runTables: 0 },
    runFacts: {
      status: run?.status,
      errorKind: run?.errorKind,
      labelled: run?.errorMessage?.startsWith(`${expected.label}: `),
      connectorStatus: connector.rows[0].status,
      statusIsRunError: connector.rows[0].status_reason === run?.errorMessage,
      jobsPerAttempt: (jobs.rowCount ?? 0) / Math.max(1, run?.attempts ?? 1),
    },
  };
}

export async function runFaultCase(env: CaseEnv, operation: Operation, fault: FaultName, expected: FaultExpectation) {
  const { upstream, probe } = env;
  const before = await fingerprintSnapshot(env.pool, env.connectorId);
  upstream.reset();
  probe.errors.length = 0;
  probe.sleeps.length = 0;
  upstream.arm(fault);
  const observed =
    operation === "check" ? await observeCheck(env) : operation === "grant" ? await observeGrant(env) : await observeSync(env, expected);
  const requests = await upstream.requests();
  upstream.reset();
  const after = await fingerprintSnapshot(env.pool, env.connectorId);
  const errors = probe.errors.filter((e) => e.operation === operation);
  const runAttempts = observed.runAttempts ?? 1;
  const httpAttempts = attemptsPerRequest(requests, runAttempts);
  const shown = observed.shown ?? "";
  const reason = upstream.reasons[fault];

  const named = errors.length === runAttempts && errors.every((e) => e.kind === expected.kind) && reason.test(shown);
  const intact = isDeepStrictEqual({ after, ...observed.intactFacts }, { after: before, ...observed.expectedFacts });
  const figures = { httpAttempts, runAttempts, requests: requests.length, named, intact };

  // The judgement, with messages that say which part failed.
  expect(errors.map((e) => e.kind), `named error kinds (${shown})`).toEqual(Array(runAttempts).fill(expected.kind));
  expect(shown, "the upstream's reason, as the app shows it").toMatch(reason);
  expect(after, "the last good snapshot").toEqual(before);
  expect(observed.intactFacts).toEqual(observed.expectedFacts);
  expect(httpAttempts, `attempts per request (${requests.join(", ")})`).toBe(expected.httpRetried ? HTTP_ATTEMPT_BOUND : 1);
  if (operation === "check" && fault === "401") expect(observed.fields, "the credential field").toContain(`values.${upstream.secretField}`);
  if (operation === "check" && fault === "403") expect(observed.fields?.length, "a field named").toBe(1);
  if (fault === "429") expect(new Set(probe.sleeps)).toEqual(new Set([RETRY_AFTER_SECONDS * 1000])); // Retry-After honoured
  if (operation === "sync") {
    expect(observed.runFacts).toEqual({ status: "FAILED", errorKind: expected.kind, labelled: true, connectorStatus: "ERROR", statusIsRunError: true, jobsPerAttempt: 1 });
    expect(runAttempts).toBe(expected.runRetried ? RUN_ATTEMPT_BOUND : 1);
  }
  return figures;
}
