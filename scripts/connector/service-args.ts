// `connector service --url <app url> [--once] [--interval <minutes>]`, and the BATON_*
// environment it reads: the same variable names as the generated Kubernetes Secret.
import { parseArgs } from "node:util";
import { z } from "zod";
import { isPlaceholder } from "@/lib/self-hosted/providers";

export type ServiceOptions = { url: string; once: boolean; intervalMinutes?: number };

export const SERVICE_USAGE = `Usage: connector service --url <Gatekeeper URL> [--once] [--interval <minutes>]

Runs a self-hosted (Baton) connector: signs in with BATON_CLIENT_ID and BATON_CLIENT_SECRET,
learns its provider from Gatekeeper, syncs it with the provider's BATON_* credentials and
uploads each sync. Without --once it repeats on the connector's sync interval (or --interval).
  Temporal Cloud: BATON_API_KEY
  Cloudflare:     BATON_ACCOUNT_ID with BATON_API_TOKEN, or BATON_API_KEY and BATON_EMAIL_ID
Exit codes (--once): 0 uploaded, 1 the sync or upload failed, 2 bad arguments or environment.`;

export type ParsedService = { ok: true; options: ServiceOptions } | { ok: true; help: true } | { ok: false; error: string };

export function parseServiceArgs(argv: string[]): ParsedService {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: { url: { type: "string" }, once: { type: "boolean" }, interval: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const { values } = parsed;
  if (values.help) return { ok: true, help: true };
  if (!values.url) return { ok: false, error: "Missing --url <Gatekeeper URL>." };
  const url = z.url({ protocol: /^https?$/ }).safeParse(values.url);
  if (!url.success) return { ok: false, error: `--url must be an http(s) URL, got "${values.url}".` };
  let intervalMinutes: number | undefined;
  if (values.interval !== undefined) {
    intervalMinutes = Number(values.interval);
    if (!Number.isFinite(intervalMinutes) || intervalMinutes <= 0 || intervalMinutes > 7 * 24 * 60) return { ok: false, error: `--interval is a number of minutes, got "${values.interval}".` };
  }
  return { ok: true, options: { url: url.data.replace(/\/+$/, ""), once: values.once ?? false, intervalMinutes } };
}

const credential = (name: string) =>
  z
    .string({ error: `${name} is not set.` })
    .trim()
    .min(1, `${name} is empty.`)
    .refine((v) => !isPlaceholder(v), `${name} still holds its placeholder: put the value from Rotate in the Secret.`);

export const serviceEnvSchema = z.object({ BATON_CLIENT_ID: credential("BATON_CLIENT_ID"), BATON_CLIENT_SECRET: credential("BATON_CLIENT_SECRET") });

export type ServiceEnv = Record<string, string | undefined>;

export function readClientCredentials(env: ServiceEnv): { ok: true; clientId: string; clientSecret: string } | { ok: false; errors: string[] } {
  const parsed = serviceEnvSchema.safeParse(env);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
  return { ok: true, clientId: parsed.data.BATON_CLIENT_ID, clientSecret: parsed.data.BATON_CLIENT_SECRET };
}
