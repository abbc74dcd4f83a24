// npx tsx scripts/c1z.ts inspect <file> [--allow-unfinished]
// Prints what importing a Baton .c1z would bring in, as one JSON object on stdout. Refusals
// (unfinished sync, v3 file, corrupt, too large) go to stderr with a non-zero exit code.
import { parseArgs } from "node:util";
import { C1zError, inspectC1z, readC1zFile } from "../lib/c1z";

const USAGE = `Usage: c1z inspect <file.c1z> [--allow-unfinished]
  [--max-compressed-bytes N] [--max-decompressed-bytes N]

Prints the sync a .c1z import would take (the latest finished full sync), with its resource
counts per resource type, entitlements, grants and every sync run in the file.
  --allow-unfinished   take the latest sync even if it never finished (may drop accounts on import)`;

const EXIT_REFUSED = 1;
const EXIT_USAGE = 2;

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer, got "${value}".`);
  return n;
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "allow-unfinished": { type: "boolean", default: false },
      "max-compressed-bytes": { type: "string" },
      "max-decompressed-bytes": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, file, ...rest] = positionals;
  if (command !== "inspect" || !file || rest.length > 0) throw new UsageError(USAGE);

  const maxCompressedBytes = positiveInteger("max-compressed-bytes", values["max-compressed-bytes"]);
  const bytes = await readC1zFile(file, { maxCompressedBytes });
  const inspection = await inspectC1z(bytes, {
    allowUnfinished: values["allow-unfinished"],
    maxCompressedBytes,
    maxDecompressedBytes: positiveInteger("max-decompressed-bytes", values["max-decompressed-bytes"]),
  });
  process.stdout.write(`${JSON.stringify(inspection, null, 2)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof C1zError) {
      process.stderr.write(`c1z: refused (${error.kind}): ${error.message}\n`);
      process.exitCode = EXIT_REFUSED;
    } else if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      process.stderr.write(`c1z: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      process.stderr.write(`c1z: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT_REFUSED;
    }
  },
);
