// Check: prove the credential can read each thing the sync reads, one request apiece: users,
// groups and apps (one scope each for OAuth). The first refusal names the credential and the
// missing scope; an answer that is not Okta's names the domain.
import type { CheckResult } from "../types";
import type { OktaClient } from "./client";
import type { OktaAuth } from "./settings";

export async function checkOrg(api: OktaClient, auth: OktaAuth): Promise<CheckResult> {
  await api.firstUsers();
  await api.firstGroups();
  await api.firstApps();
  const how = auth.method === "api-token" ? "an API token" : `OAuth service app ${auth.clientId}${auth.provisioning ? " (with okta.groups.manage)" : ""}`;
  return { ok: true, summary: `Connected to Okta org ${auth.domain} with ${how}: users, groups and apps are readable.` };
}
