// The identity provider made real: a Super Administrator adds Okta (against the Okta
// simulator), sees Connected; Add connector > Temporal Cloud then lists Okta's apps as
// unmanaged; attached to one and synced, the Temporal Cloud accounts appear under their people,
// and a deactivated person who still has a Temporal Cloud account shows under orphaned access.
import { expect, test } from "./fixtures";
import { expectLiveSyncToConnected, settingsInput, watchStatus } from "./connectors-helpers";
import { testDb } from "./support/db";
import { upstreamSecrets } from "./support/secrets";

const OKTA_DOMAIN = "https://gatekeeper-demo.okta.com";

test("Okta discovers the apps and the people; Temporal Cloud accounts land under their people and orphaned access shows", async ({ adminPage: page }) => {
  // 1. Okta, on a new managed app "Okta".
  await page.goto("/admin/connectors/new");
  await page.getByRole("searchbox", { name: "Search connectors" }).fill("okta");
  const card = page.getByRole("article", { name: "Okta" });
  await expect(card.getByRole("table", { name: "Capabilities" })).toContainText("Groups");
  await card.getByRole("link", { name: "Add", exact: true }).click();
  await page.getByRole("radio", { name: "Create a new managed app" }).check();
  await page.getByLabel("App name").fill("Okta");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("connector-status")).toHaveAttribute("data-status", "PENDING_SETUP");
  const oktaId = page.url().split("/").pop()!;

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await settingsInput(page, "Okta domain").fill("not a url");
  await settingsInput(page, "API token").fill(upstreamSecrets.oktaApiToken);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("form", { name: "Connector settings" })).toContainText(/Okta domain|org URL|https/i);
  await settingsInput(page, "Okta domain").fill(OKTA_DOMAIN);
  await watchStatus(page);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Settings saved. A sync has started.")).toBeVisible({ timeout: 30_000 });
  await expectLiveSyncToConnected(page);
  await page.screenshot({ path: "test-results/screens/okta-connected.png", fullPage: true });

  // 2. Okta's apps are the unmanaged apps, with where they came from and who is assigned.
  await page.goto("/applications?tab=unmanaged");
  const temporalRow = page.getByTestId("unmanaged-app-row").filter({ hasText: /^T?.*Temporal Cloud/ }).filter({ hasText: "Discovered from Okta" });
  await expect(temporalRow.first()).toBeVisible();
  await expect(page.getByTestId("unmanaged-app-row").filter({ hasText: "Salesforce" })).toContainText("Discovered from Okta");
  await page.screenshot({ path: "test-results/screens/unmanaged-apps-from-okta.png", fullPage: true });

  // 3. Add connector > Temporal Cloud lists them; attach to Okta's "Temporal Cloud".
  await page.goto("/admin/connectors/new");
  await page.getByRole("searchbox", { name: "Search connectors" }).fill("Temporal");
  await page.getByRole("article", { name: "Temporal Cloud" }).getByRole("link", { name: "Add", exact: true }).click();
  await page.getByRole("radio", { name: "Add the connector to a currently unmanaged app" }).check();
  const discovered = page.getByRole("radio", { name: /^Temporal Cloud Discovered from Okta · \d+ (person|people) assigned$/ });
  await expect(discovered).toHaveCount(1);
  await discovered.check();
  await page.screenshot({ path: "test-results/screens/wizard-okta-apps.png", fullPage: true });
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("connector-status")).toHaveAttribute("data-status", "PENDING_SETUP");
  const temporalId = page.url().split("/").pop()!;
  const { rows: apps } = await testDb().query(
    `SELECT a.managed, a.discovered_by_connector_id, a.discovered_external_id FROM connectors c JOIN applications a ON a.id = c.application_id WHERE c.id = $1`,
    [temporalId],
  );
  expect(apps[0]).toMatchObject({ managed: true, discovered_by_connector_id: oktaId });
  expect(apps[0].discovered_external_id).toMatch(/^0oa/);

  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await settingsInput(page, "API key").fill(upstreamSecrets.temporalApiKey);
  await watchStatus(page);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expectLiveSyncToConnected(page);

  // 4. People: the Temporal Cloud accounts are under their people.
  await page.goto("/admin/people");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expect(page.getByTestId("person-row").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screens/people.png", fullPage: true });
  await page.getByRole("searchbox", { name: "Search people" }).fill("dana.dev");
  await page.getByRole("searchbox", { name: "Search people" }).press("Enter");
  await expect(page.getByTestId("person-row")).toHaveCount(1);
  await page.getByRole("link", { name: "Dana Dubois" }).click();
  const temporalAccount = page.getByTestId("person-account").filter({ has: page.getByRole("link", { name: "Temporal Cloud", exact: true }) });
  await expect(temporalAccount).toContainText("dana.dev@example.com");
  await expect(temporalAccount).toContainText("Matched by email");
  await page.screenshot({ path: "test-results/screens/person.png", fullPage: true });

  // 5. Orphaned access: Devon left (deactivated in Okta) but still holds a Temporal Cloud account.
  await page.goto("/admin/people?tab=orphaned");
  // Other journeys' Temporal Cloud apps share the simulator (and Devon): this app's row only.
  const devon = page.getByTestId("orphaned-row").filter({ hasText: "Devon Drake" }).filter({ has: page.getByText("Temporal Cloud", { exact: true }) });
  await expect(devon).toContainText("Deactivated");
  await expect(devon).toContainText("devon.dev@example.com");
  await page.screenshot({ path: "test-results/screens/orphaned-access.png", fullPage: true });
  await page.goto("/");
  await expect(page.getByTestId("orphaned-access-card")).not.toContainText(/^0 /);
  await page.screenshot({ path: "test-results/screens/overview-orphaned.png", fullPage: true });

  // The export holds the same row (every orphaned grant, one per line).
  const csv = await page.request.get("/api/people/orphaned-access");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toMatch(/Devon Drake,devon\.dev@example\.com,deactivated,Temporal Cloud,/);

  // 6. Link by hand on the account page: nobody, then another person, then back to the rule; audited.
  await page.goto("/admin/people?tab=unmatched");
  await page.screenshot({ path: "test-results/screens/unmatched-accounts.png", fullPage: true });
  await page.goto("/admin/people?q=dana.dev");
  await page.getByRole("link", { name: "Dana Dubois" }).click();
  await page.getByTestId("person-account").filter({ has: page.getByRole("link", { name: "Temporal Cloud", exact: true }) }).getByRole("link", { name: "dana.dev@example.com" }).click();
  const person = page.getByTestId("account-person");
  await expect(person).toContainText("Dana Dubois");
  await expect(person).toContainText("matched by email");
  await person.getByRole("button", { name: "Belongs to nobody" }).click();
  await expect(person).toContainText("Belongs to nobody");
  await person.getByRole("combobox", { name: "Link to a person" }).fill("Fatima");
  await expect(person.getByRole("option", { name: /Fatima Khan/ })).toBeVisible();
  // Keyboard only: the first option is active; Down stays on the last one, Enter links it.
  await person.getByRole("combobox", { name: "Link to a person" }).press("ArrowDown");
  await expect(person.getByRole("option", { name: /Fatima Khan/ })).toHaveAttribute("aria-selected", "true");
  await person.getByRole("combobox", { name: "Link to a person" }).press("Enter");
  await expect(person).toContainText("Fatima Khan");
  await expect(person).toContainText("linked by hand");
  await page.screenshot({ path: "test-results/screens/account-person-linked.png", fullPage: true });
  await person.getByRole("button", { name: "Match automatically" }).click();
  await expect(person).toContainText("Dana Dubois");
  await expect(person).toContainText("matched by email");
  const { rows: audit } = await testDb().query(`SELECT kind FROM audit_events WHERE connector_id = $1 AND kind LIKE 'account.%' ORDER BY at`, [temporalId]);
  expect(audit.map((r) => r.kind)).toEqual(["account.unlinked", "account.linked", "account.link_reset"]);
});
