// Proof, part 3: fuzzed input. Every server action gets at least 1,000 generated inputs
// (PROOF_FUZZ_RUNS, default and minimum 1,000), valid ones mixed with garbage, mutated and
// hostile ones, and must:
//  - always answer with the typed result (a Next redirect/notFound thrown on purpose counts);
//  - never reach the "Action failed:" log, which is lib/action.ts's path for unexpected errors;
//  - change no row when the answer is not ok (provisioning may add its audit row: refusals are
//    audited on purpose, see provisioning-actions.ts);
//  - never pollute Object.prototype.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fuzzSpecs, type FuzzSpec } from "./fuzz-specs";
import { callAction, discoverExports, exportKey, getAction, type ActionOutcome } from "./support/action-harness";
import { changesSince, markChanges, onlyAuditInserts, type ChangeMark, type RowChange } from "./support/change-log";
import { startProofEnvironment, type ProofEnvironment } from "./support/environment";
import { seedFixtures, type Fixtures } from "./support/fixtures";
import { actionInputs } from "./support/fuzz-inputs";
import { installNextRequestMocks } from "./support/next-request";
import { actAs } from "./support/principals";

installNextRequestMocks();

const RUNS = Math.max(1000, Number(process.env.PROOF_FUZZ_RUNS) || 1000);
/** Valid inputs wear the fixtures down (deleted connectors, spent tokens): start afresh now and then. */
const RESEED_EVERY = 500;

let env: ProofEnvironment;
const totals = { actions: 0, valid: 0, invalid: 0, unhandled: 0 };
const perAction: string[] = [];

beforeAll(async () => {
  env = await startProofEnvironment();
}, 120_000);

afterAll(async () => {
  const n = (value: number) => value.toLocaleString("en-US");
  if (process.env.PROOF_FUZZ_VERBOSE) console.log(perAction.join("\n"));
  console.log(
    `Fuzzed input: ${totals.actions} actions, ${n(totals.valid + totals.invalid)} inputs tried (${n(totals.valid)} valid, ${n(totals.invalid)} invalid), ${totals.unhandled} unhandled`,
  );
  await env?.stop();
});

it("has a fuzz spec for every exported server action, and none for actions that are gone", async () => {
  const actions = new Set((await discoverExports()).filter((e) => e.kind === "action").map(exportKey));
  const specs = new Set(fuzzSpecs.map(exportKey));
  expect([...actions].filter((key) => !specs.has(key)), "actions without a fuzz spec in tests/proof/fuzz-specs.ts").toEqual([]);
  expect([...specs].filter((key) => !actions.has(key)), "fuzz specs for actions that no longer exist").toEqual([]);
});

function describeOutcome(outcome: ActionOutcome) {
  if (outcome.kind === "threw") return `threw ${outcome.error instanceof Error ? outcome.error.stack : String(outcome.error)}`;
  if (outcome.kind === "malformed") return `answered something that is not an ActionResult: ${fc.stringify(outcome.value)}`;
  return null;
}

function problemsOf(spec: FuzzSpec, outcome: ActionOutcome, changes: RowChange[], failureLogs: unknown[][], prototypeKeys: string[]) {
  const problems: string[] = [];
  const unhandled = describeOutcome(outcome);
  if (unhandled) problems.push(unhandled);
  if (failureLogs.length) problems.push(`reached the unexpected-error path: ${failureLogs.map((args) => args.map(String).join(" ")).join(" | ")}`);
  if (outcome.kind === "result" && !outcome.result.ok && !changesAllowed(spec, changes)) problems.push(`answered "${outcome.result.message}" but changed ${describeChanges(changes)}`);
  if (prototypeKeys.length) problems.push(`polluted Object.prototype with ${prototypeKeys.join(", ")}`);
  return problems;
}

const describeChanges = (changes: RowChange[]) => changes.map((c) => `${c.op} ${c.table}`).join(", ");
const changesAllowed = (spec: FuzzSpec, changes: RowChange[]) => !changes.length || (spec.auditsRefusals === true && onlyAuditInserts(changes));

