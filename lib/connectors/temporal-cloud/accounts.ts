// Account provisioning (the seed's "Accounts: Provision"): invite a user from an email with an
// account role (the configured default unless one is chosen), and delete one. Exposed through
// the Connector interface's optional `accounts` capability (index.ts).
import { ConnectorError, type ConnectorContext, type CreatedAccount, type CreateAccountRequest, type ProvisionResult } from "../types";
import type { ApiUser, TemporalCloudApi, UserSpecWrite } from "./api";
import { grantRecord, userAccess, userResource } from "./map";
import { awaitOperation } from "./operations";
import { applyPlan, type ProvisionTuning } from "./provision";
import type { TemporalCloudConfig } from "./settings";
import { ACCOUNT_ROLES, roleBySlug, roleEntitlementId } from "./vocabulary";

/** The roles an invitation may carry: every role the connector may grant (not Owner or Finance Admin). */
export const INVITE_ROLES = ACCOUNT_ROLES.filter((role) => role.provisionable).map((role) => ({ value: role.slug, label: role.displayName }));

export async function createAccount(
  api: TemporalCloudApi,
  ctx: ConnectorContext,
  config: TemporalCloudConfig,
  request: CreateAccountRequest,
  tuning: ProvisionTuning = {},
): Promise<CreatedAccount> {
  const address = request.email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new ConnectorError("refused", `"${request.email}" is not an email address.`);
  const slug = request.role ?? config.defaultAccountRole;
  const role = roleBySlug(slug);
  if (!role) throw new ConnectorError(request.role ? "refused" : "invalid_config", `Account role "${slug}" is not one this connector knows.`, request.role ? {} : { field: "defaultAccountRole" });
  if (!role.provisionable) throw new ConnectorError("refused", `The ${role.displayName} role is never granted by the connector; invite with another role and change it in Temporal Cloud.`);
  const spec = { email: address, access: { accountAccess: { role: role.wire }, namespaceAccesses: {} } } satisfies UserSpecWrite & ApiUser["spec"];
  const response = await api.createUser(spec, crypto.randomUUID());
  if (!response.userId) throw new ConnectorError("malformed_response", "Temporal Cloud created the user but did not say its id.");
  await awaitOperation(api, ctx, response.asyncOperation, `invite ${address}`, tuning.maxOperationPolls);
  // What the next sync will read for this user (an open invitation, the one role), built from
  // what was written: the invitation is done, and a failed read now must not undo that.
  const invited: ApiUser = {
    id: response.userId,
    resourceVersion: "",
    spec,
    stateDeprecated: "",
    state: "RESOURCE_STATE_ACTIVE",
    asyncOperationId: response.asyncOperation?.id ?? "",
    invitation: { createdTime: undefined, expiredTime: undefined },
    createdTime: undefined,
    lastModifiedTime: undefined,
  };
  const held = userAccess(invited).role?.slug ?? role.slug;
  return {
    changed: true,
    account: userResource(invited),
    grants: [grantRecord(roleEntitlementId(held), response.userId)],
    message: `Invited ${address} with the ${role.displayName} role.`,
  };
}

export async function deleteAccount(
  api: TemporalCloudApi,
  ctx: ConnectorContext,
  userId: string,
  tuning: ProvisionTuning = {},
): Promise<ProvisionResult> {
  try {
    return await applyPlan(api, ctx, userId, (user) => {
      const role = userAccess(user).role?.known;
      // Deleting an Owner or a Finance Admin would revoke a role the connector must never touch.
      if (role && !role.provisionable) {
        throw new ConnectorError("refused", `${user.spec.email || user.id} is ${role.displayName}; the connector never removes such a user.`);
      }
      return {
        kind: "write",
        message: `Removed ${user.spec.email || user.id} from Temporal Cloud.`,
        write: (id) => api.deleteUser(user.id, user.resourceVersion, id),
      };
    }, tuning);
  } catch (error) {
    // Already gone is what the caller wanted.
    if (error instanceof ConnectorError && error.kind === "not_found") return { changed: false, message: `No user ${userId} in Temporal Cloud: nothing to remove.` };
    throw error;
  }
}
