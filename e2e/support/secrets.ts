// The secrets of an e2e run, for the leak scan (e2e/proof/leak-scan.spec.ts). Every spec or
// helper that produces or types a secret records it here as it goes, with where it may be
// seen; the scan then proves it is seen nowhere else. One JSON line per secret in the run's
// work dir, appended, so any Playwright worker process can add to it.
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Where a secret may legitimately appear:
 * - "nowhere": no response, log line, email or database column, in any encoding;
 * - "reveal-once": exactly one server-action response (the one that shows it once: Rotate);
 * - "link": the email that carries the link, and responses of the page at that link.
 */
export type Allowed = "nowhere" | "reveal-once" | "link";
export type RecordedSecret = { value: string; label: string; allowed: Allowed };

export function secretsFile(workDir = process.env.E2E_WORK_DIR) {
  if (!workDir) throw new Error("E2E_WORK_DIR is not set: run the e2e tests through `npm run test:e2e`.");
  return path.join(workDir, "secrets.jsonl");
}

export function recordSecret(value: string, label: string, allowed: Allowed = "nowhere", workDir?: string) {
  // Without a work dir (a spec run by hand, outside scripts/e2e.ts) there is no scan to feed.
  if (!workDir && !process.env.E2E_WORK_DIR) return;
  const line: RecordedSecret = { value, label, allowed };
  appendFileSync(secretsFile(workDir), `${JSON.stringify(line)}\n`);
}

export function readSecrets(): RecordedSecret[] {
  const file = secretsFile();
  if (!existsSync(file)) return [];
  const byValue = new Map<string, RecordedSecret>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim()) {
      const secret = JSON.parse(line) as RecordedSecret;
      byValue.set(secret.value, secret);
    }
  }
  return [...byValue.values()];
}

/**
 * The upstream credentials the journeys type. scripts/e2e.ts makes them long and unique per
 * run (so a match means a leak, not a coincidence) and starts the simulators with them; a
 * spec run without it falls back to the simulators' demo values. The endings are kept: the
 * masked views ("••••-key", "••••oken") show the last four characters.
 */
export const upstreamSecrets = {
  temporalApiKey: process.env.E2E_TEMPORAL_API_KEY ?? "tc-demo-key",
  cloudflareToken: process.env.E2E_CLOUDFLARE_TOKEN ?? "cf-demo-token",
  cloudflareGlobalKey: process.env.E2E_CLOUDFLARE_GLOBAL_KEY ?? "cf-demo-global-key",
  oktaApiToken: process.env.E2E_OKTA_API_TOKEN ?? "00GkDemoOktaApiToken-gatekeeper-simulator1",
};
