// Proof, part 1: the authorization matrix. Every server action and route handler of app/ is
// called directly, server-side, as every principal, on freshly seeded data; the answer must be
// what action-registry.ts says. A refusal must be the app's refusal (NOT_SIGNED_IN/NOT_ALLOWED,
// a public action's own guard, HTTP 401/403) and must change no database row.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actionRegistry, registry, routeRegistry, type ActionCase, type ActionEntry, type RouteCase, type RouteEntry } from "./action-registry";
import { callAction, callRoute, discoverExports, exportKey, getAction, getRoute } from "./support/action-harness";
import { changesSince, markChanges, type RowChange } from "./support/change-log";
import { startProofEnvironment, type ProofEnvironment } from "./support/environment";
import { seedFixtures, type Fixtures } from "./support/fixtures";
import { currentCookieHeader, installNextRequestMocks, setRequestContext } from "./support/next-request";
import { actAs, ALL_PRINCIPALS, PRINCIPAL_LABELS, SESSION_PRINCIPALS, sessionCookieFor, type Principal } from "./support/principals";

installNextRequestMocks();

let env: ProofEnvironment;
let messages: { NOT_SIGNED_IN: string; NOT_ALLOWED: string; GENERIC: string };

beforeAll(async () => {
  env = await startProofEnvironment();
  const { NOT_SIGNED_IN, NOT_ALLOWED } = await import("@/lib/action");
  messages = { NOT_SIGNED_IN, NOT_ALLOWED, GENERIC: "Something went wrong on our side. Nothing was changed; try again." };
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

describe("registry completeness", () => {
  it("names every exported action and route handler of app/, and nothing that no longer exists", async () => {
    const discovered = new Set((await discoverExports()).map(exportKey));
    const registered = new Set(registry.map(exportKey));
    const missing = [...discovered].filter((key) => !registered.has(key));
    const stale = [...registered].filter((key) => !discovered.has(key));
    expect(missing, `Exports missing from tests/proof/action-registry.ts: ${missing.join(", ")}`).toEqual([]);
    expect(stale, `Registry entries with no such export in app/: ${stale.join(", ")}`).toEqual([]);
    // Every entry states an expectation for at least one case.
    for (const entry of registry) expect(entry.cases.length, exportKey(entry)).toBeGreaterThan(0);
  });
});

describe("the request context", () => {
  it("gives each call its own principal: getCurrentUser is not memoized across calls", async () => {
    // getCurrentUser is React's cache(). Outside a React Server Components render, vitest
    // resolves `react` without the "react-server" condition, and that build's cache() is a
    // pass-through (it memoizes only inside a request's render), so nothing needs resetting
    // between calls. This test keeps that true: were it ever memoized, the second and third
    // calls would return the first principal.
    const fx = await seedFixtures(env.pool, env.upstreams);
    const { getCurrentUser } = await import("@/lib/auth");
    await actAs("superAdmin", fx);
    expect((await getCurrentUser())?.id).toBe(fx.users.superAdmin.id);
    await actAs("user", fx);
    expect((await getCurrentUser())?.id).toBe(fx.users.user.id);
    await actAs("anonymous", fx);
    expect(await getCurrentUser()).toBeNull();
    // The cookie is checked, not trusted: an older session version (password changed) is over.
    setRequestContext(await sessionCookieFor(fx.users.superAdmin, 7));
    expect(await getCurrentUser()).toBeNull();
  });
});

type PairResult = { refused: boolean; failure?: string };

async function seedFor(seed: ActionCase["seed"]): Promise<Fixtures> {
  return seedFixtures(env.pool, env.upstreams, { users: seed !== "empty" });
}

function describeChanges(changes: RowChange[]) {
  return changes.map((c) => `${c.op} ${c.table}`).join(", ");
}

async function checkActionPair(entry: ActionEntry, testCase: ActionCase, principal: Principal): Promise<PairResult> {
  const fx = await seedFor(testCase.seed);
  await actAs(principal, fx);
  const action = await getAction(entry.file, entry.name);
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const mark = await markChanges(env.pool);
  const outcome = await callAction(action, testCase.input(fx)).finally(() => errors.mockRestore());
  const { changes } = await changesSince(env.pool, mark);
  const expectAllowed = (testCase.allowed as readonly Principal[]).includes(principal);

  if (outcome.kind !== "result") return { refused: false, failure: `did not return a result (${outcome.kind})` };
  const { result } = outcome;
  const refusals = [messages.NOT_SIGNED_IN, messages.NOT_ALLOWED, ...(testCase.refusal ? [testCase.refusal] : [])];
  const refused = !result.ok && refusals.includes(result.message);
  const answer = result.ok ? "ok" : `"${result.message}"`;
  if (expectAllowed && refused) return { refused, failure: `expected allowed, was refused: ${answer}` };
  if (!expectAllowed && !refused) return { refused, failure: `expected refused, got ${answer}${changes.length ? `; changed ${describeChanges(changes)}` : ""}` };
  if (refused && changes.length) return { refused, failure: `refused but changed rows: ${describeChanges(changes)}` };
  if (refused && principal === "anonymous" && !testCase.refusal && result.message !== messages.NOT_SIGNED_IN) return { refused, failure: `anonymous should get NOT_SIGNED_IN, got ${answer}` };
  if (!result.ok && result.message === messages.GENERIC) return { refused, failure: `allowed but failed unexpectedly: ${errors.mock.calls.map((c) => c.join(" ")).join("; ")}` };
  return { refused };
}

async function runnerToken(fx: Fixtures): Promise<string> {
  const token = await getRoute("app/api/v1/token/route.ts", "POST");
  setRequestContext(null);
  const response = await token(
    new Request("http://localhost:3000/api/v1/token", { method: "POST", body: JSON.stringify({ client_id: fx.baton.clientId, client_secret: fx.baton.clientSecret }), headers: { "content-type": "application/json" } }),
    undefined,
  );
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`The runner could not get a token (${response.status})`);
  return body.access_token;
}

async function checkRoutePair(entry: RouteEntry, testCase: RouteCase, principal: Principal): Promise<PairResult> {
  const fx = await seedFixtures(env.pool, env.upstreams);
  // The runner has a token and no session; everyone else a session (or none) and no token.
  const bearer = principal === "connectorToken" ? await runnerToken(fx) : null;
  await actAs(principal, fx);
  const handler = await getRoute(entry.file, entry.name);
  const request = testCase.request(fx, { principal, bearer, cookie: currentCookieHeader() });
  const errors = vi.spyOn(console, "error").mockImplementation(() => {});
  const mark = await markChanges(env.pool);
  const { status, body } = await callRoute(handler, request, testCase.context?.(fx)).finally(() => errors.mockRestore());
  const { changes } = await changesSince(env.pool, mark);
  const expectAllowed = testCase.allowed.includes(principal);
  const refused = status === 401 || status === 403;
  if (expectAllowed && refused) return { refused, failure: `expected allowed, was refused: ${status} ${body.slice(0, 200)}` };
  if (!expectAllowed && !refused) return { refused, failure: `expected refused (401/403), got ${status} ${body.slice(0, 200)}` };
  if (refused && changes.length) return { refused, failure: `refused but changed rows: ${describeChanges(changes)}` };
  if (status >= 500) return { refused, failure: `allowed but failed: ${status} ${body.slice(0, 200)}` };
  return { refused };
}

describe("authorization matrix", () => {
  it("answers every (action or route, principal) pair as the registry says", async () => {
    const failures: string[] = [];
    let pairs = 0;
    let refusedAsExpected = 0;
    const record = (name: string, testCase: { label: string }, principal: Principal, result: PairResult) => {
      pairs += 1;
      if (result.failure) failures.push(`${name}${testCase.label ? ` (${testCase.label})` : ""} as ${PRINCIPAL_LABELS[principal]}: ${result.failure}`);
      else if (result.refused) refusedAsExpected += 1;
    };
    for (const entry of actionRegistry) {
      for (const testCase of entry.cases) {
        for (const principal of SESSION_PRINCIPALS) record(exportKey(entry), testCase, principal, await checkActionPair(entry, testCase, principal));
      }
    }
    for (const entry of routeRegistry) {
      for (const testCase of entry.cases) {
        for (const principal of ALL_PRINCIPALS) record(exportKey(entry), testCase, principal, await checkRoutePair(entry, testCase, principal));
      }
    }
    console.log(`Authorization matrix: ${pairs} pairs checked, ${refusedAsExpected} refused as expected`);
    expect(failures).toEqual([]);
  }, 300_000);
});
