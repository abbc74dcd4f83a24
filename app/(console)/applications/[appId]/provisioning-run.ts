// The one path every change made through an adapter takes (grant, revoke, invite, remove): open
// the stored settings, call the adapter, and on success edit the store at once, audit it and
// queue the sync that confirms it. An adapter's refusal or failure is audited with the upstream's
// words and changes nothing in the store. Not a "use server" file: the actions call it.
import { revalidatePath } from "next/cache";
import { ActionError } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth";
import { getConnector, isConnectorId, type AnyConnector } from "@/lib/connectors/registry";
import { createConnectorContext } from "@/lib/connectors/runtime";
import { ConnectorError, type ConnectorContext } from "@/lib/connectors/types";
import { recordAudit } from "@/lib/data/audit";
import { openStoredConfig } from "@/lib/data/connector-settings-store";
import { enqueueSync, SyncRefusedError } from "@/lib/sync";

export type Actor = Pick<CurrentUser, "id" | "email">;
export type AuditResult = "ok" | "refused" | "failed";

/** The audit entry of one attempt: who, what, where and the outcome, with the upstream's message. */
export type AuditEntry = { kind: string; connectorId: string; targetType: string; targetId: string; data: Record<string, unknown> };

export function auditAttempt(actor: Actor, entry: AuditEntry, result: AuditResult, summary: string, message: string) {
  return recordAudit({ actor, kind: entry.kind, connectorId: entry.connectorId, targetType: entry.targetType, targetId: entry.targetId, result, summary, data: { ...entry.data, message } });
}

/** Audits a refusal the console owns (before any upstream call) and ends the action with it. */
export async function refuse(actor: Actor, entry: AuditEntry, tried: string, message: string): Promise<never> {
  await auditAttempt(actor, entry, "refused", `${actor.email} tried to ${tried}; refused: ${message}`, message);
  throw new ActionError(message);
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
  if (!isConnectorId(catalogId)) throw new ActionError("Unknown connector type.");
  const config = await openStoredConfig(entry.connectorId);
  if (!config) throw new ActionError("The connector has no settings yet. Save its settings first.");
  let result: T;
  try {
    result = await options.call(getConnector(catalogId), config, createConnectorContext(catalogId));
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw error;
    // The upstream's (or the adapter's) own words; nothing in the store changes.
    const outcome = error.kind === "refused" ? "refused" : "failed";
    await auditAttempt(actor, entry, outcome, `${actor.email} tried to ${options.tried}; ${outcome}: ${error.message}`, error.message);
    throw new ActionError(`${options.where} said: ${error.message}`);
  }
  await options.record(result);
  await auditAttempt(actor, entry, "ok", `${actor.email} ${options.done}`, result.message);
  try {
    // The confirming sync; a refusal here (disabled meanwhile) must not undo a done change.
    await enqueueSync(entry.connectorId, "manual");
  } catch (error) {
    if (!(error instanceof SyncRefusedError)) throw error;
  }
  revalidatePath("/applications", "layout");
  return { message: `${result.message} A sync has been queued to confirm it.` };
}
