// Shared steps of the self-hosted (Baton) journeys (not a spec: Playwright runs *.spec.ts only).
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { expect } from "./fixtures";
import { addConnector, settingsInput } from "./connectors-helpers";
import { recordSecret } from "./support/secrets";

/** Add connector > Baton on a new app, provider chosen and saved; returns its id and the app. */
export async function addBatonConnector(page: Page, providerLabel: string) {
  const appName = `Self-hosted ${Date.now()}`;
  const id = await addConnector(page, { search: "Baton", catalogName: "Baton", app: { kind: "new", name: appName } });
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  await settingsInput(page, "Provider").selectOption({ label: providerLabel });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("setting-provider")).toHaveText(providerLabel);
  return { id, appName };
}

/** Settings › Rotate: returns the client id and secret shown once. */
export async function rotate(page: Page, options: { confirm?: boolean } = {}) {
  // The action's answer is the one place the secret may be seen; the capture reads every
  // action's answer on its way to the browser (support/capture.ts), so the scan sees it.
  await page.getByRole("button", { name: "Rotate", exact: true }).click();
  if (options.confirm) await page.getByRole("dialog").getByRole("button", { name: "Rotate now" }).click();
  const shown = page.getByTestId("rotated-credentials");
  await expect(shown).toBeVisible();
  const clientId = await shown.getByLabel("Client ID", { exact: true }).inputValue();
  const clientSecret = await shown.getByLabel("Client Secret", { exact: true }).inputValue();
  expect(clientId).toMatch(/^bc_[0-9a-f]{24}$/);
  expect(clientSecret).toMatch(/^bcs_/);
  recordSecret(clientSecret, `Baton client secret of ${clientId}`, "reveal-once");
  return { clientId, clientSecret };
}

export async function downloadText(page: Page, buttonName: string): Promise<{ name: string; text: string }> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: buttonName }).click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
}

/** Applications › Managed apps › the app › Accounts: every email listed. */
export async function expectAccounts(page: Page, appName: string, emails: string[]) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
  const appTabs = page.getByRole("navigation", { name: "Applications" });
  await appTabs.getByRole("link", { name: /^Managed apps/ }).click();
  // Other journeys add apps too: search so this one is on the first page.
  await page.getByRole("searchbox", { name: "Search apps" }).fill(appName);
  await page.getByRole("searchbox", { name: "Search apps" }).press("Enter");
  await page.getByRole("link", { name: appName, exact: true }).click();
  const dataTabs = page.getByRole("navigation", { name: `${appName} data` });
  await dataTabs.getByRole("link", { name: /^Accounts/ }).click();
  await expect(dataTabs.getByRole("link", { name: /^Accounts/ })).toHaveAttribute("aria-current", "page");
  for (const email of emails) await expect(page.locator("main table").getByText(email, { exact: true }).first()).toBeVisible();
}

export type RunnerRun = { code: number; stdout: string; stderr: string };

/** `npm run connector -- service --url <app> --once` as a user runs it, with BATON_* variables. */
export function runRunnerOnce(env: Record<string, string>): Promise<RunnerRun> {
  const url = process.env.E2E_BASE_URL ?? "http://127.0.0.1:3200";
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/connector.ts", "service", "--url", url, "--once"],
      { env: { ...process.env, ...env }, timeout: 60_000, encoding: "utf8" },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
