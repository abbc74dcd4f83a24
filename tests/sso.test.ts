// Single sign-on, called as the console calls it: the settings actions with real session
// cookies (validation, discovery against a real OpenID provider, sealing, who may), the
// environment override, the SSO sign-in outcome behind next-auth's callback, and password
// sign-in with SSO required.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOidcProvider, type OidcProviderSimulator } from "@/e2e/upstreams/oidc/server";
import type { Env } from "@/lib/env";
import { freePort } from "./test-database";
import { getAction } from "./proof/support/action-harness";
import { changesSince, markChanges } from "./proof/support/change-log";
import { startProofEnvironment, type ProofEnvironment } from "./proof/support/environment";
import { seedFixtures, type Fixtures } from "./proof/support/fixtures";
import { installNextRequestMocks } from "./proof/support/next-request";
import { actAs } from "./proof/support/principals";

installNextRequestMocks();

const ACTIONS = "app/(console)/admin/settings/sso/actions.ts";
const SECRET = "the-client-secret-of-this-test-5678";
type Result = { ok: boolean; message?: string; fieldErrors?: Record<string, string[]>; data?: unknown };
type Call = (input: unknown) => Promise<Result>;

let env: ProofEnvironment;
let idp: OidcProviderSimulator;
let fx: Fixtures;
let save: Call;
let test: Call;
let remove: Call;

const valid = () => ({
  displayName: "Corp ID",
  issuer: idp.issuer,
  clientId: "gatekeeper",
  clientSecret: SECRET,
  allowSignUp: true,
  defaultRole: "USER",
  groupsClaim: "groups",
  groupRoles: [{ group: "gatekeeper-super-admins", role: "SUPER_ADMIN" }],
  requireSso: false,
  breakGlassUserIds: [],
});

beforeAll(async () => {
  env = await startProofEnvironment();
  idp = await startOidcProvider({ client: { clientId: "gatekeeper", clientSecret: SECRET, redirectUris: ["http://localhost:3000/api/auth/callback/oidc"] } });
  [save, test, remove] = (await Promise.all(["saveSsoSettingsAction", "testSsoDiscoveryAction", "removeSsoSettingsAction"].map((name) => getAction(ACTIONS, name)))) as Call[];
}, 120_000);

afterAll(async () => {
  await idp?.close();
  await env?.stop();
});

beforeEach(async () => {
  fx = await seedFixtures(env.pool, env.upstreams);
  await actAs("superAdmin", fx);
});

const row = async () => (await env.pool.query(`SELECT * FROM sso_settings`)).rows[0] as Record<string, unknown> | undefined;

