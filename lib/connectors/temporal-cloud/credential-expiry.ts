// When the API key in use expires. The Ops API lists keys with `spec.expiryTime` (GetApiKeys,
// GetApiKey) but has no call that says which key a request was made with, and the token does
// not carry its ID. So the admin may give the key's ID (settings, "API key ID"); without it the
// connector watches the account's enabled key that expires first: a warning may then come for
// another key, never too late for this one.
import { ConnectorError, type CredentialExpiry } from "../types";
import type { ApiKeyRecord, TemporalCloudApi } from "./api";

const usable = (key: ApiKeyRecord) => !key.spec.disabled && (key.state === "RESOURCE_STATE_ACTIVE" || key.state === undefined || key.state === "RESOURCE_STATE_UNSPECIFIED");

function expiryOf(key: ApiKeyRecord): Date | null {
  if (!key.spec.expiryTime) return null;
  const at = new Date(key.spec.expiryTime);
  if (Number.isNaN(at.getTime())) throw new ConnectorError("malformed_response", `Temporal Cloud answered an expiry time that is not a date: ${key.spec.expiryTime}`);
  return at;
}

export async function readApiKeyExpiry(api: TemporalCloudApi, apiKeyId: string | undefined): Promise<CredentialExpiry> {
  if (apiKeyId) return { expiresAt: expiryOf(await api.getApiKey(apiKeyId)) };
  const keys: ApiKeyRecord[] = [];
  let token = "";
  do {
    const page = await api.listApiKeys(token);
    keys.push(...page.items.filter(usable));
    token = page.nextPageToken;
  } while (token);
  const expiring = keys.map((key) => ({ key, at: expiryOf(key) })).filter((k): k is { key: ApiKeyRecord; at: Date } => k.at !== null);
  if (expiring.length === 0) return { expiresAt: null, note: keys.length ? "No API key of the account has an expiry." : undefined };
  const first = expiring.reduce((a, b) => (b.at < a.at ? b : a));
  const note = keys.length > 1 ? `Watching API key ${first.key.id}, the first of the account's ${keys.length} keys to expire; set the API key ID in the settings to watch the one in use.` : undefined;
  return { expiresAt: first.at, note };
}
