// The end of every journey, as the seeds put it: "click Applications. On the Managed apps tab,
// locate and click the name of the application ... data should be found on the Entitlements
// and Accounts tabs."
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export async function expectAppTabsFilled(page: Page, appName: string) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
  const appTabs = page.getByRole("navigation", { name: "Applications" });
  await appTabs.getByRole("link", { name: /^Managed apps/ }).click();
  await expect(appTabs.getByRole("link", { name: /^Managed apps/ })).toHaveAttribute("aria-current", "page");
  // Many journeys add apps: search so the app is on the first page whatever the order.
  await page.getByRole("searchbox", { name: "Search apps" }).fill(appName);
  await page.getByRole("searchbox", { name: "Search apps" }).press("Enter");
  await page.getByRole("link", { name: appName, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(appName);
  const dataTabs = page.getByRole("navigation", { name: `${appName} data` });
  for (const tab of ["Entitlements", "Accounts"]) {
    await dataTabs.getByRole("link", { name: new RegExp(`^${tab}`) }).click();
    await expect(dataTabs.getByRole("link", { name: new RegExp(`^${tab}`) })).toHaveAttribute("aria-current", "page");
    await expect(page.locator("main table tbody tr").first()).toBeVisible();
    expect(await page.locator("main table tbody tr").count()).toBeGreaterThan(0);
  }
  await page.screenshot({ path: `test-results/screens/app-${appName.split(" ")[0].toLowerCase()}-accounts.png`, fullPage: true });
}
