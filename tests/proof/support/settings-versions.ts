// Version N of a Temporal Cloud connector's settings, different from N±1 in every field, so a
// stored row mixing two saves (a secret of one, a public view of another) cannot go unseen.
import { DEMO_API_KEY } from "@/e2e/upstreams/temporal-cloud/server";

const ROLES = ["read", "developer", "admin"] as const;

export function settingsVersion(version: number) {
  return {
    apiKey: `${DEMO_API_KEY}-v${version}`,
    defaultAccountRole: ROLES[version % ROLES.length],
    apiVersion: `2024-10-01-${String(version).padStart(2, "0")}`,
  };
}

/** The version a stored config was, read back from its API key. */
export function versionOf(config: Record<string, unknown>): number {
  const match = /-v(\d+)$/.exec(String(config.apiKey ?? ""));
  return match ? Number(match[1]) : Number.NaN;
}
