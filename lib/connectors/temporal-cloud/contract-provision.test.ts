// grant / revoke (and account create / delete) against the simulator over real HTTP. Each test
// gets a fresh fixture organisation, so writes never leak between tests.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTemporalCloudSimulator, WIRES, type SimulatorOptions, type TemporalCloudSimulator } from "@/e2e/upstreams/temporal-cloud/server";
import { calls, collect, CONFIG, failure, testContext } from "./contract-support";
import { createTemporalCloudConnector, temporalCloud } from "./index";

const OWNER = "0b5e3c1d9f2a4e6b8c7d1a2b3c4d5e6f";
const FINANCE = "1c6f4d2eaf3b5f7c9d8e2b3c4d5e6f70";
const ADAM_ADMIN = "2d7a5e3fb04c6a8dae9f3c4d5e6f7081"; // prod admin, staging admin
const DANA_DEV = "3e8b6f40c15d7b9ebfa04d5e6f708192"; // staging write, dev admin
const DEVON_DEV = "4f9c7051d26e8cafc0b15e6f708192a3"; // dev write
const RILEY_READ = "50ad8162e37f9db0d1c26f708192a3b4"; // prod read
const IVY_READ = "61be9273f480aec1e2d3708192a3b4c5";
const MIA_METRICS = "72cfa38405919fd2f3e48192a3b4c5d6";
const ns = (name: string) => `${name}.a7f3c`;

