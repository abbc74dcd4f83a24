// Entry point: `npx tsx scripts/connector.ts <check|sync|grant|revoke> <connector id> --config <file.json>`,
// or `service --url <Gatekeeper URL>` (the self-hosted runner, configured by BATON_* variables).
// The logic lives in scripts/connector/ so it is testable; this file only wires real I/O.
import { readFile } from "node:fs/promises";
import { getConnectorBaseUrls } from "@/lib/env";
import { runConnectorCli } from "./connector/run";

const controller = new AbortController();
// First Ctrl-C cancels the running call (a named error, exit 1); a second one exits at once.
process.once("SIGINT", () => {
  controller.abort();
  process.once("SIGINT", () => process.exit(130));
});
// Kubernetes stops the runner's pod with SIGTERM: the service loop ends between cycles.
process.once("SIGTERM", () => controller.abort());

process.exitCode = await runConnectorCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFile(path, "utf8"),
  baseUrls: getConnectorBaseUrls,
  fetch: globalThis.fetch,
  signal: controller.signal,
  // The runner's BATON_* variables: an entry point hands the environment in; the code under it
  // parses what it needs with zod (scripts/connector/service-args.ts).
  env: process.env,
});
