// Secrets never reach the terminal: every line the runner writes passes through a redactor
// built from the config's secret fields, and the logger writes to stderr only.
import type { Logger, SettingsField } from "@/lib/connectors/types";

export type Redactor = (text: string) => string;

export const REDACTED = "[redacted]";

/** Replaces every value of a secret settings field found in `config`. */
export function createRedactor(fields: SettingsField[], config: unknown): Redactor {
  const record = typeof config === "object" && config !== null ? (config as Record<string, unknown>) : {};
  const secrets = fields
    .filter((field) => field.secret)
    .map((field) => record[field.name])
    .filter((value): value is string => typeof value === "string" && value.trim().length > 0)
    .flatMap((value) => [value, value.trim()])
    // Longest first, so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

export function stderrLogger(write: (line: string) => void, redact: Redactor): Logger {
  const line = (level: string) => (message: string) => write(`[${level}] ${redact(message)}\n`);
  return { info: line("info"), warn: line("warn"), error: line("error") };
}
