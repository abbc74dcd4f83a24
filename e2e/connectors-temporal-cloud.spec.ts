import { expect, signIn, test } from "./fixtures";
import { addConnector, connectorRow, expectLiveSyncToConnected, seedApp, settingsInput, watchStatus } from "./connectors-helpers";
import { expectAppTabsFilled } from "./connectors-apps";
import { testDb } from "./support/db";
import { upstreamSecrets } from "./support/secrets";

test("a Connector Administrator adds Temporal Cloud to an unmanaged app and watches it go Syncing → Connected", async ({ page, connectorAdmin }) => {
  const app = await seedApp("Temporal Cloud");
  await signIn(page, connectorAdmin);

  // Catalog: search, description, Capabilities table and the note on the two roles.
  await page.goto("/admin/connectors/new");
  await page.getByRole("searchbox", { name: "Search connectors" }).fill("temporal");
  const card = page.getByRole("article", { name: "Temporal Cloud" });
  await expect(card.getByRole("table", { name: "Capabilities" })).toContainText("Account roles");
  await expect(card).toContainText("The Account Owner and Finance Admin roles are synced but cannot be provisioned.");
  await expect(page.getByRole("article", { name: "Cloudflare v2" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/connectors-catalog.png", fullPage: true });

  const id = await addConnector(page, { search: "Temporal", catalogName: "Temporal Cloud", app: { kind: "unmanaged", name: app.name }, screenshot: "test-results/screens/connector-wizard-app.png" });
  const { rows: apps } = await testDb().query("SELECT managed FROM applications WHERE id = $1", [app.id]);
  expect(apps[0].managed).toBe(true);
  await expect(page.getByText("Finish the set-up")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/connector-pending.png", fullPage: true });

  await watchStatus(page);
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await settingsInput(page, "API key").fill(upstreamSecrets.temporalApiKey);
  await page.screenshot({ path: "test-results/screens/connector-settings-form.png", fullPage: true });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Settings saved. A sync has started.")).toBeVisible({ timeout: 30_000 });
  await expectLiveSyncToConnected(page);
  await expect(page.getByTestId("count-resources")).not.toHaveText("0");
  await expect(page.getByTestId("setting-apiKey")).toHaveText(/^•+-key$/);
  await page.screenshot({ path: "test-results/screens/connector-connected.png", fullPage: true });

  const row = await connectorRow(id);
  expect(row?.status).toBe("CONNECTED");
  expect(row?.settings_sealed).toMatch(/^v1\./);
  expect(JSON.stringify(row?.settings_public)).not.toContain(upstreamSecrets.temporalApiKey);

  await page.getByRole("link", { name: "View logs" }).click();
  await expect(page.getByTestId("sync-run").first()).toContainText("Succeeded");
  await expect(page.getByTestId("log-line").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screens/connector-logs.png", fullPage: true });

  await page.goto("/admin/connectors");
  await expect(page.getByTestId(`connector-row-${id}`)).toContainText(app.name);
  await expect(page.getByTestId(`connector-row-${id}`)).toContainText("Connected");
  await page.screenshot({ path: "test-results/screens/connectors-list.png", fullPage: true });

  await expectAppTabsFilled(page, app.name);
});
