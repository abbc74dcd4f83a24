// Check: prove the credentials work on this account with the fewest calls. A token is first
// verified on its own, so a failure on the account afterwards points at the Account ID.
import { ConnectorError, type CheckResult, type CredentialExpiry } from "../types";
import type { CloudflareApi } from "./api";
import type { CloudflareAuth } from "./settings";

/** Verify Token's `expires_on`: absent or null is a token that never expires. */
export async function readTokenExpiry(api: CloudflareApi): Promise<CredentialExpiry> {
  const { result: token } = await api.verifyToken();
  if (token.status !== "active") {
    throw new ConnectorError("unauthorized", `Cloudflare says this API token is ${token.status}. Create a new token or re-enable it.`, {
      field: "apiToken",
    });
  }
  return { expiresAt: token.expires_on ? new Date(token.expires_on) : null };
}

export async function checkAccount(api: CloudflareApi, auth: CloudflareAuth): Promise<CheckResult> {
  // A Global API key does not expire, so only a token has an expiry to tell.
  const credentialExpiry = auth.method === "api-token" ? await readTokenExpiry(api) : undefined;
  const { result: account } = await api.getAccount();
  const how = auth.method === "api-token" ? "an API token" : `the Global API key of ${auth.email}`;
  // The subset does not promise the id in the answer; the one asked for is the one that answered.
  const id = account.id || auth.accountId;
  const name = account.name ? `"${account.name}" (${id})` : id;
  return { ok: true, summary: `Connected to Cloudflare account ${name} with ${how}.`, ...(credentialExpiry ? { credentialExpiry } : {}) };
}
