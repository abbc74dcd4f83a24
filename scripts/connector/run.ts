// The connector runner: check, sync, grant and revoke any registered connector from the
// command line, with no database. All I/O is injected so tests run it in-process.
import { getConnector } from "@/lib/connectors/registry";
import { ConnectorError, type ConnectorContext } from "@/lib/connectors/types";
import { parseCliArgs, USAGE, type CliCommand } from "./args";
import { parseConfigText } from "./config";
import { createRedactor, stderrLogger } from "./redact";
import { runService } from "./service";
import type { ServiceEnv } from "./service-args";
import { runUploadC1z } from "./service-upload";
import { createNdjsonWriter, createSummary } from "./sync-output";

/** Okta's is "" unless overridden: each Okta connector then talks to its own domain. */
export type BaseUrls = { "temporal-cloud": string; cloudflare: string; okta: string; cloudflarePacing: boolean };

export type CliIo = {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  /** getConnectorBaseUrls() in production; may throw on an invalid environment. */
  baseUrls(): BaseUrls;
  fetch: typeof fetch;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  /** BATON_* variables for the service command (process.env in production). */
  env?: ServiceEnv;
};

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export async function runConnectorCli(argv: string[], io: CliIo): Promise<number> {
  // The self-hosted runner has its own arguments (no connector id: Gatekeeper names the provider).
  if (argv[0] === "service") return runService(argv.slice(1), { ...io, env: io.env ?? {} });
  if (argv[0] === "upload-c1z") return runUploadC1z(argv.slice(1), { ...io, env: io.env ?? {} });
  const args = parseCliArgs(argv);
  if (!args.ok) {
    io.stderr(`error: ${args.error}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  if ("help" in args) {
    io.stdout(`${USAGE}\n`);
    return EXIT.ok;
  }
  const { command } = args;
  const connector = getConnector(command.connectorId);

  let text: string;
  try {
    text = await io.readFile(command.configPath);
  } catch (error) {
    io.stderr(`error: cannot read ${command.configPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return EXIT.usage;
  }
  const loaded = parseConfigText(connector, text, command.configPath);
  const redact = createRedactor(connector.settings.fields, loaded.raw);
  if (!loaded.ok) {
    for (const error of loaded.errors) io.stderr(redact(`config error: ${error}\n`));
    return EXIT.usage;
  }

  let urls: BaseUrls;
  try {
    urls = io.baseUrls();
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const ctx: ConnectorContext = {
    // Baton has no upstream of its own: its work happens in the service command.
    baseUrl: command.connectorId === "baton" ? "" : urls[command.connectorId],
    fetch: io.fetch,
    logger: stderrLogger(io.stderr, redact),
    signal: io.signal,
    sleep: io.sleep,
    pacing: command.connectorId === "cloudflare" ? urls.cloudflarePacing : undefined,
  };

  try {
    const result = await execute(command, loaded.config, ctx);
    io.stdout(`${redact(JSON.stringify(result))}\n`);
    return EXIT.ok;
  } catch (error) {
    io.stderr(redact(`error: ${command.verb} ${command.connectorId} failed: ${describe(error)}\n`));
    return EXIT.failed;
  }
}

async function execute(command: CliCommand, config: unknown, ctx: ConnectorContext): Promise<unknown> {
  const connector = getConnector(command.connectorId);
  switch (command.verb) {
    case "check":
      return connector.check(config, ctx);
    case "grant":
    case "revoke": {
      const request = { entitlementId: command.entitlementId, principalId: command.principalId };
      return command.verb === "grant" ? connector.grant(config, request, ctx) : connector.revoke(config, request, ctx);
    }
    case "sync": {
      const started = Date.now();
      const { summary, add } = createSummary();
      const writer = command.outPath ? createNdjsonWriter(command.outPath) : undefined;
      try {
        for await (const record of connector.sync(config, ctx)) {
          add(record);
          await writer?.write(record);
        }
        await writer?.commit();
      } catch (error) {
        await writer?.abort();
        throw error;
      }
      return { ...summary, ...(command.outPath ? { out: command.outPath } : {}), durationMs: Date.now() - started };
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof ConnectorError) {
    return `${error.kind}${error.field ? ` (field ${error.field})` : ""}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