describe("saving the settings", () => {
  it("seals the client secret, keeps it when left blank, replaces it when typed, and audits field names only", async () => {
    expect((await save(valid())).ok).toBe(true);
    const stored = await row();
    expect(String(stored?.client_secret_sealed)).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    const { getSsoConfig, getSsoSettingsView } = await import("@/lib/data/sso-settings");
    const view = await getSsoSettingsView();
    expect(view?.clientSecretHint).toBe("••••••••5678");
    expect(JSON.stringify(view)).not.toContain(SECRET);

    expect((await save({ ...valid(), clientSecret: "", displayName: "Corp SSO" })).ok).toBe(true);
    expect((await getSsoConfig())?.clientSecret).toBe(SECRET);
    expect((await save({ ...valid(), displayName: "Corp SSO", clientSecret: "a-rotated-secret-9999" })).ok).toBe(true);
    expect((await getSsoConfig())?.clientSecret).toBe("a-rotated-secret-9999");

    const { rows } = await env.pool.query<{ summary: string; data: unknown }>(`SELECT summary, data FROM audit_events WHERE kind = 'settings.sso_saved' ORDER BY id`);
    expect(rows.map((r) => r.summary)).toEqual([
      `super@proof.test set up single sign-on with ${idp.issuer}`,
      "super@proof.test changed single sign-on: displayName",
      "super@proof.test changed single sign-on: clientSecret",
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/the-client-secret|a-rotated-secret/);
  });

  it("refuses bad input field by field and changes nothing", async () => {
    const mark = await markChanges(env.pool);
    const result = await save({ ...valid(), issuer: "ftp://idp.example", displayName: "", groupsClaim: "", requireSso: true });
    expect(result.ok).toBe(false);
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["breakGlassUserIds", "displayName", "groupsClaim", "issuer"]);
    expect((await save({ ...valid(), clientSecret: "" })).fieldErrors).toEqual({ clientSecret: ["Enter the client secret."] });
    expect((await save({ ...valid(), requireSso: true, breakGlassUserIds: [fx.users.user.id] })).fieldErrors).toEqual({ breakGlassUserIds: ["Choose active Super Administrators only."] });
    expect((await changesSince(env.pool, mark)).changes).toEqual([]);
  });

  it("maps each discovery failure to the issuer field, and saves nothing", async () => {
    const unreachable = await test({ issuer: `http://127.0.0.1:${await freePort()}` });
    expect(unreachable.fieldErrors?.issuer?.[0]).toMatch(/^The issuer cannot be reached \(ECONNREFUSED\)/);
    const notOpenId = await test({ issuer: `${idp.issuer}/jwks` });
    expect(notOpenId.fieldErrors?.issuer?.[0]).toBe(`This is not an OpenID provider: ${idp.issuer}/jwks/.well-known/openid-configuration answered HTTP 404.`);
    const mismatch = await save({ ...valid(), issuer: idp.issuer.replace("127.0.0.1", "localhost") });
    expect(mismatch.fieldErrors?.issuer?.[0]).toBe(`The provider calls itself ${idp.issuer}, not ${idp.issuer.replace("127.0.0.1", "localhost")}. Enter its issuer exactly.`);
    expect(await row()).toBeUndefined();
    expect(await test({ issuer: `${idp.issuer}/` })).toMatchObject({ ok: true, data: { issuer: idp.issuer } });
  });

  it("is for Super Administrators only", async () => {
    for (const principal of ["connectorAdmin", "user", "anonymous"] as const) {
      await actAs(principal, fx);
      const result = await save(valid());
      expect(result.ok, principal).toBe(false);
      expect(result.message).toBe(principal === "anonymous" ? "Your session has ended. Sign in again." : "You do not have permission to do this.");
    }
    expect(await row()).toBeUndefined();
  });

  it("turns off again, audited", async () => {
    await save(valid());
    expect((await remove({ confirm: true })).ok).toBe(true);
    expect(await row()).toBeUndefined();
    expect((await remove({ confirm: true })).message).toBe("Single sign-on is not set up.");
  });
});

describe("the environment override", () => {
  const base = { OIDC_ISSUER: "https://login.corp.example/", OIDC_CLIENT_ID: "gk", OIDC_CLIENT_SECRET: "env-secret-abcd1234", OIDC_DISPLAY_NAME: "Corp" } as Partial<Env>;

  it("wins over the stored row, masked in the view", async () => {
    await save(valid());
    const { getSsoConfig, getSsoSettingsView } = await import("@/lib/data/sso-settings");
    const { getEnv } = await import("@/lib/env");
    const withEnv = { ...getEnv(), ...base, OIDC_GROUP_ROLES: "admins=SUPER_ADMIN, ops=CONNECTOR_ADMIN", OIDC_REQUIRE_SSO: "true", OIDC_BREAK_GLASS_EMAILS: "Root@Corp.example" } as Env;
    expect(await getSsoConfig(withEnv)).toMatchObject({
      source: "environment",
      issuer: "https://login.corp.example",
      clientSecret: "env-secret-abcd1234",
      allowSignUp: false,
      defaultRole: "USER",
      groupRoles: [{ group: "admins", role: "SUPER_ADMIN" }, { group: "ops", role: "CONNECTOR_ADMIN" }],
      requireSso: true,
      breakGlass: { userIds: [], emails: ["root@corp.example"] },
    });
    const view = await getSsoSettingsView(withEnv);
    expect(view).toMatchObject({ source: "environment", clientSecretHint: "••••••••1234" });
    expect(JSON.stringify(view)).not.toContain("env-secret");
    // Without OIDC_ISSUER the row counts.
    expect((await getSsoConfig(getEnv()))?.source).toBe("database");
  });

  it("refuses to start half set or with an unreadable mapping", async () => {
    const { parseGroupRoles } = await import("@/lib/validation/sso");
    expect(parseGroupRoles("admins=OWNER")).toBeNull();
    expect(parseGroupRoles("no-role")).toBeNull();
    expect(parseGroupRoles("")).toEqual([]);
  });
});

