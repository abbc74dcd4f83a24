// Account provisioning (the seed's "Accounts: Provision"): create a user from an email with the
// configured default role, and delete one. The Connector interface has no verb for this yet, so
// index.ts exports these beside the connector for the runner to call.
import { ConnectorError, type ConnectorContext, type ProvisionResult } from "../types";
import type { TemporalCloudApi, UserSpecWrite } from "./api";
import { userAccess } from "./map";
import { awaitOperation } from "./operations";
import { applyPlan, type ProvisionTuning } from "./provision";
import type { TemporalCloudConfig } from "./settings";
import { roleBySlug } from "./vocabulary";

export type CreatedAccount = ProvisionResult & { userId: string };

export async function createAccount(
  api: TemporalCloudApi,
  ctx: ConnectorContext,
  config: TemporalCloudConfig,
  email: string,
  tuning: ProvisionTuning = {},
): Promise<CreatedAccount> {
  const address = email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new ConnectorError("refused", `"${email}" is not an email address.`);
  const role = roleBySlug(config.defaultAccountRole);
  if (!role) throw new ConnectorError("invalid_config", "Choose a default account role.", { field: "defaultAccountRole" });
  const spec: UserSpecWrite = { email: address, access: { accountAccess: { role: role.wire }, namespaceAccesses: {} } };
  const response = await api.createUser(spec, crypto.randomUUID());
  if (!response.userId) throw new ConnectorError("malformed_response", "Temporal Cloud created the user but did not say its id.");
  await awaitOperation(api, ctx, response.asyncOperation, `invite ${address}`, tuning.maxOperationPolls);
  return { changed: true, userId: response.userId, message: `Invited ${address} with the ${role.displayName} role.` };
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
        throw new ConnectorError("refused", `${user.spec.email || user.id} is ${role.displayName}; the connector never deletes such a user.`);
      }
      return {
        kind: "write",
        message: `Deleted ${user.spec.email || user.id}.`,
        write: (id) => api.deleteUser(user.id, user.resourceVersion, id),
      };
    }, tuning);
  } catch (error) {
    // Already gone is what the caller wanted.
    if (error instanceof ConnectorError && error.kind === "not_found") return { changed: false, message: `No user ${userId}: nothing to delete.` };
    throw error;
  }
}
