// Test support for the runner: in-memory I/O, and picking a grant to try from a sync's own
// records, so the same test drives any connector without knowing its ids.
import type { SyncRecord } from "@/lib/connectors/types";
import type { BaseUrls, CliIo } from "./run";

export type MemoryIo = CliIo & { out: string[]; err: string[]; files: Map<string, string> };

export function memoryIo(urls: BaseUrls, files: Record<string, string> = {}): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  const store = new Map(Object.entries(files));
  return {
    out,
    err,
    files: store,
    stdout: (text) => void out.push(text),
    stderr: (text) => void err.push(text),
    readFile: async (path) => {
      const text = store.get(path);
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return text;
    },
    baseUrls: () => urls,
    fetch,
    sleep: async () => undefined,
  };
}

export function parseNdjson(text: string): SyncRecord[] {
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as SyncRecord);
}

/**
 * A provisionable entitlement and an enabled user with no grant on that entitlement's resource
 * (so neither connector's replace-one-role rules get in the way of a plain grant then revoke).
 */
export function pickProvisioning(records: SyncRecord[]): { entitlementId: string; principalId: string } {
  const grants = records.filter((r): r is Extract<SyncRecord, { type: "grant" }> => r.type === "grant");
  const entitlements = records.filter((r): r is Extract<SyncRecord, { type: "entitlement" }> => r.type === "entitlement" && r.provisionable);
  const users = records.filter(
    (r): r is Extract<SyncRecord, { type: "resource" }> => r.type === "resource" && r.resourceTypeId === "user" && r.user?.status === "enabled",
  );
  // Prefer permission-style entitlements: assignments may be exclusive (one account role).
  const ordered = [...entitlements.filter((e) => e.purpose === "permission"), ...entitlements.filter((e) => e.purpose !== "permission")];
  for (const entitlement of ordered) {
    const resourcePrefix = `${entitlement.resource.resourceTypeId}:${entitlement.resource.id}:`;
    const user = users.find((u) => !grants.some((g) => g.principal.id === u.id && g.entitlementId.startsWith(resourcePrefix)));
    if (user) return { entitlementId: entitlement.id, principalId: user.id };
  }
  throw new Error("no provisionable entitlement without a grant");
}
