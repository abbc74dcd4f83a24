// What the runner needs per provider, in one place: the environment variable names (the
// public Baton connectors' names, so a Secret written for ConductorOne's images works here),
// the placeholders the manifests show, and how the variables become the adapter's config.
// The manifests and the runner both read this table, so they cannot drift apart.
import type { BatonProvider } from "@/lib/connectors/baton";

export type RunnerProvider = Exclude<BatonProvider, "other">;

export type CredentialVariable = {
  name: string;
  /** The adapter settings field it fills. */
  setting: string;
  placeholder: string;
  secret: boolean;
};

/** One way to authenticate: Cloudflare has two (API token, or Email + Global API key). */
export type CredentialSet = { id: string; label: string; variables: CredentialVariable[] };

export type RunnerProviderSpec = {
  /** The hosted adapter the runner drives. */
  connectorId: "temporal-cloud" | "cloudflare";
  /** The Baton connector's name, as in baton-<slug>.yaml and the baton-app label. */
  slug: string;
  label: string;
  credentialSets: CredentialSet[];
};

const accountId: CredentialVariable = { name: "BATON_ACCOUNT_ID", setting: "accountId", placeholder: "<Cloudflare account ID>", secret: false };

export const RUNNER_PROVIDERS: Record<RunnerProvider, RunnerProviderSpec> = {
  "temporal-cloud": {
    connectorId: "temporal-cloud",
    slug: "temporalcloud",
    label: "Temporal Cloud",
    credentialSets: [
      { id: "api-key", label: "Temporal Cloud credentials", variables: [{ name: "BATON_API_KEY", setting: "apiKey", placeholder: "<Temporal Cloud API key>", secret: true }] },
    ],
  },
  cloudflare: {
    connectorId: "cloudflare",
    slug: "cloudflare",
    label: "Cloudflare",
    credentialSets: [
      {
        id: "api-token",
        label: "API token",
        variables: [accountId, { name: "BATON_API_TOKEN", setting: "apiToken", placeholder: "<Cloudflare API token>", secret: true }],
      },
      {
        id: "email-api-key",
        label: "Email + API key",
        variables: [
          accountId,
          { name: "BATON_API_KEY", setting: "apiKey", placeholder: "<Cloudflare global API key>", secret: true },
          { name: "BATON_EMAIL_ID", setting: "email", placeholder: "<Email address for your Cloudflare account>", secret: false },
        ],
      },
    ],
  },
};

export function isRunnerProvider(value: unknown): value is RunnerProvider {
  return typeof value === "string" && Object.hasOwn(RUNNER_PROVIDERS, value);
}

/** A value still holding a manifest placeholder ("<Cloudflare API token>") counts as unset. */
export function isPlaceholder(value: string) {
  return /^<[^<>]*>$/.test(value.trim());
}

type Env = Record<string, string | undefined>;

function present(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value && !isPlaceholder(value) ? value : undefined;
}

/**
 * The adapter config from BATON_* variables: the first credential set whose variables are all
 * present wins (Cloudflare: a token before email + key, as in Baton). Without a complete set,
 * the error names what is missing, never a value.
 */
export function configFromEnv(provider: RunnerProvider, env: Env): { ok: true; config: Record<string, string>; secrets: string[] } | { ok: false; error: string } {
  const spec = RUNNER_PROVIDERS[provider];
  for (const set of spec.credentialSets) {
    if (!set.variables.every((v) => present(env, v.name))) continue;
    const config: Record<string, string> = {};
    for (const v of set.variables) config[v.setting] = present(env, v.name)!;
    if (provider === "cloudflare") config.authMethod = set.id;
    const secrets = set.variables.filter((v) => v.secret).map((v) => config[v.setting]);
    return { ok: true, config, secrets };
  }
  const options = spec.credentialSets.map((set) => set.variables.map((v) => v.name).join(" + ")).join(", or ");
  return { ok: false, error: `${spec.label} credentials are missing: set ${options} (placeholders such as "<...>" count as unset).` };
}
