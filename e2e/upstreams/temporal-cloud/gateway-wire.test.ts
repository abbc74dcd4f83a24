// The grpc-gateway wire: every answer holds every field of its proto message, and says nothing
// the compact answer does not (what it adds is only defaults). Spoken to over raw HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeAnswer } from "./gateway-wire";
import { MESSAGES } from "./protos";
import { DEMO_API_KEY, startTemporalCloudSimulator, type TemporalCloudSimulator } from "./server";

const HEADERS = { authorization: `Bearer ${DEMO_API_KEY}`, "temporal-cloud-api-version": "v0.4.0" };
const RILEY = "50ad8162e37f9db0d1c26f708192a3b4";
const IVY = "61be9273f480aec1e2d3708192a3b4c5"; // the invited reader

let compact: TemporalCloudSimulator;
let gateway: TemporalCloudSimulator;
beforeAll(async () => {
  [compact, gateway] = await Promise.all([startTemporalCloudSimulator(), startTemporalCloudSimulator({ wire: "grpc-gateway" })]);
});
afterAll(() => Promise.all([compact.close(), gateway.close()]));

async function get(sim: TemporalCloudSimulator, path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(sim.url + path, { method: init.method ?? "GET", headers: HEADERS, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const isDefault = (value: unknown) =>
  value === null ||
  value === "" ||
  value === 0 ||
  value === "0" ||
  value === false ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === "string" && value.endsWith("_UNSPECIFIED")) ||
  (typeof value === "object" && value !== null && Object.keys(value).length === 0);

/** Where `full` differs from `compact` other than by adding default-valued fields. */
function differences(compactValue: unknown, full: unknown, path = ""): string[] {
  if (typeof compactValue !== "object" || compactValue === null) return Object.is(compactValue, full) ? [] : [`${path}: ${JSON.stringify(compactValue)} ≠ ${JSON.stringify(full)}`];
  if (typeof full !== "object" || full === null) return [`${path}: object became ${JSON.stringify(full)}`];
  const a = compactValue as Record<string, unknown>;
  const b = full as Record<string, unknown>;
  const problems = Object.keys(a).flatMap((key) => differences(a[key], b[key], `${path}.${key}`));
  for (const key of Object.keys(b)) if (!(key in a) && !isDefault(b[key])) problems.push(`${path}.${key}: added ${JSON.stringify(b[key])}`);
  return problems;
}

describe("grpc-gateway wire (EmitUnpopulated)", () => {
  it("writes a user with every field: null for unset messages, empty strings, zero enum names", async () => {
    const { body } = await get(gateway, `/cloud/users/${RILEY}`);
    expect(body).toEqual({
      user: {
        id: RILEY,
        resourceVersion: "1",
        spec: {
          email: "riley.read@example.com",
          access: { accountAccess: { roleDeprecated: "", role: "ROLE_READ" }, namespaceAccesses: { "prod.a7f3c": { permissionDeprecated: "", permission: "PERMISSION_READ" } } },
        },
        stateDeprecated: "",
        state: "RESOURCE_STATE_ACTIVE",
        asyncOperationId: "",
        invitation: null,
        createdTime: expect.any(String),
        lastModifiedTime: null,
      },
    });
    expect(((await get(gateway, `/cloud/users/${IVY}`)).body.user as { invitation: unknown }).invitation).toEqual({ createdTime: expect.any(String), expiredTime: expect.any(String) });
  });

  it("writes null for the kind of access a service account does not have", async () => {
    const accounts = (await get(gateway, "/cloud/service-accounts")).body.serviceAccount as { spec: Record<string, unknown> }[];
    expect(accounts.map((account) => [account.spec.access === null, account.spec.namespaceScopedAccess === null])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it.each(["/cloud/account", "/cloud/users", "/cloud/users?page_size=3", `/cloud/users/${IVY}`, "/cloud/namespaces", "/cloud/namespaces/prod.a7f3c", "/cloud/service-accounts"])(
    "%s: the compact answer plus default-valued fields only",
    async (path) => {
      const [a, b] = await Promise.all([get(compact, path), get(gateway, path)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(differences(a.body, b.body)).toEqual([]);
      expect(JSON.stringify(b.body).length).toBeGreaterThan(JSON.stringify(a.body).length);
    },
  );

  it("writes operations with every field, unset times and input as null", async () => {
    const user = (await get(gateway, `/cloud/users/${RILEY}`)).body.user as { resourceVersion: string };
    const write = await get(gateway, `/cloud/users/${RILEY}`, {
      method: "POST",
      body: { spec: { email: "riley.read@example.com", access: { accountAccess: { role: "ROLE_DEVELOPER" } } }, resource_version: user.resourceVersion },
    });
    expect(write.body.asyncOperation).toEqual({
      id: expect.any(String),
      stateDeprecated: "",
      state: "STATE_PENDING",
      checkDuration: "1s",
      operationType: "update-user",
      operationInput: null,
      failureReason: "",
      startedTime: expect.any(String),
      finishedTime: null,
    });
    const id = (write.body.asyncOperation as { id: string }).id;
    expect((await get(gateway, `/cloud/operations/${id}`)).body.asyncOperation).toMatchObject({ state: "STATE_FULFILLED", failureReason: "", finishedTime: expect.any(String) });
  });

  it("is switched by the control endpoint, and refuses a wire it does not know", async () => {
    const sim = await startTemporalCloudSimulator();
    try {
      const post = (body: unknown) => fetch(`${sim.url}/__control`, { method: "POST", body: JSON.stringify(body) });
      expect((await get(sim, "/cloud/account")).body.account).not.toHaveProperty("metrics");
      expect((await post({ action: "set-wire", wire: "grpc-gateway" })).status).toBe(200);
      expect((await get(sim, "/cloud/account")).body.account).toMatchObject({ spec: null, metrics: null, asyncOperationId: "" });
      expect((await post({ action: "set-wire", wire: "yaml" })).status).toBe(400);
    } finally {
      await sim.close();
    }
  });

  it("writes numbers as numbers, unset nested messages as null, and refuses fields its protos lack", () => {
    expect(writeAnswer("grpc-gateway", "namespaces.get", { namespace: { namespace: "x", limits: { actionsPerSecondLimit: 5 } } })).toMatchObject({
      namespace: { limits: { actionsPerSecondLimit: 5 }, spec: null, regionStatus: {} },
    });
    expect(() => writeAnswer("grpc-gateway", "users.get", { user: { id: "u", nickname: "x" } })).toThrow("users.get.user.nickname is not a field of User");
    expect(writeAnswer("compact", "users.get", { user: { id: "u" } })).toEqual({ user: { id: "u" } });
    expect(Object.keys(MESSAGES)).toContain("GetServiceAccountsResponse");
  });
});
