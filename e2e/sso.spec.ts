// Single sign-on against a real OpenID provider on loopback (oidc-provider, started by
// scripts/e2e.ts): an administrator sets it up in Admin > Settings > Single sign-on, a new
// person signs in with it and gets the role their group maps to, and four bad answers are each
// refused with the console's error page and no session: an id_token for another audience,
// an expired one, one whose signature does not match, and a callback URL used a second time.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";
import { testDb } from "./support/db";

const ISSUER = process.env.E2E_OIDC_ISSUER ?? "";
const CLIENT_ID = process.env.E2E_OIDC_CLIENT_ID ?? "";
const CLIENT_SECRET = process.env.E2E_OIDC_CLIENT_SECRET ?? "";
const NAME = "Corp ID";
const SCREENS = "test-results/screens";
/** Nothing listens on port 2 of loopback (and fetch does not refuse it as it does port 1). */
const CLOSED_PORT = "http://127.0.0.1:2";

test.describe.configure({ mode: "serial" });
test.skip(!ISSUER, "run through scripts/e2e.ts, which starts the identity provider");

async function control(path: string, body: unknown) {
  const response = await fetch(`${ISSUER}/__control/${path}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  expect(response.status).toBe(204);
}

/** Sign-in page → the provider's login (and consent, the first time) → back to the console. */
async function signInWithSso(page: Page, login: string) {
  // The provider's development pages import a web font; there is no internet here.
  await page.route("https://fonts.googleapis.com/**", (route) => route.abort());
  await page.goto("/signin");
  await page.getByRole("button", { name: `Sign in with ${NAME}` }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything at the development provider");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  const back = page.getByTestId("current-user").or(page.getByRole("heading", { name: "Sign-in refused" }));
  await expect(consent.or(back)).toBeVisible();
  if (await consent.isVisible()) await consent.click();
  await expect(back).toBeVisible();
}

/** After the console page's prefetches have answered, so each is read for the leak scan. */
async function signOut(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Sign out" }).click();
}

/** The latest refusal in the audit log: says which check failed (the page does not, on purpose). */
const lastRefusal = async () =>
  (await testDb().query<{ summary: string }>(`SELECT summary FROM audit_events WHERE kind = 'auth.sso_refused' ORDER BY id DESC LIMIT 1`)).rows[0]?.summary ?? "";

async function expectRefusedWithoutSession(page: Page, title: RegExp | string) {
  await expect(page.getByRole("heading", { name: "Sign-in refused" })).toBeVisible();
  await expect(page.locator("main [role=alert]")).toContainText(title);
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session).toEqual({});
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
}

const login = `ada-${Date.now().toString(36)}`;
const email = `${login}@corp.test`;
let firstCallback = "";

test("an administrator sets up single sign-on and signs out", async ({ adminPage: page }) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Single sign-on" })).toBeVisible();
  await expect(page.getByTestId("sso-redirect-uri")).toHaveText(new URL("/api/auth/callback/oidc", page.url()).toString());

  // Each discovery failure lands on the issuer field, in words.
  const issuer = page.getByLabel("Issuer URL");
  const issuerError = page.locator("#field-issuer-error");
  await issuer.fill(CLOSED_PORT);
  await page.getByRole("button", { name: "Test discovery" }).click();
  await expect(issuerError).toContainText("The issuer cannot be reached");
  await issuer.fill(`${ISSUER}/jwks`);
  await page.getByRole("button", { name: "Test discovery" }).click();
  await expect(issuerError).toContainText("This is not an OpenID provider");
  // Same server under another name: the provider calls itself 127.0.0.1.
  await issuer.fill(ISSUER.replace("127.0.0.1", "localhost"));
  await page.getByRole("button", { name: "Test discovery" }).click();
  await expect(issuerError).toContainText(`The provider calls itself ${ISSUER}`);
  await issuer.fill(ISSUER);
  await page.getByRole("button", { name: "Test discovery" }).click();
  await expect(page.getByText(`Found an OpenID provider at ${ISSUER}.`)).toBeVisible();

  await page.getByLabel("Display name").fill(NAME);
  await page.getByLabel("Client ID").fill(CLIENT_ID);
  await page.getByLabel("Client secret").fill(CLIENT_SECRET);
  await page.getByLabel("Create an account at the first sign-in of an unknown email").check();
  await page.getByLabel("Default role").selectOption("USER");
  await page.getByLabel("Groups claim (optional)").fill("groups");
  await page.getByRole("button", { name: "Add mapping" }).click();
  await page.getByLabel("Group 1", { exact: true }).fill("gatekeeper-connector-admins");
  await page.getByLabel("Role for group 1").selectOption("CONNECTOR_ADMIN");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Single sign-on is set up: the sign-in page now offers it.")).toBeVisible();

  // The secret is sealed and shown masked; the field starts empty again.
  await page.reload();
  await expect(page.getByText(`••••••••${CLIENT_SECRET.slice(-4)} stored — leave blank to keep`)).toBeVisible();
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  const { rows } = await testDb().query<{ client_secret_sealed: string }>(`SELECT client_secret_sealed FROM sso_settings`);
  expect(rows[0].client_secret_sealed).toMatch(/^v1\./);
  expect(rows[0].client_secret_sealed).not.toContain(CLIENT_SECRET);
  await page.screenshot({ path: `${SCREENS}/sso-settings.png`, fullPage: true });

  await signOut(page);
  await expect(page.getByRole("button", { name: `Sign in with ${NAME}` })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/sign-in-with-sso.png`, fullPage: true });
});