// Every test runs twice: against the compact wire and against grpc-gateway's full emission
// (every field written, null for unset messages), with the same expectations.
describe.each(WIRES)("provisioning over the %s wire", (wire) => {
  let sim: TemporalCloudSimulator;
  const start = async (options: SimulatorOptions = {}) => {
    await sim?.close();
    sim = await startTemporalCloudSimulator({ wire, ...options });
  };
  beforeEach(() => start());
  afterEach(() => sim.close());

  const access = (userId: string) => sim.state.getUser(userId)!.spec.access;
  const grant = (entitlementId: string, principalId: string, context = testContext(sim)) =>
    temporalCloud.grant(CONFIG, { entitlementId, principalId }, context.ctx);
  const revoke = (entitlementId: string, principalId: string, context = testContext(sim)) =>
    temporalCloud.revoke(CONFIG, { entitlementId, principalId }, context.ctx);

  describe("namespace permissions", () => {
    it("grants with SetUserNamespaceAccess and the user's version, then waits for the operation", async () => {
      const context = testContext(sim);
      const before = sim.state.getUser(DEVON_DEV)!.resourceVersion;
      const result = await grant(`namespace:${ns("prod")}:write`, DEVON_DEV, context);
      expect(result).toEqual({ changed: true, message: `Gave devon.dev@example.com Write on ${ns("prod")}.` });
      expect(access(DEVON_DEV).namespaceAccesses).toEqual({ [ns("dev")]: { permission: "PERMISSION_WRITE" }, [ns("prod")]: { permission: "PERMISSION_WRITE" } });
      expect(sim.state.getUser(DEVON_DEV)!.resourceVersion).not.toBe(before);
      expect(calls(sim)).toEqual({ "users.get": 1, "namespace-access.set": 1, "operations.get": 1 });
      expect(context.sleeps).toEqual([1000]); // the operation's checkDuration
    });

    it("replaces a different permission on the same namespace", async () => {
      expect((await grant(`namespace:${ns("prod")}:admin`, RILEY_READ)).changed).toBe(true);
      expect(access(RILEY_READ).namespaceAccesses[ns("prod")]).toEqual({ permission: "PERMISSION_ADMIN" });
    });

    it("does not write when the permission is already held", async () => {
      expect(await grant(`namespace:${ns("prod")}:read`, RILEY_READ)).toMatchObject({ changed: false });
      expect(calls(sim)).toEqual({ "users.get": 1 });
    });

    it("revokes by removing the namespace from the whole spec, leaving role and other namespaces", async () => {
      const result = await revoke(`namespace:${ns("staging")}:write`, DANA_DEV);
      expect(result.changed).toBe(true);
      expect(access(DANA_DEV)).toEqual({ accountAccess: { role: "ROLE_DEVELOPER" }, namespaceAccesses: { [ns("dev")]: { permission: "PERMISSION_ADMIN" } } });
      expect(calls(sim)).toEqual({ "users.get": 1, "users.update": 1, "operations.get": 1 });
    });

    it("leaves a different permission alone and calls that success without change", async () => {
      const result = await revoke(`namespace:${ns("staging")}:admin`, DANA_DEV);
      expect(result).toEqual({ changed: false, message: `dana.dev@example.com has write, not admin, on ${ns("staging")}; nothing revoked.` });
      expect(access(DANA_DEV).namespaceAccesses[ns("staging")]).toEqual({ permission: "PERMISSION_WRITE" });
      expect((await revoke(`namespace:${ns("prod")}:read`, IVY_READ)).changed).toBe(false);
      expect(calls(sim)).toEqual({ "users.get": 2 });
    });

    it("names a namespace Temporal Cloud does not have", async () => {
      await failure(grant(`namespace:${ns("nope")}:read`, RILEY_READ), "not_found");
      expect(calls(sim)).toEqual({ "users.get": 1, "namespace-access.set": 1 });
    });
  });

  describe("account roles", () => {
    it("grants a role with UpdateUser, keeping the namespace accesses", async () => {
      expect((await grant("account-role:developer:member", RILEY_READ)).changed).toBe(true);
      expect(access(RILEY_READ)).toEqual({ accountAccess: { role: "ROLE_DEVELOPER" }, namespaceAccesses: { [ns("prod")]: { permission: "PERMISSION_READ" } } });
      expect(calls(sim)).toEqual({ "users.get": 1, "users.update": 1, "operations.get": 1 });
    });

    it("does not write a role the user already has", async () => {
      expect(await grant("account-role:admin:member", ADAM_ADMIN)).toMatchObject({ changed: false });
      expect(calls(sim)).toEqual({ "users.get": 1 });
    });

    it("revoking downgrades admin to developer and developer to read", async () => {
      expect(await revoke("account-role:admin:member", ADAM_ADMIN)).toMatchObject({ changed: true, message: expect.stringContaining("down to Developer") });
      expect(access(ADAM_ADMIN).accountAccess.role).toBe("ROLE_DEVELOPER");
      expect(Object.keys(access(ADAM_ADMIN).namespaceAccesses)).toEqual([ns("prod"), ns("staging")]);
      expect((await revoke("account-role:developer:member", DEVON_DEV)).changed).toBe(true);
      expect(access(DEVON_DEV).accountAccess.role).toBe("ROLE_READ");
    });

    it("revoking a role the user does not hold changes nothing", async () => {
      expect(await revoke("account-role:admin:member", DEVON_DEV)).toMatchObject({ changed: false });
      expect(access(DEVON_DEV).accountAccess.role).toBe("ROLE_DEVELOPER");
      expect(calls(sim)).toEqual({ "users.get": 1 });
    });

    it("refuses to revoke read: a Temporal Cloud user must keep a role", async () => {
      const error = await failure(revoke("account-role:read:member", RILEY_READ), "refused");
      expect(error.message).toMatch(/must keep an account role/);
      expect(sim.stats.total).toBe(0);
    });

    it.each([
      ["grant", "owner"],
      ["revoke", "owner"],
      ["grant", "financeadmin"],
      ["revoke", "financeadmin"],
    ] as const)("refuses to %s %s without calling Temporal Cloud", async (verb, role) => {
      const target = role === "owner" ? OWNER : FINANCE;
      const error = await failure((verb === "grant" ? grant : revoke)(`account-role:${role}:member`, target), "refused");
      expect(error.message).toMatch(/never granted or revoked by the connector/);
      expect(sim.stats.total).toBe(0);
    });

    it("refuses to change the role of an Owner or a Finance Admin", async () => {
      expect((await failure(grant("account-role:admin:member", OWNER), "refused")).message).toContain("is Account Owner");
      expect((await failure(grant("account-role:read:member", FINANCE), "refused")).message).toContain("is Finance Admin");
      expect(access(OWNER).accountAccess.role).toBe("ROLE_OWNER");
      expect(calls(sim)).toEqual({ "users.get": 2 });
    });

    it("moves a user off a role it does not know, but never grants or revokes that role", async () => {
      expect((await grant("account-role:developer:member", MIA_METRICS)).changed).toBe(true);
      expect(access(MIA_METRICS).accountAccess.role).toBe("ROLE_DEVELOPER");
      await failure(revoke("account-role:metricsread:member", MIA_METRICS), "refused");
    });

    it("names unknown entitlements and users", async () => {
      await failure(grant("team:x:member", RILEY_READ), "not_found");
      await failure(grant("namespace:prod.a7f3c:execute", RILEY_READ), "refused");
      expect(sim.stats.total).toBe(0);
      expect((await failure(grant("account-role:admin:member", "no-such-user"), "not_found")).message).toContain("no-such-user");
    });
  });

  describe("upstream answers during a write", () => {
    it("counts an upstream 'nothing to change' as success without change", async () => {
      sim.control({ action: "add-fault", fault: { kind: "status", match: "namespace-access.set", status: 400, code: 9, message: "nothing to change", times: 1 } });
      const result = await grant(`namespace:${ns("prod")}:write`, DEVON_DEV);
      expect(result).toMatchObject({ changed: false, message: expect.stringContaining("nothing to change") });
      expect(calls(sim)).toEqual({ "users.get": 1, "namespace-access.set": 1 });
    });

    it("re-reads and retries once on a stale resource version", async () => {
      sim.control({ action: "add-fault", fault: { kind: "concurrent-edit", times: 1 } });
      const context = testContext(sim);
      expect((await grant(`namespace:${ns("prod")}:write`, DEVON_DEV, context)).changed).toBe(true);
      expect(access(DEVON_DEV).namespaceAccesses[ns("prod")]).toEqual({ permission: "PERMISSION_WRITE" });
      expect(calls(sim)).toEqual({ "users.get": 2, "namespace-access.set": 2, "operations.get": 1 });
      expect(context.warnings).toEqual([expect.stringContaining("stale resource version")]);
    });

    it("gives up with a conflict when the version is stale twice", async () => {
      sim.control({ action: "add-fault", fault: { kind: "concurrent-edit", times: 2 } });
      const error = await failure(revoke("account-role:admin:member", ADAM_ADMIN), "conflict");
      expect(error.retryable).toBe(true);
      expect(calls(sim)).toEqual({ "users.get": 2, "users.update": 2 });
      expect(access(ADAM_ADMIN).accountAccess.role).toBe("ROLE_ADMIN");
    });

    it("reports a failed async operation with its reason", async () => {
      sim.control({ action: "add-fault", fault: { kind: "operation-failed", reason: "namespace is being deleted", times: 1 } });
      const error = await failure(grant(`namespace:${ns("prod")}:write`, DEVON_DEV), "operation_failed");
      expect(error.message).toContain("namespace is being deleted");
      expect(access(DEVON_DEV).namespaceAccesses[ns("prod")]).toBeUndefined();
      expect(calls(sim)).toEqual({ "users.get": 1, "namespace-access.set": 1, "operations.get": 1 });
    });

    it("polls an operation in progress at its checkDuration", async () => {
      await start({ operationPendingPolls: 2, checkDuration: "0.5s" });
      const context = testContext(sim);
      expect((await grant("account-role:developer:member", RILEY_READ, context)).changed).toBe(true);
      expect(sim.stats.byKind["operations.get"]).toBe(3);
      expect(context.sleeps).toEqual([500, 500, 500]);
    });

    it("stops polling after a bounded number of checks", async () => {
      await start({ operationPendingPolls: 1000 });
      const connector = createTemporalCloudConnector({ maxOperationPolls: 3 });
      const error = await failure(connector.grant(CONFIG, { entitlementId: "account-role:developer:member", principalId: RILEY_READ }, testContext(sim).ctx), "timeout");
      expect(error.message).toContain("after 3 checks");
      expect(sim.stats.byKind["operations.get"]).toBe(3);
    });

    it("names the API key when it may read but not write", async () => {
      await start({ apiKeys: [], readOnlyApiKeys: [CONFIG.apiKey] });
      const error = await failure(grant(`namespace:${ns("prod")}:write`, DEVON_DEV), "forbidden");
      expect(error.field).toBe("apiKey");
      expect(calls(sim)).toEqual({ "users.get": 1, "namespace-access.set": 1 });
    });
  });

  describe("accounts (the optional accounts capability)", () => {
    const accounts = temporalCloud.accounts!;

    it("declares users, never service accounts, and the roles the connector may give", () => {
      expect(accounts.resourceTypeId).toBe("user");
      expect(accounts.roles.map((role) => role.value)).toEqual(["admin", "developer", "read"]);
    });

    it("invites a user with CreateUser, the configured default role, and waits for the operation", async () => {
      const { ctx } = testContext(sim);
      const created = await accounts.create({ ...CONFIG, defaultAccountRole: "developer" }, { email: "new.person@example.com" }, ctx);
      expect(created).toMatchObject({ changed: true, message: "Invited new.person@example.com with the Developer role." });
      const userId = created.account.id;
      const user = sim.state.getUser(userId)!;
      expect(user.spec).toEqual({ email: "new.person@example.com", access: { accountAccess: { role: "ROLE_DEVELOPER" }, namespaceAccesses: {} } });
      expect(user.invitation).toBeDefined();
      expect(calls(sim)).toEqual({ "users.create": 1, "operations.get": 1 });
      // What the store shows until the next sync: the same records the sync then reads.
      expect(created.account).toMatchObject({ type: "resource", resourceTypeId: "user", displayName: "new.person@example.com", user: { email: "new.person@example.com", status: "enabled" } });
      expect(created.grants).toEqual([{ type: "grant", id: `account-role:developer:member:user:${userId}`, entitlementId: "account-role:developer:member", principal: { resourceTypeId: "user", id: userId } }]);
      const synced = (await collect(temporalCloud.sync(CONFIG, ctx))).filter((r) => r.type === "grant" && r.principal.id === userId);
      expect(synced).toEqual(created.grants);
    });

    it("invites with the chosen role, and refuses Owner, Finance Admin, unknown roles and a taken email", async () => {
      const { ctx } = testContext(sim);
      const created = await accounts.create(CONFIG, { email: "  ada.admin@example.com ", role: "admin" }, ctx);
      expect(sim.state.getUser(created.account.id)!.spec.access.accountAccess.role).toBe("ROLE_ADMIN");
      for (const role of ["owner", "financeadmin", "superuser"]) await failure(accounts.create(CONFIG, { email: "x@example.com", role }, ctx), "refused");
      await failure(accounts.create(CONFIG, { email: "not an email", role: "read" }, ctx), "refused");
      expect(calls(sim)).toEqual({ "users.create": 1, "operations.get": 1 });
      const taken = await failure(accounts.create(CONFIG, { email: "riley.read@example.com", role: "read" }, ctx), "refused");
      expect(taken.message).toContain("already exists");
      expect(sim.state.userCount).toBe(9);
    });

    it("removes users with DeleteUser and their resource version, never an Owner or a Finance Admin", async () => {
      const { ctx } = testContext(sim);
      expect((await failure(accounts.delete(CONFIG, { principalId: OWNER }, ctx), "refused")).message).toContain("is Account Owner");
      await failure(accounts.delete(CONFIG, { principalId: FINANCE }, ctx), "refused");
      expect(await accounts.delete(CONFIG, { principalId: DEVON_DEV }, ctx)).toEqual({ changed: true, message: "Removed devon.dev@example.com from Temporal Cloud." });
      expect(sim.state.getUser(DEVON_DEV)).toBeUndefined();
      expect(calls(sim)).toEqual({ "users.get": 3, "users.delete": 1, "operations.get": 1 });
      expect((await accounts.delete(CONFIG, { principalId: DEVON_DEV }, ctx)).changed).toBe(false);
      expect(sim.state.userCount).toBe(7);
    });
  });
});
