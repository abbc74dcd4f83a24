// Request settings: an app's defaults and per-entitlement overrides. An override is a whole
// setting (the form starts from the app's), so the effective setting is the override or the
// app's, never a field-by-field mix. Saved by app owners and administrators; "low risk" (which
// allows "no approval") only by administrators.
import type { Role } from "@prisma/client";
import { db, getPool } from "@/lib/db/client";
import type { ApproverKind, RequestSettingsInput } from "@/lib/validation/requests";
import { recordAudit } from "./audit";
import { isConnectorAdmin } from "./connector-access";
import { connectorRefusal, getProvisioningConnector } from "./provisioning";

export type RequestPolicy = {
  requestable: boolean;
  firstApprover: ApproverKind;
  firstApproverIds: string[];
  secondApprover: Exclude<ApproverKind, "NONE"> | null;
  secondApproverIds: string[];
  lowRisk: boolean;
  maxDurationHours: number;
  defaultDurationHours: number;
  allowPermanent: boolean;
  justificationRequired: boolean;
};

export const DEFAULT_POLICY: RequestPolicy = {
  requestable: false,
  firstApprover: "APP_OWNERS",
  firstApproverIds: [],
  secondApprover: null,
  secondApproverIds: [],
  lowRisk: false,
  maxDurationHours: 168,
  defaultDurationHours: 8,
  allowPermanent: false,
  justificationRequired: true,
};

type Row = {
  connector_id: string;
  entitlement_id: string;
  requestable: boolean;
  first_approver: string;
  first_approver_ids: string[];
  second_approver: string | null;
  second_approver_ids: string[];
  low_risk: boolean;
  max_duration_hours: number;
  default_duration_hours: number;
  allow_permanent: boolean;
  justification_required: boolean;
};

export const SETTING_COLUMNS = `connector_id, entitlement_id, requestable, first_approver, first_approver_ids, second_approver, second_approver_ids, low_risk, max_duration_hours, default_duration_hours, allow_permanent, justification_required`;

export function policyOf(row: Row): RequestPolicy {
  return {
    requestable: row.requestable,
    firstApprover: row.first_approver as ApproverKind,
    firstApproverIds: row.first_approver_ids ?? [],
    secondApprover: (row.second_approver || null) as RequestPolicy["secondApprover"],
    secondApproverIds: row.second_approver_ids ?? [],
    lowRisk: row.low_risk,
    maxDurationHours: row.max_duration_hours,
    defaultDurationHours: row.default_duration_hours,
    allowPermanent: row.allow_permanent,
    justificationRequired: row.justification_required,
  };
}

export type AppRequestSettings = { appDefault: RequestPolicy; overrides: Map<string, RequestPolicy> };
export const overrideKey = (connectorId: string, entitlementId: string) => `${connectorId}\u0000${entitlementId}`;

export async function getAppRequestSettings(applicationId: string): Promise<AppRequestSettings> {
  const { rows } = await getPool().query<Row>(`SELECT ${SETTING_COLUMNS} FROM request_settings WHERE application_id = $1`, [applicationId]);
  const overrides = new Map<string, RequestPolicy>();
  let appDefault = DEFAULT_POLICY;
  for (const row of rows) {
    if (!row.connector_id) appDefault = policyOf(row);
    else overrides.set(overrideKey(row.connector_id, row.entitlement_id), policyOf(row));
  }
  return { appDefault, overrides };
}

/** The policy of one entitlement: its override, else its app's defaults. */
export async function getEffectivePolicy(applicationId: string, connectorId: string, entitlementId: string): Promise<{ policy: RequestPolicy; overridden: boolean }> {
  const { rows } = await getPool().query<Row>(
    `SELECT ${SETTING_COLUMNS} FROM request_settings WHERE application_id = $1 AND ((connector_id = '' AND entitlement_id = '') OR (connector_id = $2 AND entitlement_id = $3))
      ORDER BY connector_id DESC LIMIT 1`,
    [applicationId, connectorId, entitlementId],
  );
  return rows[0] ? { policy: policyOf(rows[0]), overridden: Boolean(rows[0].connector_id) } : { policy: DEFAULT_POLICY, overridden: false };
}

export async function isAppOwner(applicationId: string, userId: string) {
  const row = await db.applicationOwner.findUnique({ where: { applicationId_userId: { applicationId, userId } }, select: { userId: true } });
  return Boolean(row);
}

