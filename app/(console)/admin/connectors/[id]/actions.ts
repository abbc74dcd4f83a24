"use server";
// Administrators only: rename, sync interval, Sync now, provisioning, account matching, disable, delete.
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/action";
import { setMatchAttribute } from "@/lib/data/account-links";
import { recordAudit } from "@/lib/data/audit";
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";
import { deleteConnector, getConnectorDetail, renameConnector, setConnectorDisabled, setFailureAlertThreshold, setProvisioning, setSyncInterval } from "@/lib/data/connectors";
import { deleteConnectorSnapshots, enqueueSync, SyncRefusedError } from "@/lib/sync";
import { matchAttributeSchema } from "@/lib/validation/people";
import {
  connectorIdSchema,
  describeInterval,
  renameConnectorSchema,
  setConnectorDisabledSchema,
  setFailureAlertThresholdSchema,
  setProvisioningSchema,
  setSyncIntervalSchema,
} from "@/lib/validation/connectors";

const roles = CONNECTOR_ADMIN_ROLES;

async function existing(connectorId: string) {
  const connector = await getConnectorDetail(connectorId);
  if (!connector) throw new ActionError("This connector no longer exists.");
  return connector;
}

/** The engine's refusals (disabled meanwhile, no settings) are messages for the person. */
async function enqueue(connectorId: string) {
  try {
    return await enqueueSync(connectorId, "manual");
  } catch (error) {
    if (error instanceof SyncRefusedError) throw new ActionError(error.message);
    throw error;
  }
}

function refresh(connectorId: string) {
  revalidatePath(`/admin/connectors/${connectorId}`);
  revalidatePath("/admin/connectors");
}

const audit = (actor: { id: string; email: string }, connectorId: string, kind: string, summary: string, data?: Record<string, string | number | boolean>) =>
  recordAudit({ actor, kind, connectorId, targetType: "connector", targetId: connectorId, summary, data });

export const renameConnectorAction = action({ schema: renameConnectorSchema, roles }, async ({ connectorId, displayName }, actor) => {
  const before = await existing(connectorId);
  await renameConnector(connectorId, displayName);
  await audit(actor, connectorId, "connector.renamed", `${actor.email} renamed ${before.displayName} to ${displayName}`, { from: before.displayName, to: displayName });
  refresh(connectorId);
  return { displayName };
});

export const setSyncIntervalAction = action({ schema: setSyncIntervalSchema, roles }, async ({ connectorId, syncIntervalMinutes }, actor) => {
  const connector = await existing(connectorId);
  await setSyncInterval(connectorId, syncIntervalMinutes);
  await audit(actor, connectorId, "connector.sync_interval_changed", `${actor.email} set ${connector.displayName} to sync ${describeInterval(syncIntervalMinutes).toLowerCase()}`, { minutes: syncIntervalMinutes });
  refresh(connectorId);
  return { syncIntervalMinutes };
});

export const setFailureAlertThresholdAction = action({ schema: setFailureAlertThresholdSchema, roles }, async ({ connectorId, threshold }, actor) => {
  const connector = await existing(connectorId);
  await setFailureAlertThreshold(connectorId, threshold);
  await audit(actor, connectorId, "connector.alert_threshold_changed", `${actor.email} set ${connector.displayName} to alert its owners after ${threshold} failed ${threshold === 1 ? "sync" : "syncs"} in a row`, { threshold });
  refresh(connectorId);
  return { threshold };
});

export const syncNowAction = action({ schema: connectorIdSchema, roles }, async ({ connectorId }, actor) => {
  const connector = await existing(connectorId);
  if (connector.disabled) throw new ActionError("This connector is disabled. Enable it first.");
  if (!connector.settings) throw new ActionError("Save the settings first.");
  const { created } = await enqueue(connectorId);
  if (created) await audit(actor, connectorId, "connector.sync_requested", `${actor.email} started a sync of ${connector.displayName}`);
  refresh(connectorId);
  return { created };
});

export const setProvisioningAction = action({ schema: setProvisioningSchema, roles }, async ({ connectorId, enabled }, actor) => {
  const connector = await existing(connectorId);
  await setProvisioning(connectorId, enabled);
  await audit(actor, connectorId, "connector.provisioning_changed", `${actor.email} turned provisioning ${enabled ? "on" : "off"} for ${connector.displayName}`, { enabled });
  refresh(connectorId);
  return { enabled };
});

export const setConnectorDisabledAction = action({ schema: setConnectorDisabledSchema, roles }, async ({ connectorId, disabled }, actor) => {
  const connector = await existing(connectorId);
  const result = await setConnectorDisabled(connectorId, disabled);
  // Back on with settings but never synced: start the first sync now rather than at the next tick.
  if (!disabled && result.status === "SYNCING") await enqueue(connectorId);
  await audit(actor, connectorId, disabled ? "connector.disabled" : "connector.enabled", `${actor.email} ${disabled ? "disabled" : "enabled"} ${connector.displayName}`);
  refresh(connectorId);
  return { disabled };
});

export const deleteConnectorAction = action({ schema: connectorIdSchema, roles }, async ({ connectorId }, actor) => {
  const connector = await existing(connectorId);
  // Synced rows have no foreign key to the connector: remove them first, then the connector.
  await deleteConnectorSnapshots(connectorId);
  await deleteConnector(connectorId);
  await audit(actor, connectorId, "connector.deleted", `${actor.email} deleted ${connector.displayName} (${connector.application.name})`, { catalogId: connector.catalogId, applicationId: connector.application.id });
  revalidatePath("/admin/connectors");
  revalidatePath("/applications");
  return { deleted: true };
});

export const setMatchAttributeAction = action({ schema: matchAttributeSchema, roles }, async ({ connectorId, attribute }, actor) => {
  await existing(connectorId);
  await setMatchAttribute(connectorId, attribute, actor);
  refresh(connectorId);
  revalidatePath("/admin/people", "layout");
  return { attribute };
});
