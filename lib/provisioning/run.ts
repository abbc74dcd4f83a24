// The one path every change made through an adapter takes (grant, revoke, invite, remove): open
// the stored settings, call the adapter, and on success edit the store at once, audit it and
// queue the sync that confirms it. An adapter's refusal or failure is audited with the upstream's
// words and changes nothing in the store. Server actions call it (and turn a ProvisioningError
// into the action's refusal); background jobs (access-review remediation, expiring requests)
// call it with the same actor shape, so both leave the same audit trail.
import { getConnector, isConnectorId, type AnyConnector } from "@/lib/connectors/registry";
import { createConnectorContext } from "@/lib/connectors/runtime";
import { ConnectorError, type ConnectorContext } from "@/lib/connectors/types";
import { recordAudit } from "@/lib/data/audit";
import { openStoredConfig } from "@/lib/data/connector-settings-store";
import { enqueueSync, SyncRefusedError } from "@/lib/sync";

/** Who made the change: a signed-in user, or a job acting for one (its id and email). */
export type Actor = { id: string; email: string };
export type AuditResult = "ok" | "refused" | "failed";

/** The audit entry of one attempt: who, what, where and the outcome, with the upstream's message. */
export type AuditEntry = { kind: string; connectorId: string; targetType: string; targetId: string; data: Record<string, unknown> };

/**
 * An expected end of a change: the console refused it, or the upstream refused or failed it.
 * `outcome` says which, so a job can retry a failure and give up on a refusal.
 */
export class ProvisioningError extends Error {
  constructor(message: string, readonly outcome: "refused" | "failed") {
    super(message);
    this.name = "ProvisioningError";
  }
}

export function auditAttempt(actor: Actor, entry: AuditEntry, result: AuditResult, summary: string, message: string) {
  return recordAudit({ actor, kind: entry.kind, connectorId: entry.connectorId, targetType: entry.targetType, targetId: entry.targetId, result, summary, data: { ...entry.data, message } });
}

/** Audits a refusal the console owns (before any upstream call) and ends the change with it. */
export async function refuse(actor: Actor, entry: AuditEntry, tried: string, message: string): Promise<never> {
  await auditAttempt(actor, entry, "refused", `${actor.email} tried to ${tried}; refused: ${message}`, message);
  throw new ProvisioningError(message, "refused");
}

export async function runAdapterChange<T extends { message: string }>(options: {
  actor: Actor;
  entry: AuditEntry;
  catalogId: string;
  /** "grant Admin to ada@example.com in Temporal Cloud", for the audit of a refusal or failure. */
  tried: string;
  /** "granted Admin to ada@example.com in Temporal Cloud", for the audit of a success. */
  done: string;
  where: string;
  call: (adapter: AnyConnector, config: Record<string, unknown>, ctx: ConnectorContext) => Promise<T>;
  /** Mirrors the upstream's change in the store until the confirming sync reads it. */
  record: (result: T) => Promise<unknown>;
}): Promise<{ message: string }> {
  const { actor, entry, catalogId } = options;
  if (!isConnectorId(catalogId)) throw new ProvisioningError("Unknown connector type.", "refused");
  const config = await openStoredConfig(entry.connectorId);
  if (!config) throw new ProvisioningError("The connector has no settings yet. Save its settings first.", "refused");
  let result: T;
  try {
    result = await options.call(getConnector(catalogId), config, createConnectorContext(catalogId));
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    // The upstream's (or the adapter's) own words; nothing in the store changes.
    const outcome = error.kind === "refused" ? "refused" : "failed";
    await auditAttempt(actor, entry, outcome, `${actor.email} tried to ${options.tried}; ${outcome}: ${error.message}`, error.message);
    throw new ProvisioningError(`${options.where} said: ${error.message}`, outcome);
  }
  await options.record(result);
  await auditAttempt(actor, entry, "ok", `${actor.email} ${options.done}`, result.message);
  try {
    // The confirming sync; a refusal here (disabled meanwhile) must not undo a done change.
    await enqueueSync(entry.connectorId, "manual");
  } catch (error) {
    if (!(error instanceof SyncRefusedError)) throw error;
  }
  return { message: `${result.message} A sync has been queued to confirm it.` };
}
