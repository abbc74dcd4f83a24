// Grant and revoke a group membership: PUT / DELETE /api/v1/groups/{groupId}/users/{userId}.
// Okta answers 204 whether or not anything changed, so the group's type and the user's
// current groups are read first: only OKTA_GROUP memberships may change, and a repeat is
// `changed: false` without a write.
import { ConnectorError, type ProvisionRequest, type ProvisionResult } from "../types";
import type { OktaClient } from "./client";
import { parseEntitlementId, text } from "./map";
import type { OktaAuth } from "./settings";

// Okta ids are 20 characters from [0-9A-Za-z]; anything else (an email, "user:<id>") is a
// mistake in the request and never goes into a URL.
const OKTA_ID = /^[0-9A-Za-z]{1,64}$/;

type Target = { groupId: string; userId: string };

function parseRequest(request: ProvisionRequest, auth: OktaAuth): Target {
  const parsed = parseEntitlementId(request.entitlementId);
  if (parsed?.kind === "app") {
    throw new ConnectorError("refused", "App assignments are sync only: Gatekeeper changes Okta group memberships, so request a group that is assigned to the app instead.");
  }
  if (parsed?.kind === "role") throw new ConnectorError("refused", "Okta admin roles are sync only: assign them in the Okta Admin Console.");
  if (!parsed || !OKTA_ID.test(parsed.resourceId)) {
    throw new ConnectorError("refused", `"${request.entitlementId}" is not an Okta group membership; expected group:<group id>:member.`);
  }
  const userId = request.principalId.trim();
  if (!OKTA_ID.test(userId)) throw new ConnectorError("refused", `"${request.principalId}" is not an Okta user id (a user resource id from the sync).`);
  if (auth.method === "oauth" && !auth.provisioning) {
    throw new ConnectorError("invalid_config", "Provisioning is off for this connector: turn it on in the settings and grant the app okta.groups.manage.", { field: "provisioning" });
  }
  return { groupId: parsed.resourceId, userId };
}

async function readTarget(api: OktaClient, target: Target): Promise<{ name: string; member: boolean }> {
  const { data: group } = await api.getGroup(target.groupId);
  const name = text(group.profile?.name) ?? group.id;
  if (group.type && group.type !== "OKTA_GROUP") {
    throw new ConnectorError(
      "refused",
      group.type === "APP_GROUP"
        ? `"${name}" is imported from an app (APP_GROUP): its members are managed there (for example in Active Directory), not in Okta.`
        : `"${name}" is a built-in Okta group (${group.type}): Okta manages its members.`,
    );
  }
  let member = false;
  try {
    for await (const page of api.listUserGroups(target.userId)) if (page.some((g) => g.id === target.groupId)) member = true;
  } catch (error) {
    if (error instanceof ConnectorError && (error.kind === "not_found" || error.kind === "conflict")) {
      throw new ConnectorError("not_found", `No Okta user ${target.userId}: it may have been deleted since the last sync.`, { status: 404, cause: error });
    }
    throw error;
  }
  return { name, member };
}

export async function grantMembership(api: OktaClient, auth: OktaAuth, request: ProvisionRequest): Promise<ProvisionResult> {
  const target = parseRequest(request, auth);
  const { name, member } = await readTarget(api, target);
  if (member) return { changed: false, message: `${target.userId} is already a member of ${name}.` };
  await api.assignUser(target.groupId, target.userId);
  return { changed: true, message: `Added ${target.userId} to ${name}.` };
}

export async function revokeMembership(api: OktaClient, auth: OktaAuth, request: ProvisionRequest): Promise<ProvisionResult> {
  const target = parseRequest(request, auth);
  const { name, member } = await readTarget(api, target);
  if (!member) return { changed: false, message: `${target.userId} is not a member of ${name}; nothing to revoke.` };
  await api.unassignUser(target.groupId, target.userId);
  return { changed: true, message: `Removed ${target.userId} from ${name}.` };
}
