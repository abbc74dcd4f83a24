// Shared steps of the connector journeys (not a spec: Playwright runs *.spec.ts only).
import type { Page, Response } from "@playwright/test";
import { expect } from "./fixtures";
import { testDb } from "./support/db";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter += 1)}`;

/** An app as an identity provider would have discovered it: unmanaged until a connector lands. */
export async function seedApp(name: string, managed = false) {
  const id = `app_${unique()}`;
  const fullName = `${name} ${unique()}`;
  await testDb().query(
    `INSERT INTO applications (id, name, description, managed, discovered_from, discovered_accounts, managed_at, updated_at)
     VALUES ($1, $2, '', $3, $4, $5, $6, now())`,
    [id, fullName, managed, managed ? null : "Okta", managed ? null : 7, managed ? new Date() : null],
  );
  return { id, name: fullName };
}

export type AppStep = { kind: "unmanaged" | "managed"; name: string } | { kind: "new"; name: string };

/** Admin > Connectors > Add connector > search > Add > app > owners > Next; returns the new id. */
export async function addConnector(page: Page, options: { search: string; catalogName: string; app: AppStep; owners?: { add?: string[]; removeMe?: string }; screenshot?: string }) {
  await page.goto("/admin/connectors");
  await page.getByRole("link", { name: "Add connector" }).first().click();
  await page.getByRole("searchbox", { name: "Search connectors" }).fill(options.search);
  const card = page.getByRole("article", { name: options.catalogName });
  await card.getByRole("link", { name: "Add", exact: true }).click();
  await expect(page.getByRole("heading", { name: `Add ${options.catalogName}` })).toBeVisible();

  const labels = { unmanaged: "Add the connector to a currently unmanaged app", managed: "Add the connector to a managed app", new: "Create a new managed app" };
  await page.getByRole("radio", { name: labels[options.app.kind] }).check();
  if (options.app.kind === "new") await page.getByLabel("App name").fill(options.app.name);
  else await page.getByRole("radio", { name: options.app.name }).check();

  for (const name of options.owners?.add ?? []) await chooseOwner(page, name);
  if (options.owners?.removeMe) await page.getByRole("button", { name: `Remove ${options.owners.removeMe} (you)` }).click();
  if (options.screenshot) await page.screenshot({ path: options.screenshot, fullPage: true });

  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/\/admin\/connectors\/(?!new)[^/]+$/);
  await expect(page.getByTestId("connector-status")).toHaveAttribute("data-status", "PENDING_SETUP");
  return page.url().split("/").pop()!;
}

/** Picks a user in the owners box by email (names repeat across Playwright workers). */
export async function chooseOwner(page: Page, email: string) {
  const box = page.getByRole("combobox", { name: "Owners" });
  await box.fill(email);
  await page.getByRole("option", { name: email }).click();
}

/** A settings input by its label, never the alternative chooser's radio of the same name. */
export function settingsInput(page: Page, label: string) {
  return page.getByRole("form", { name: "Connector settings" }).getByLabel(label, { exact: true }).and(page.locator("input:not([type=radio]), select"));
}

export async function waitForConnected(page: Page) {
  await expect(page.getByTestId("connector-status")).toHaveAttribute("data-status", "CONNECTED", { timeout: 60_000 });
  await expect(page.getByTestId("connector-status")).toHaveText("Connected");
}

type Watched = { __statuses?: string[]; __sawProgress?: boolean };

/**
 * Records every status the header badge shows, and whether a progress bar appeared, from now
 * on. The record lives in the document, so it also proves the page was never reloaded.
 */
export async function watchStatus(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as Watched;
    w.__statuses = [];
    w.__sawProgress = false;
    const record = () => {
      const status = document.querySelector('[data-testid="connector-status"]')?.getAttribute("data-status");
      if (status && w.__statuses!.at(-1) !== status) w.__statuses!.push(status);
      if (document.querySelector('[role="progressbar"]')) w.__sawProgress = true;
    };
    record();
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** The statuses seen since watchStatus, and whether a progress bar showed; throws after a reload. */
export async function seenStatuses(page: Page) {
  const seen = await page.evaluate(() => {
    const w = window as unknown as Watched;
    return { statuses: w.__statuses, sawProgress: w.__sawProgress };
  });
  if (!seen.statuses) throw new Error("The page was reloaded: the status record is gone.");
  return seen as { statuses: string[]; sawProgress: boolean };
}

/** Syncing then Connected, live, with a progress bar on the way, in one document. */
export async function expectLiveSyncToConnected(page: Page) {
  await waitForConnected(page);
  const seen = await seenStatuses(page);
  expect(seen.statuses.slice(-2)).toEqual(["SYNCING", "CONNECTED"]);
  expect(seen.sawProgress).toBe(true);
}

/** Collects every same-origin response body, to prove a secret never reaches the browser. */
export function recordResponses(page: Page) {
  const bodies: Promise<string>[] = [];
  const origin = process.env.E2E_BASE_URL ?? "http://127.0.0.1";
  const onResponse = (response: Response) => {
    if (!response.url().startsWith(origin)) return;
    bodies.push(response.text().catch(() => ""));
  };
  page.on("response", onResponse);
  return async () => {
    page.off("response", onResponse);
    return (await Promise.all(bodies)).join("\n");
  };
}

export async function connectorRow(id: string) {
  const { rows } = await testDb().query(`SELECT status, settings_sealed, settings_public, provisioning_enabled, sync_interval_minutes, display_name, disabled FROM connectors WHERE id = $1`, [id]);
  return rows[0] as
    | { status: string; settings_sealed: string | null; settings_public: { values: Record<string, string>; secrets: Record<string, string> } | null; provisioning_enabled: boolean; sync_interval_minutes: number; display_name: string; disabled: boolean }
    | undefined;
}
