// The config file: JSON keyed by the connector's settings fields, validated with the
// connector's own zod schema so the CLI and the settings form agree on every rule.
import type { AnyConnector } from "@/lib/connectors/registry";

export type LoadedConfig = { ok: true; config: unknown; raw: unknown } | { ok: false; errors: string[]; raw: unknown };

export function parseConfigText(connector: AnyConnector, text: string, path: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, raw: undefined, errors: [`${path} is not valid JSON: ${(error as Error).message}`] };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, raw: undefined, errors: [`${path} must hold a JSON object keyed by settings fields.`] };
  }
  const known = new Set(connector.settings.fields.map((field) => field.name));
  const unknown = Object.keys(raw).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    // A typo ("apitoken") would otherwise be dropped silently and surface as a missing field.
    return { ok: false, raw, errors: unknown.map((key) => `${key}: not a ${connector.name} setting (expected ${[...known].join(", ")})`) };
  }
  const parsed = connector.settings.schema.safeParse(raw);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => `${issue.path.join(".") || "config"}: ${issue.message}`);
    return { ok: false, raw, errors };
  }
  return { ok: true, raw, config: parsed.data };
}
