"use server";
// What a connector's owners may do, as well as administrators: save its settings and change
// its owners. Every call checks ownership server-side (authorize), whatever the page showed.
import { revalidatePath } from "next/cache";
import { action, ActionError, ALL_ROLES } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth";
import { getConnector, isConnectorId, type AnyConnector, type ConnectorId } from "@/lib/connectors/registry";
import { createConnectorContext } from "@/lib/connectors/runtime";
import { ConnectorError, type CheckResult } from "@/lib/connectors/types";
import { recordAudit } from "@/lib/data/audit";
import { canEditConnector } from "@/lib/data/connector-access";
import { changedSettingNames, issuesToFieldErrors, mergeSettings, storedSecretNames, toPublicSettings, type StoredConfig } from "@/lib/data/connector-settings";
import { openStoredConfig, restoreConnectorStatus, storeConnectorSettings } from "@/lib/data/connector-settings-store";
import { ConnectorInputError, getConnectorDetail, setConnectorOwners } from "@/lib/data/connectors";
import { enqueueSync, resetExpiryWarnings, storeCredentialExpiry, SyncRefusedError } from "@/lib/sync";
import { credentialExpiryFromDate, saveSettingsSchema, setConnectorOwnersSchema, settingsFormSchema } from "@/lib/validation/connectors";
import { notifyNewOwners } from "../notify-owners";

const authorize = (user: CurrentUser, input: { connectorId: string }) => canEditConnector(user, input.connectorId);
const CHECK_FAILED = "The check failed, so nothing was saved. See the highlighted field.";

async function loadConnector(connectorId: string) {
  const connector = await getConnectorDetail(connectorId);
  if (!connector) throw new ActionError("This connector no longer exists.");
  if (!isConnectorId(connector.catalogId)) throw new ActionError("This connector type is no longer available.");
  return { connector, catalogId: connector.catalogId, adapter: getConnector(connector.catalogId) };
}

/** Runs the adapter's check; a failure becomes a field or form error and nothing is stored. */
async function checkOrRefuse<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    if (error.field) throw new ActionError(CHECK_FAILED, { [`values.${error.field}`]: [error.message] });
    throw new ActionError(`The check failed, so nothing was saved: ${error.message}`);
  }
}

/**
 * The credential's expiry after a save: what the check read, else what the upstream tells, else
 * the date the admin entered (where the upstream cannot tell). A new secret is a new credential,
 * so the warnings sent for the old one no longer count.
 */
async function recordExpiry(
  connectorId: string,
  input: { adapter: AnyConnector; catalogId: ConnectorId; config: StoredConfig; checked: CheckResult; enteredOn: string | undefined; changed: string[] },
) {
  const secrets = input.adapter.settings.fields.filter((f) => f.secret).map((f) => f.name);
  if (input.changed.some((name) => secrets.includes(name))) await resetExpiryWarnings(connectorId);
  if (!input.adapter.credentialExpiry) {
    if (input.enteredOn !== undefined) await storeCredentialExpiry(connectorId, credentialExpiryFromDate(input.enteredOn), "admin");
    return;
  }
  let expiry = input.checked.credentialExpiry;
  try {
    expiry ??= await input.adapter.credentialExpiry(input.config, createConnectorContext(input.catalogId));
  } catch (error) {
    // The credentials checked out; the expiry is read again at the first sync.
    if (!(error instanceof ConnectorError)) throw error;
  }
  if (expiry) await storeCredentialExpiry(connectorId, expiry.expiresAt, "upstream");
}

/** "Save": check with the upstream first; only then seal, store, mark Syncing and enqueue the sync. */
export const saveSettingsAction = action({ schema: saveSettingsSchema, roles: ALL_ROLES, authorize }, async ({ connectorId, values, credentialExpiresOn }, actor) => {
  const { connector, catalogId, adapter } = await loadConnector(connectorId);
  const spec = adapter.settings;
  const stored = await openStoredConfig(connectorId);
  const form = settingsFormSchema(spec, storedSecretNames(spec, connector.settings)).safeParse({ connectorId, values });
  if (!form.success) throw new ActionError("Check the highlighted fields.", issuesToFieldErrors(form.error.issues));
  const parsed = spec.schema.safeParse(mergeSettings(spec, values, stored));
  if (!parsed.success) throw new ActionError("Check the highlighted fields.", issuesToFieldErrors(parsed.error.issues));
  const config = parsed.data as StoredConfig;
  const checked = await checkOrRefuse(() => adapter.check(config, createConnectorContext(catalogId)));

  const saved = await storeConnectorSettings(connectorId, config, toPublicSettings(spec, config));
  await recordAudit({
    actor,
    kind: "connector.settings_changed",
    connectorId,
    targetType: "connector",
    targetId: connectorId,
    summary: `${actor.email} changed the settings of ${connector.displayName}`,
    // Field names only: never a value, secret or not.
    data: { fields: changedSettingNames(stored, config) },
  });
  await recordExpiry(connectorId, { adapter, catalogId, config, checked, enteredOn: credentialExpiresOn, changed: changedSettingNames(stored, config) });
  let syncing = !saved.disabled;
  if (syncing) {
    // Saved either way. A refusal (a self-hosted connector, disabled meanwhile) means no hosted
    // sync follows, so the connector keeps the status it had instead of showing Syncing.
    await enqueueSync(connectorId, "settings").catch(async (error: unknown) => {
      if (!(error instanceof SyncRefusedError)) throw error;
      syncing = false;
      await restoreConnectorStatus(connectorId, saved.previous);
    });
  }
  revalidatePath(`/admin/connectors/${connectorId}`);
  revalidatePath("/admin/connectors");
  return { syncing };
});

export const setConnectorOwnersAction = action({ schema: setConnectorOwnersSchema, roles: ALL_ROLES, authorize }, async ({ connectorId, ownerIds }, actor) => {
  const { connector } = await loadConnector(connectorId);
  let change;
  try {
    change = await setConnectorOwners(connectorId, ownerIds);
  } catch (error) {
    if (error instanceof ConnectorInputError) throw new ActionError(error.message, { ownerIds: [error.message] });
    throw error;
  }
  if (change.added.length || change.removed.length) {
    await recordAudit({
      actor,
      kind: "connector.owners_changed",
      connectorId,
      targetType: "connector",
      targetId: connectorId,
      summary: `${actor.email} changed the owners of ${connector.displayName}`,
      data: { added: change.added.map((u) => u.email), removed: change.removed },
    });
  }
  await notifyNewOwners({ owners: change.added, actor, connector, appName: connector.application.name });
  revalidatePath(`/admin/connectors/${connectorId}`);
  revalidatePath("/admin/connectors");
  return { added: change.added.length, removed: change.removed.length };
});