/**
 * Inputs go in batches of BATCH, one principal per batch. The calls wait on PostgreSQL far more
 * than they compute, so the inputs the action's schema rejects run concurrently and the change
 * log is read once for all of them (they must all answer "not ok", so any change at all is a
 * failure). Inputs the schema accepts run one at a time, each with its own look at the log, so
 * a change is attributed to exactly one call.
 */
const BATCH = 10;

describe("fuzzed input", () => {
  for (const spec of fuzzSpecs) {
    it(`${spec.name} (${spec.file}) handles ${RUNS} generated inputs`, async () => {
      const action = await getAction(spec.file, spec.name);
      let fx: Fixtures = await seedFixtures(env.pool, env.upstreams, { snapshot: spec.snapshot });
      let mark: ChangeMark = await markChanges(env.pool);
      const stats = { valid: 0, invalid: 0, unhandled: 0 };
      const prototypeBefore = new Set(Object.getOwnPropertyNames(Object.prototype));
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      const started = Date.now();
      let calls = 0;

      const fail = (problems: string[], principal: string, inputs: unknown[]) => {
        stats.unhandled += 1;
        throw new Error(`${problems.join("; ")}\n  as ${principal}, input${inputs.length > 1 ? "s (one of)" : ""}: ${inputs.map((i) => fc.stringify(i).slice(0, 500)).join("\n    ")}`);
      };
      const check = (outcome: ActionOutcome, changes: RowChange[]) => {
        const failureLogs = errors.mock.calls.filter((args) => String(args[0]).startsWith("Action failed:"));
        const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).filter((key) => !prototypeBefore.has(key));
        return problemsOf(spec, outcome, changes, failureLogs, prototypeKeys);
      };

      try {
        await fc.assert(
          fc.asyncProperty(fc.array(actionInputs(spec.valid(fx), spec.validWeight, spec.mutatedWeight), { minLength: BATCH, maxLength: BATCH }), fc.constantFrom(...spec.principals), async (batch, principal) => {
            if (calls > 0 && calls % RESEED_EVERY === 0) {
              fx = await seedFixtures(env.pool, env.upstreams, { snapshot: spec.snapshot });
              mark = await markChanges(env.pool);
            }
            calls += batch.length;
            await actAs(principal, fx);
            const rejected = batch.filter((input) => !spec.schema.safeParse(input).success);
            const accepted = batch.filter((input) => spec.schema.safeParse(input).success);
            stats.invalid += rejected.length;
            stats.valid += accepted.length;

            errors.mockClear();
            const outcomes = await Promise.all(rejected.map((input) => callAction(action, input)));
            const after = await changesSince(env.pool, mark);
            mark = after.mark;
            const batchProblems = outcomes.flatMap((outcome) => [
              ...check(outcome, []),
              ...(outcome.kind === "result" && outcome.result.ok ? ["accepted an input its own schema rejects"] : []),
            ]);
            if (after.changes.length) batchProblems.push(`inputs the schema rejects changed ${describeChanges(after.changes)}`);
            if (batchProblems.length) fail([...new Set(batchProblems)], principal, rejected);

            for (const input of accepted) {
              errors.mockClear();
              const outcome = await callAction(action, input);
              const one = await changesSince(env.pool, mark);
              mark = one.mark;
              const problems = check(outcome, one.changes);
              if (problems.length) fail(problems, principal, [input]);
            }
          }),
          // No shrinking: the property depends on database state, which a replay would not restore.
          { numRuns: Math.ceil(RUNS / BATCH), endOnFailure: true },
        );
      } finally {
        errors.mockRestore();
        totals.actions += 1;
        totals.valid += stats.valid;
        totals.invalid += stats.invalid;
        totals.unhandled += stats.unhandled;
        perAction.push(`  ${spec.name}: ${stats.valid + stats.invalid} inputs (${stats.valid} valid, ${stats.invalid} invalid) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
      expect(stats.valid + stats.invalid).toBeGreaterThanOrEqual(RUNS);
    }, 300_000);
  }
});
