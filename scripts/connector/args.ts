// Command-line arguments of the connector runner, parsed into one typed command.
import { parseArgs } from "node:util";
import { isConnectorId, connectorIds, type ConnectorId } from "@/lib/connectors/registry";

export type CliCommand =
  | { verb: "check"; connectorId: ConnectorId; configPath: string }
  | { verb: "sync"; connectorId: ConnectorId; configPath: string; outPath?: string }
  | { verb: "grant" | "revoke"; connectorId: ConnectorId; configPath: string; entitlementId: string; principalId: string };

export type ParsedArgs = { ok: true; command: CliCommand } | { ok: true; help: true } | { ok: false; error: string };

export const USAGE = `Usage: connector <command> <connector id> --config <file.json> [options]

Commands:
  check   Validate the credentials against the upstream.
  sync    Read everything; prints a JSON summary. --out <file.ndjson> also writes every record.
  grant   Grant an entitlement: --entitlement <entitlement id> --principal <resource id>
  revoke  Revoke an entitlement: same options as grant.
  service The self-hosted runner: connector service --url <Gatekeeper URL> [--once] (see service --help).
  upload-c1z  Upload a Baton .c1z: connector upload-c1z <file> --url <Gatekeeper URL> [--allow-unfinished]

Connector ids: ${connectorIds.join(", ")}
The config file is a JSON object keyed by the connector's settings fields.
Exit codes: 0 success, 1 the connector or upstream failed, 2 bad arguments or config.`;

const VERBS = ["check", "sync", "grant", "revoke"] as const;

export function parseCliArgs(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: "string", short: "c" },
        out: { type: "string", short: "o" },
        entitlement: { type: "string" },
        principal: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return { ok: true, help: true };
  const [verb, id, ...extra] = positionals;
  if (!verb) return { ok: false, error: "Missing a command." };
  if (!(VERBS as readonly string[]).includes(verb)) return { ok: false, error: `Unknown command "${verb}".` };
  if (!id) return { ok: false, error: "Missing the connector id." };
  if (!isConnectorId(id)) return { ok: false, error: `Unknown connector "${id}". Known: ${connectorIds.join(", ")}.` };
  if (extra.length > 0) return { ok: false, error: `Unexpected argument "${extra[0]}".` };
  if (!values.config) return { ok: false, error: "Missing --config <file.json>." };
  if (values.out !== undefined && verb !== "sync") return { ok: false, error: "--out is for sync only." };
  const provisioning = verb === "grant" || verb === "revoke";
  if (!provisioning && (values.entitlement !== undefined || values.principal !== undefined)) {
    return { ok: false, error: "--entitlement and --principal are for grant and revoke only." };
  }
  const base = { connectorId: id, configPath: values.config };
  if (verb === "check") return { ok: true, command: { verb, ...base } };
  if (verb === "sync") return { ok: true, command: { verb, ...base, outPath: values.out } };
  if (!values.entitlement) return { ok: false, error: `Missing --entitlement <entitlement id> for ${verb}.` };
  if (!values.principal) return { ok: false, error: `Missing --principal <resource id> for ${verb}.` };
  return { ok: true, command: { verb: verb as "grant" | "revoke", ...base, entitlementId: values.entitlement, principalId: values.principal } };
}
