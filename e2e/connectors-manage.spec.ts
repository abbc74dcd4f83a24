import { expect, test } from "./fixtures";
import { addConnector, chooseOwner, connectorRow, seedApp, settingsInput, waitForConnected } from "./connectors-helpers";
import { createUser, testDb } from "./support/db";
import { waitForMail } from "./support/mailbox";
import { upstreamSecrets } from "./support/secrets";

test("later changes: rename, owners, sync interval, Sync now, provisioning, disable, and delete with its synced data", async ({ adminPage: page }) => {
  const app = await seedApp("Temporal Manage");
  const id = await addConnector(page, { search: "Temporal", catalogName: "Temporal Cloud", app: { kind: "unmanaged", name: app.name } });
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await settingsInput(page, "API key").fill(upstreamSecrets.temporalApiKey);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await waitForConnected(page);

  await page.getByRole("button", { name: "Edit name" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Temporal production");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Temporal production");
  // Saved: the form gives way to the name, with Edit to change it again.
  await expect(page.getByRole("button", { name: "Edit name" })).toBeVisible();

  const newOwner = await createUser("USER");
  await page.reload();
  await page.getByRole("button", { name: "Edit owners" }).click();
  await chooseOwner(page, newOwner.email);
  await page.getByRole("button", { name: "Save owners" }).click();
  await expect(page.getByRole("list", { name: "Current owners" })).toContainText(newOwner.email);
  const mail = await waitForMail(newOwner.email, "Your help is needed");
  expect(mail.text).toContain("Temporal production");

  await page.getByLabel("Sync interval").selectOption("360");
  await expect.poll(async () => (await connectorRow(id))?.sync_interval_minutes).toBe(360);

  await expect(page.getByTestId("provisioning-state")).toContainText("Off");
  await page.getByRole("button", { name: "Enable provisioning" }).click();
  await expect(page.getByTestId("provisioning-state")).toContainText("On");
  expect((await connectorRow(id))?.provisioning_enabled).toBe(true);

  await page.getByRole("button", { name: "Sync now" }).click();
  await expect.poll(async () => (await testDb().query("SELECT count(*)::int AS n FROM sync_runs WHERE connector_id = $1", [id])).rows[0].n).toBe(2);
  await waitForConnected(page);
  await page.screenshot({ path: "test-results/screens/connector-manage.png", fullPage: true });

  await page.getByRole("button", { name: "Disable connector" }).click();
  await expect(page.getByTestId("connector-status")).toHaveAttribute("data-status", "DISABLED");
  await page.getByRole("button", { name: "Enable connector" }).click();
  await expect(page.getByTestId("connector-status")).toHaveAttribute("data-status", "CONNECTED");

  const { rows: before } = await testDb().query("SELECT count(*)::int AS n FROM resources WHERE connector_id = $1", [id]);
  expect(before[0].n).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Delete connector" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Delete Temporal production?");
  await page.screenshot({ path: "test-results/screens/connector-delete.png" });
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/connectors$/);
  await expect(page.getByTestId(`connector-row-${id}`)).toHaveCount(0);
  expect(await connectorRow(id)).toBeUndefined();
  const { rows: after } = await testDb().query("SELECT count(*)::int AS n FROM resources WHERE connector_id = $1", [id]);
  expect(after[0].n).toBe(0);
  const { rows: audit } = await testDb().query("SELECT kind FROM audit_events WHERE connector_id = $1 ORDER BY id", [id]);
  expect(audit.map((a: { kind: string }) => a.kind)).toEqual(
    expect.arrayContaining(["connector.created", "connector.settings_changed", "connector.renamed", "connector.owners_changed", "connector.provisioning_changed", "connector.deleted"]),
  );
});
