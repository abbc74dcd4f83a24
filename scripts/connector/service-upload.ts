// `connector upload-c1z <file.c1z> --url <Gatekeeper URL> [--allow-unfinished]`: hands the .c1z
// of any Baton connector to Gatekeeper with the connector's client credentials (BATON_CLIENT_ID,
// BATON_CLIENT_SECRET), for connectors the runner does not run itself.
import { parseArgs } from "node:util";
import { z } from "zod";
import type { CliIo } from "./run";
import { readClientCredentials, type ServiceEnv } from "./service-args";
import { createIngestClient, IngestClientError } from "./service-client";

export const UPLOAD_USAGE = `Usage: connector upload-c1z <file.c1z> --url <Gatekeeper URL> [--allow-unfinished]

Uploads a Baton .c1z file with BATON_CLIENT_ID and BATON_CLIENT_SECRET. Gatekeeper imports its
latest finished full sync, or refuses the file with the reason.
  --allow-unfinished   import the latest sync even if it never finished: accounts, entitlements
                       and grants it had not reached yet vanish from the console.
Exit codes: 0 imported, 1 refused or failed, 2 bad arguments or environment.`;

const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export async function runUploadC1z(argv: string[], io: CliIo & { env: ServiceEnv }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { url: { type: "string" }, "allow-unfinished": { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n\n${UPLOAD_USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${UPLOAD_USAGE}\n`);
    return EXIT.ok;
  }
  const url = z.url({ protocol: /^https?$/ }).safeParse(values.url);
  if (positionals.length !== 1 || !url.success) {
    io.stderr(`error: ${positionals.length !== 1 ? "Give exactly one .c1z file." : "Missing or invalid --url <Gatekeeper URL>."}\n\n${UPLOAD_USAGE}\n`);
    return EXIT.usage;
  }
  const credentials = readClientCredentials(io.env);
  if (!credentials.ok) {
    for (const error of credentials.errors) io.stderr(`config error: ${error}\n`);
    return EXIT.usage;
  }
  const client = createIngestClient({ url: url.data.replace(/\/+$/, ""), ...credentials, fetch: io.fetch, sleep: io.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))), signal: io.signal });
  try {
    const result = await client.uploadC1z(positionals[0], values["allow-unfinished"] ?? false);
    io.stdout(`${JSON.stringify(result)}\n`);
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof IngestClientError ? `${error.code} (HTTP ${error.status}): ${error.message}` : error instanceof Error ? error.message : String(error);
    // Never the secret: only the server's answer or the local error.
    io.stderr(`error: ${message.split(credentials.clientSecret).join("[redacted]")}\n`);
    return EXIT.failed;
  }
}
