// API keys as the Ops API lists them (GetApiKeys, GetApiKey: identity/v1 ApiKey), so a
// connector can read when the key it uses expires (`spec.expiryTime`, 90 days at most when
// created in the UI). Each key the simulator accepts has one record; its id is derived from the
// token, the way Temporal shows a key's ID beside it (the token itself is never listed).
import { createHash } from "node:crypto";
import type { SimRequest } from "./routes";
import { notFound } from "./wire";

export type WireApiKey = {
  id: string;
  resourceVersion: string;
  spec: { ownerId: string; ownerType: "OWNER_TYPE_USER" | "OWNER_TYPE_SERVICE_ACCOUNT"; displayName: string; description?: string; expiryTime?: string; disabled?: boolean };
  state: string;
  createdTime: string;
  lastModifiedTime: string;
};

const DAY_MS = 86_400_000;
/** The key's ID as Temporal Cloud shows it: stable for a token, never the token. */
export const apiKeyId = (token: string) => `key-${createHash("sha256").update(token).digest("hex").slice(0, 16)}`;

export class ApiKeyBook {
  private readonly records = new Map<string, WireApiKey>();
  constructor(private readonly ownerId: string) {}

  /** The record of a token, made on first use: created now, expiring in 90 days (expired keys: yesterday). */
  record(token: string, expired = false): WireApiKey {
    let record = this.records.get(token);
    if (!record) {
      const now = Date.now();
      record = {
        id: apiKeyId(token),
        resourceVersion: "1",
        spec: { ownerId: this.ownerId, ownerType: "OWNER_TYPE_USER", displayName: `Key ${token.slice(0, 4)}…`, expiryTime: new Date(expired ? now - DAY_MS : now + 90 * DAY_MS).toISOString() },
        state: "RESOURCE_STATE_ACTIVE",
        createdTime: new Date(now - DAY_MS).toISOString(),
        lastModifiedTime: new Date(now - DAY_MS).toISOString(),
      };
      this.records.set(token, record);
    }
    return record;
  }

  /** `__control` set-api-key-expiry: null leaves the field unset (written null on the grpc-gateway wire). */
  setExpiry(token: string, expiryTime: string | null) {
    const record = this.record(token);
    const { expiryTime: _old, ...spec } = record.spec;
    record.spec = expiryTime ? { ...spec, expiryTime: new Date(expiryTime).toISOString() } : spec;
    record.resourceVersion = String(Number(record.resourceVersion) + 1);
    record.lastModifiedTime = new Date().toISOString();
  }

  /** The keys of every token given, in id order (GetApiKeys sorts by id). */
  list(tokens: { token: string; expired: boolean }[]): WireApiKey[] {
    return tokens.map(({ token, expired }) => this.record(token, expired)).sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** GET /cloud/api-keys (query owner_id, page_size, page_token) and GET /cloud/api-keys/{key_id}. */
export function apiKeyRoute(request: SimRequest, keys: WireApiKey[], paging: { size: number; offset: number; token: (offset: number) => string }, ownerId: string): Record<string, unknown> | undefined {
  if (request.kind === "api-keys.get") {
    const key = keys.find((k) => k.id === request.params.keyId);
    if (!key) throw notFound(`api key ${request.params.keyId} not found`);
    return { apiKey: key };
  }
  if (request.kind !== "api-keys.list") return undefined;
  const owned = ownerId ? keys.filter((k) => k.spec.ownerId === ownerId) : keys;
  const page = owned.slice(paging.offset, paging.offset + paging.size);
  const next = paging.offset + paging.size < owned.length ? paging.token(paging.offset + paging.size) : "";
  return { ...(page.length > 0 ? { apiKeys: page } : {}), ...(next ? { nextPageToken: next } : {}) };
}