test("a new person signs in with SSO and gets the role their group maps to", async ({ page }) => {
  await control("accounts", { login, email, name: "Ada Okafor", groups: ["gatekeeper-connector-admins", "everyone"] });
  page.on("request", (request) => {
    if (request.url().includes("/api/auth/callback/oidc") && !firstCallback) firstCallback = request.url();
  });
  await signInWithSso(page, login);
  await expect(page.getByTestId("current-user")).toHaveText("Ada Okafor");
  await expect(page.getByText("Connector Administrator")).toBeVisible();
  const { rows } = await testDb().query<{ role: string; password_hash: string | null }>(`SELECT role::text, password_hash FROM users WHERE email = $1`, [email]);
  expect(rows).toEqual([{ role: "CONNECTOR_ADMIN", password_hash: null }]);
  const audit = await testDb().query<{ kind: string }>(`SELECT kind FROM audit_events WHERE summary LIKE $1 ORDER BY id`, [`${email}%`]);
  expect(audit.rows.map((r) => r.kind)).toEqual(["user.created", "auth.sso_sign_in"]);

  // The same callback URL a second time (after signing out): its state was spent.
  await signOut(page);
  await expect(page.getByRole("button", { name: `Sign in with ${NAME}` })).toBeVisible();
  expect(firstCallback).toContain("state=");
  await page.goto(firstCallback);
  await page.screenshot({ path: `${SCREENS}/sign-in-refused.png`, fullPage: true });
  await expectRefusedWithoutSession(page, "Sign-in could not be verified");
  await expect.poll(lastRefusal).toMatch(/State cookie was missing/);
});

// What openid-client says when it refuses each spoiled id_token.
const REASONS = { "wrong-audience": /aud mismatch, expected gatekeeper-e2e-/, expired: /JWT expired, now \d+, exp \d+/, "bad-signature": /failed to validate JWT signature/ };

for (const fault of ["wrong-audience", "expired", "bad-signature"] as const) {
  test(`an id_token that is ${fault.replace("-", " ")} is refused`, async ({ page }) => {
    const count = async (sql: string) => (await testDb().query<{ n: number }>(sql)).rows[0].n;
    const refusals = () => count(`SELECT count(*)::int AS n FROM audit_events WHERE kind = 'auth.sso_refused'`);
    const [users, refused] = [await count(`SELECT count(*)::int AS n FROM users`), await refusals()];
    await control("next-token", { fault });
    await signInWithSso(page, login);
    await expectRefusedWithoutSession(page, "Sign-in could not be verified");
    // The tampered token named someone else: nobody was created or signed in.
    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(users);
    await expect.poll(refusals).toBe(refused + 1);
    expect(await lastRefusal()).toMatch(REASONS[fault]);
  });
}

test("a disabled user stays refused at the identity provider's door", async ({ page }) => {
  await testDb().query(`UPDATE users SET disabled = true WHERE email = $1`, [email]);
  await signInWithSso(page, login);
  await expectRefusedWithoutSession(page, "Your account is disabled");
  await expect.poll(lastRefusal).toBe(`Single sign-on refused for ${email}: disabled`);
});

test("an administrator turns single sign-on off again", async ({ page, superAdmin }) => {
  await signIn(page, superAdmin);
  await page.goto("/admin/settings/sso");
  await page.getByRole("button", { name: "Turn off single sign-on" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByText("Not set up: people sign in with a password.")).toBeVisible();
  await signOut(page);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Sign in with ${NAME}` })).toHaveCount(0);
});