export async function canManageRequestSettings(user: { id: string; role: Role }, applicationId: string) {
  return isConnectorAdmin(user) || isAppOwner(applicationId, user.id);
}

/** Why this entitlement can never be requested (the provisioning rules), or null. */
export async function requestabilityRefusal(applicationId: string, connectorId: string, entitlementId: string): Promise<string | null> {
  const connector = await getProvisioningConnector(connectorId);
  if (!connector || !(await db.connector.count({ where: { id: connectorId, applicationId } }))) return "The connector is not part of this app.";
  const refused = connectorRefusal(connector);
  if (refused) return refused;
  if (!connector.runId) return "The connector has not synced yet.";
  const { rows } = await getPool().query<{ display_name: string; provisionable: boolean }>(
    `SELECT display_name, provisionable FROM entitlements WHERE sync_run_id = $1 AND external_id = $2`,
    [connector.runId, entitlementId],
  );
  if (!rows[0]) return "The entitlement is not in the connector's latest sync.";
  if (!rows[0].provisionable) return `${rows[0].display_name} cannot be requested: the connector never grants it, so a request could not be fulfilled.`;
  return null;
}

export class SettingsRefusal extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

export async function saveRequestSetting(input: RequestSettingsInput, actor: { id: string; email: string; role: Role }) {
  if (!(await db.application.count({ where: { id: input.applicationId, managed: true } }))) throw new SettingsRefusal("This app does not exist or is not managed.");
  if (input.connectorId && !(await db.connector.count({ where: { id: input.connectorId, applicationId: input.applicationId } }))) throw new SettingsRefusal("The connector is not part of this app.", "entitlementId");
  const existing = await getEffectivePolicy(input.applicationId, input.connectorId, input.entitlementId);
  // Only administrators mark low risk; an owner's save keeps what an administrator chose.
  const lowRisk = isConnectorAdmin(actor) ? input.lowRisk : existing.policy.lowRisk;
  if (input.firstApprover === "NONE" && !lowRisk) throw new SettingsRefusal("“No approval” is only for entitlements an administrator marks low risk.", "firstApprover");
  if (input.entitlementId && input.requestable) {
    const refused = await requestabilityRefusal(input.applicationId, input.connectorId, input.entitlementId);
    if (refused) throw new SettingsRefusal(refused, "requestable");
  }
  const values = [
    input.applicationId, input.connectorId, input.entitlementId, input.requestable, input.firstApprover,
    input.firstApprover === "USERS" ? input.firstApproverIds : [], input.secondApprover || null,
    input.secondApprover === "USERS" ? input.secondApproverIds : [], lowRisk, input.maxDurationHours,
    input.defaultDurationHours, input.allowPermanent, input.justificationRequired, actor.id,
  ];
  await getPool().query(
    `INSERT INTO request_settings (application_id, ${SETTING_COLUMNS}, updated_by_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
     ON CONFLICT (application_id, connector_id, entitlement_id) DO UPDATE SET requestable = $4, first_approver = $5, first_approver_ids = $6,
       second_approver = $7, second_approver_ids = $8, low_risk = $9, max_duration_hours = $10, default_duration_hours = $11,
       allow_permanent = $12, justification_required = $13, updated_by_id = $14, updated_at = now()`,
    values,
  );
  const scope = input.entitlementId ? `the override of ${input.entitlementId}` : "the app's defaults";
  await recordAudit({ actor, kind: "request_settings.save", connectorId: input.connectorId || null, targetType: "application", targetId: input.applicationId, summary: `${actor.email} saved the request settings (${scope})`, data: { requestable: input.requestable, firstApprover: input.firstApprover, secondApprover: input.secondApprover, lowRisk, maxDurationHours: input.maxDurationHours } });
}

export async function resetRequestSetting(input: { applicationId: string; connectorId: string; entitlementId: string }, actor: { id: string; email: string }) {
  await getPool().query(`DELETE FROM request_settings WHERE application_id = $1 AND connector_id = $2 AND entitlement_id = $3`, [input.applicationId, input.connectorId, input.entitlementId]);
  await recordAudit({ actor, kind: "request_settings.reset", connectorId: input.connectorId, targetType: "application", targetId: input.applicationId, summary: `${actor.email} removed the override of ${input.entitlementId}: the app's defaults apply` });
}
