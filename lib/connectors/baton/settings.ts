// Baton settings: only the choice of provider the self-hosted runner runs. The provider's own
// credentials never reach this console: they live in the Kubernetes Secret next to the runner.
import { z } from "zod";
import { ConnectorError, type SettingsSpec } from "../types";

export const BATON_PROVIDERS = ["temporal-cloud", "cloudflare", "other"] as const;
export type BatonProvider = (typeof BATON_PROVIDERS)[number];

export const BATON_PROVIDER_LABELS: Record<BatonProvider, string> = {
  "temporal-cloud": "Temporal Cloud",
  cloudflare: "Cloudflare v2",
  other: "Another Baton connector (.c1z uploads)",
};

export const batonConfigSchema = z.object({
  provider: z.enum(BATON_PROVIDERS, { error: "Choose the provider this connector runs." }),
});

export type BatonConfig = z.infer<typeof batonConfigSchema>;

export const batonSettings: SettingsSpec<BatonConfig> = {
  schema: batonConfigSchema,
  fields: [
    {
      name: "provider",
      label: "Provider",
      help: "What the runner in your environment syncs. Temporal Cloud and Cloudflare run in the Gatekeeper runner; for any other Baton connector, upload the .c1z files it writes.",
      required: true,
      kind: "select",
      options: BATON_PROVIDERS.map((value) => ({ value, label: BATON_PROVIDER_LABELS[value] })),
      defaultValue: "cloudflare",
    },
  ],
};

/** Parses a config that may never have gone through the form; a bad one names its field. */
export function parseBatonConfig(config: unknown): BatonConfig {
  const parsed = batonConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  throw new ConnectorError("invalid_config", parsed.error.issues[0]?.message ?? "Choose the provider this connector runs.", { field: "provider" });
}
