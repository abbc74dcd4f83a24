// Pure settings logic: merging a submitted form with the stored (sealed) config, and the
// public view that is the only thing pages ever receive. A stored secret never leaves this
// module except sealed: the public view holds masked hints, and a blank secret means "keep".
import { z } from "zod";
import { maskSecret } from "@/lib/crypto";
import { visibleSettingsFields, type PublicSettings, type SettingsFormSpec } from "@/lib/validation/connectors";

export type StoredConfig = Record<string, unknown>;

export type { PublicSettings };

const publicSettingsSchema = z.object({
  values: z.record(z.string(), z.string()).default({}),
  secrets: z.record(z.string(), z.string()).default({}),
});

export function readPublicSettings(json: unknown): PublicSettings | null {
  const parsed = publicSettingsSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/**
 * The config to validate and check: what was typed, with blank secrets replaced by the stored
 * ones. Fields of an alternative not chosen are dropped, so switching Cloudflare from an API
 * token to email + key does not keep the old token around. Blank plain values become
 * undefined, so the adapter's defaults apply.
 */
export function mergeSettings(spec: SettingsFormSpec, submitted: Record<string, string>, stored: StoredConfig | null): StoredConfig {
  const merged: StoredConfig = {};
  const alternative = spec.alternativeField ? submitted[spec.alternativeField]?.trim() : undefined;
  if (spec.alternativeField && alternative) merged[spec.alternativeField] = alternative;
  for (const field of visibleSettingsFields(spec, alternative)) {
    const typed = submitted[field.name]?.trim() ?? "";
    if (typed) merged[field.name] = typed;
    else if (field.secret && typeof stored?.[field.name] === "string") merged[field.name] = stored[field.name];
  }
  return merged;
}

/** Names of the secret fields that hold a stored value (the form shows "leave blank to keep"). */
export function storedSecretNames(spec: SettingsFormSpec, publicSettings: PublicSettings | null): string[] {
  return spec.fields.filter((f) => f.secret && publicSettings?.secrets[f.name]).map((f) => f.name);
}

/** The browser's view of a config. Fields unknown to the metadata are left out, never shown. */
export function toPublicSettings(spec: SettingsFormSpec, config: StoredConfig): PublicSettings {
  const view: PublicSettings = { values: {}, secrets: {} };
  for (const field of spec.fields) {
    const value = config[field.name];
    if (value === undefined || value === null || value === "") continue;
    if (field.secret) view.secrets[field.name] = maskSecret(String(value));
    else view.values[field.name] = String(value);
  }
  return view;
}

/** Names (never values) of the fields a save changed, for the audit log. */
export function changedSettingNames(before: StoredConfig | null, after: StoredConfig): string[] {
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...names].filter((name) => JSON.stringify(before?.[name]) !== JSON.stringify(after[name])).sort();
}

/** Zod issues of the adapter's schema, as field errors of the generated form. */
export function issuesToFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    // The generated form's issues are under "values"; the adapter schema's are at the top.
    const path = issue.path[0] === "values" ? issue.path.slice(1) : issue.path;
    const name = typeof path[0] === "string" ? path[0] : undefined;
    const key = name ? `values.${name}` : "values";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
