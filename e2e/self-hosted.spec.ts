// Self-hosted (Baton) connectors: the seeds' "hosted in your own environment" journey. Create,
// Rotate (the secret shown once), the two Kubernetes manifests, a .c1z upload and its accounts;
// then the runner uploading a Cloudflare sync through the ingest API.
import path from "node:path";
import { parseDocument } from "yaml";
import { expect, test } from "./fixtures";
import { recordResponses } from "./connectors-helpers";
import { addBatonConnector, downloadText, expectAccounts, rotate, runRunnerOnce } from "./self-hosted-helpers";
import { testDb } from "./support/db";
import { upstreamSecrets } from "./support/secrets";

const FIXTURES = path.resolve(process.cwd(), "tests/fixtures/c1z");
const PINGFED = path.join(FIXTURES, "baton-pingfed-sync.c1z");
const IN_PROGRESS = path.join(FIXTURES, "baton-sdk-sync-in-progress.c1z");

test("Baton: Rotate shows the secret once, the manifests download, a .c1z upload brings its accounts", async ({ adminPage: page, context }) => {
  const { id, appName } = await addBatonConnector(page, "Cloudflare v2");

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { clientId, clientSecret } = await rotate(page);
  await page.getByRole("button", { name: "Copy Client Secret" }).click();
  await expect(page.getByRole("button", { name: "Copy Client Secret" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientSecret);
  await page.screenshot({ path: "test-results/screens/self-hosted-rotated.png", fullPage: true });
  const { rows } = await testDb().query(`SELECT client_id, client_secret_hash FROM connectors WHERE id = $1`, [id]);
  expect(rows[0].client_id).toBe(clientId);
  expect(rows[0].client_secret_hash).not.toContain(clientSecret);

  // Shown once: after a reload neither the page nor any response carries the secret.
  const responses = recordResponses(page);
  await page.reload();
  await expect(page.getByTestId("client-id")).toHaveText(clientId);
  await expect(page.getByTestId("rotated-credentials")).toHaveCount(0);
  expect(await responses()).not.toContain(clientSecret);

  const secretFile = await downloadText(page, "Download baton-cloudflare-secrets.yaml");
  const deploymentFile = await downloadText(page, "Download baton-cloudflare.yaml");
  expect([secretFile.name, deploymentFile.name]).toEqual(["baton-cloudflare-secrets.yaml", "baton-cloudflare.yaml"]);
  const secret = parseDocument(secretFile.text, { uniqueKeys: true });
  expect(secret.errors).toEqual([]);
  expect(secret.toJS()).toMatchObject({ kind: "Secret", stringData: { BATON_CLIENT_ID: clientId, BATON_CLIENT_SECRET: "<Gatekeeper client secret>", BATON_API_TOKEN: "<Cloudflare API token>" } });
  expect(secretFile.text).not.toContain(clientSecret);
  const deployment = parseDocument(deploymentFile.text, { uniqueKeys: true });
  expect(deployment.errors).toEqual([]);
  expect(deployment.toJS()).toMatchObject({ kind: "Deployment", spec: { template: { metadata: { labels: { app: "baton-cloudflare", baton: "true", "baton-app": "cloudflare" } } } } });

  // An unfinished sync is refused with the reason; the checkbox imports it anyway.
  const upload = page.getByRole("form", { name: "Upload .c1z" });
  await upload.getByLabel(".c1z file").setInputFiles(IN_PROGRESS);
  await upload.getByRole("button", { name: "Upload .c1z" }).click();
  await expect(upload.getByRole("alert")).toContainText('no finished full sync');
  await expect(upload.getByRole("alert")).toContainText('tick "Allow unfinished sync"');
  await upload.getByLabel("Allow unfinished sync").check();
  await upload.getByRole("button", { name: "Upload .c1z" }).click();
  await expect(upload.getByRole("status")).toContainText("10 accounts");

  await upload.getByLabel("Allow unfinished sync").uncheck();
  await upload.getByLabel(".c1z file").setInputFiles(PINGFED);
  await upload.getByRole("button", { name: "Upload .c1z" }).click();
  await expect(upload.getByRole("status")).toContainText("Imported sync 2sYYAiUccvih6WNvyJWegRdqKlS: 4 accounts, 9 resources, 5 entitlements, 10 grants.");
  await expectAccounts(page, appName, ["sam@nyedis.com", "kurt@nyedis.com", "dummy@gmail.com"]);
});

test("the runner uploads a Cloudflare sync through the ingest API; rotating again locks the old secret out", async ({ adminPage: page }) => {
  const { id, appName } = await addBatonConnector(page, "Cloudflare v2");
  const { clientId, clientSecret } = await rotate(page);
  const cloudflare = { BATON_ACCOUNT_ID: "cf-demo-account", BATON_API_TOKEN: upstreamSecrets.cloudflareToken };

  const run = await runRunnerOnce({ BATON_CLIENT_ID: clientId, BATON_CLIENT_SECRET: clientSecret, ...cloudflare });
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ provider: "cloudflare", counts: { accounts: 6 } });
  expect(run.stdout + run.stderr).not.toContain(clientSecret);
  await page.reload();
  await expect(page.getByTestId("runner-version")).toHaveText(/^gatekeeper-runner\//);
  await expect(page.getByTestId("runner-last-seen")).toHaveText(/UTC$/);
  await expect(page.getByTestId("connector-status")).toHaveAttribute("data-status", "CONNECTED");

  await rotate(page, { confirm: true });
  const refused = await runRunnerOnce({ BATON_CLIENT_ID: clientId, BATON_CLIENT_SECRET: clientSecret, ...cloudflare });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("invalid_client (HTTP 401)");
  const { rows } = await testDb().query(`SELECT count(*)::int AS runs FROM sync_runs WHERE connector_id = $1`, [id]);
  expect(rows[0].runs).toBe(1);

  await expectAccounts(page, appName, ["grace@example.com", "alan@example.com"]);
});