describe("signing in with SSO (after next-auth verified the id_token)", () => {
  const claims = (email: string, groups: string[] = []) => ({ sub: `sub-${email}`, email, email_verified: true, name: "Ada", groups });

  it("creates an unknown email with its mapped role, recomputes the role next time, and audits both", async () => {
    await save(valid());
    const { completeSsoSignIn } = await import("@/lib/sso/sign-in");
    const first = await completeSsoSignIn(claims("ada@corp.test", ["gatekeeper-super-admins"]));
    expect(first.ok).toBe(true);
    const role = async () => (await env.pool.query(`SELECT role::text FROM users WHERE email = 'ada@corp.test'`)).rows[0]?.role;
    expect(await role()).toBe("SUPER_ADMIN");
    await completeSsoSignIn(claims("ada@corp.test", []));
    expect(await role()).toBe("USER");
    const { rows } = await env.pool.query<{ kind: string }>(`SELECT kind FROM audit_events WHERE actor_email = 'ada@corp.test' ORDER BY id`);
    expect(rows.map((r) => r.kind)).toEqual(["user.created", "auth.sso_sign_in", "user.role_changed", "auth.sso_sign_in"]);
  });

  it("refuses an unknown email when sign-up is off, and a disabled user always", async () => {
    await save({ ...valid(), allowSignUp: false });
    const { completeSsoSignIn } = await import("@/lib/sso/sign-in");
    expect(await completeSsoSignIn(claims("stranger@corp.test"))).toEqual({ ok: false, reason: "unknown-email" });
    expect((await env.pool.query(`SELECT 1 FROM users WHERE email = 'stranger@corp.test'`)).rowCount).toBe(0);
    await env.pool.query(`UPDATE users SET disabled = true WHERE id = $1`, [fx.users.target.id]);
    expect(await completeSsoSignIn(claims(fx.users.target.email))).toEqual({ ok: false, reason: "disabled" });
    const { rows } = await env.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'auth.sso_refused' AND result = 'refused'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
  });
});

describe("password sign-in with SSO required", () => {
  it("is refused with a clear message, except for the break-glass Super Administrators", async () => {
    await save({ ...valid(), requireSso: true, breakGlassUserIds: [fx.users.superAdmin.id] });
    const { hashPassword } = await import("@/lib/password");
    await env.pool.query(`UPDATE users SET password_hash = $1`, [await hashPassword("a-long-enough-password")]);
    const { authOptions, SSO_REQUIRED_ERROR } = await import("@/lib/auth");
    const credentials = authOptions.providers[0] as unknown as { options: { authorize: (c: Record<string, string>, req: unknown) => Promise<{ id: string } | null> } };
    const signIn = (email: string) => credentials.options.authorize({ email, password: "a-long-enough-password" }, { headers: {} });
    await expect(signIn(fx.users.connectorAdmin.email)).rejects.toThrow(SSO_REQUIRED_ERROR);
    await expect(signIn(fx.users.superAdmin.email)).resolves.toMatchObject({ id: fx.users.superAdmin.id });
    // A wrong password still gets the generic answer: the refusal never says who is break-glass.
    await expect(credentials.options.authorize({ email: fx.users.connectorAdmin.email, password: "not-the-password" }, { headers: {} })).rejects.toThrow("The email or password is not right.");
  });

  it("ends the password sessions already open when it is turned on, and keeps SSO and break-glass ones", async () => {
    const { getCurrentUser } = await import("@/lib/auth");
    const { sessionCookieFor } = await import("./proof/support/principals");
    const { setRequestContext } = await import("./proof/support/next-request");
    const as = async (user: { id: string; email: string }, via: "password" | "sso") => {
      setRequestContext(await sessionCookieFor(user, 0, via));
      return (await getCurrentUser())?.id ?? null;
    };
    expect(await as(fx.users.connectorAdmin, "password")).toBe(fx.users.connectorAdmin.id);
    await actAs("superAdmin", fx);
    expect((await save({ ...valid(), requireSso: true, breakGlassUserIds: [fx.users.superAdmin.id] })).ok).toBe(true);
    expect(await as(fx.users.connectorAdmin, "password")).toBeNull();
    expect(await as(fx.users.connectorAdmin, "sso")).toBe(fx.users.connectorAdmin.id);
    expect(await as(fx.users.superAdmin, "password")).toBe(fx.users.superAdmin.id);
  });
});
