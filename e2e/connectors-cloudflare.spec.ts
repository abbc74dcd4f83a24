import { expect, test } from "./fixtures";
import { expectAppTabsFilled } from "./connectors-apps";
import { addConnector, connectorRow, expectLiveSyncToConnected, recordResponses, seedApp, settingsInput, waitForConnected, watchStatus } from "./connectors-helpers";
import { testDb } from "./support/db";
import { upstreamSecrets } from "./support/secrets";

test("Cloudflare v2 with an API token, on a new managed app, ends Connected with its data", async ({ adminPage: page }) => {
  const appName = `Cloudflare ${Date.now()}`;
  await addConnector(page, { search: "cloud", catalogName: "Cloudflare v2", app: { kind: "new", name: appName } });
  await watchStatus(page);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("radio", { name: "API token" })).toBeChecked();
  await expect(settingsInput(page, "Email ID")).toHaveCount(0);
  await settingsInput(page, "Account ID").fill("cf-demo-account");
  await settingsInput(page, "API token").fill(upstreamSecrets.cloudflareToken);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expectLiveSyncToConnected(page);
  await expect(page.getByTestId("setting-apiToken")).toHaveText(/^•+oken$/);
  await expectAppTabsFilled(page, appName);
});

test("Cloudflare v2 with Email + API key, on an existing managed app, ends Connected with its data", async ({ adminPage: page }) => {
  const app = await seedApp("Cloudflare Managed", true);
  await addConnector(page, { search: "Cloudflare", catalogName: "Cloudflare v2", app: { kind: "managed", name: app.name } });
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await page.getByRole("radio", { name: "Email + API key" }).check();
  await expect(settingsInput(page, "API token")).toHaveCount(0);
  await settingsInput(page, "Account ID").fill("cf-demo-account");
  await settingsInput(page, "Email ID").fill("admin@example.com");
  await settingsInput(page, "API key").fill(upstreamSecrets.cloudflareGlobalKey);
  await page.screenshot({ path: "test-results/screens/connector-cloudflare-email-key.png", fullPage: true });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await waitForConnected(page);
  await expect(page.getByText("Email + API key")).toBeVisible();
  await expect(page.getByTestId("setting-email")).toHaveText("admin@example.com");
  await expectAppTabsFilled(page, app.name);
});

test("bad credentials show the upstream's message on the field at fault, and nothing is saved", async ({ adminPage: page }) => {
  const app = await seedApp("Cloudflare Bad");
  const id = await addConnector(page, { search: "Cloudflare", catalogName: "Cloudflare v2", app: { kind: "unmanaged", name: app.name } });
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await settingsInput(page, "Account ID").fill("cf-demo-account");
  await settingsInput(page, "API token").fill("not-the-right-token");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("The check failed, so nothing was saved. See the highlighted field.")).toBeVisible({ timeout: 30_000 });
  await expect(settingsInput(page, "API token")).toHaveAttribute("aria-invalid", "true");
  const message = page.locator("#settings-apiToken-error");
  await expect(message).not.toBeEmpty();
  await page.screenshot({ path: "test-results/screens/connector-bad-credentials.png", fullPage: true });

  const row = await connectorRow(id);
  expect(row?.status).toBe("PENDING_SETUP");
  expect(row?.settings_sealed).toBeNull();
  expect(row?.settings_public).toBeNull();
  const { rows } = await testDb().query("SELECT count(*)::int AS n FROM sync_runs WHERE connector_id = $1", [id]);
  expect(rows[0].n).toBe(0);
});

test("a stored secret shows masked, never reaches the browser, and survives an edit of another field", async ({ adminPage: page }) => {
  const app = await seedApp("Temporal Masked");
  const id = await addConnector(page, { search: "Temporal", catalogName: "Temporal Cloud", app: { kind: "unmanaged", name: app.name } });
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await settingsInput(page, "API key").fill(upstreamSecrets.temporalApiKey);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await waitForConnected(page);

  const responses = recordResponses(page);
  await page.reload();
  await expect(page.getByTestId("setting-apiKey")).toHaveText(/^•+-key$/);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await expect(settingsInput(page, "API key")).toHaveValue("");
  await expect(page.getByTestId("stored-apiKey")).toContainText("stored — leave blank to keep");
  await settingsInput(page, "Default account role (optional)").selectOption("developer");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Settings saved. A sync has started.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("setting-defaultAccountRole")).toHaveText("Developer");
  await expect(page.getByTestId("setting-apiKey")).toHaveText(/^•+-key$/);
  await waitForConnected(page);
  const seen = await responses();
  expect(seen.length).toBeGreaterThan(0);
  expect(seen).not.toContain(upstreamSecrets.temporalApiKey);
  expect(await page.content()).not.toContain(upstreamSecrets.temporalApiKey);

  const row = await connectorRow(id);
  expect(row?.settings_public?.values.defaultAccountRole).toBe("developer");
  // The stored key is still the one typed first: the blank field kept it (the sync proves it
  // works; the sealed value is opened with the run's key to be sure).
  const { openJson } = await import("@/lib/crypto");
  expect(openJson<{ apiKey: string }>(row!.settings_sealed!).apiKey).toBe(upstreamSecrets.temporalApiKey);
});
