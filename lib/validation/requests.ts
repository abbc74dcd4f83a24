// Access requests: the request settings form (per app, or one entitlement's override), the
// request form, and the approvers' decisions. Durations are whole hours (1 hour to 90 days).
import { z } from "zod";

export const MAX_HOURS = 90 * 24;
/** The durations offered in the forms; any whole number of hours in range is accepted. */
export const durationOptions = [1, 4, 8, 24, 72, 168, 336, 720, 2160] as const;
export const approverKinds = ["APP_OWNERS", "MANAGER", "USERS", "NONE"] as const;
export type ApproverKind = (typeof approverKinds)[number];

export const approverLabels: Record<ApproverKind, string> = {
  APP_OWNERS: "App owners",
  MANAGER: "The requester's manager",
  USERS: "Named users",
  NONE: "No approval",
};

export function formatHours(hours: number | null): string {
  if (hours === null) return "Permanent";
  if (hours % 24 === 0) return hours === 24 ? "1 day" : `${hours / 24} days`;
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

const id = z.string().trim().min(1).max(64);
const externalId = z.string().trim().min(1).max(512);
const hours = z.coerce.number({ error: "Choose a duration." }).int("Choose a whole number of hours.").min(1, "The shortest is 1 hour.").max(MAX_HOURS, "The longest is 90 days.");
const userIds = z.array(id).max(20, "Choose at most 20 people.");

export const requestSettingsSchema = z
  .object({
    applicationId: id,
    /** Both empty: the app's defaults; both set: one entitlement's override. */
    connectorId: z.string().trim().max(64).default(""),
    entitlementId: z.string().trim().max(512).default(""),
    requestable: z.boolean(),
    firstApprover: z.enum(approverKinds),
    firstApproverIds: userIds.default([]),
    /** "" for one step. */
    secondApprover: z.enum(["", "APP_OWNERS", "MANAGER", "USERS"]).default(""),
    secondApproverIds: userIds.default([]),
    lowRisk: z.boolean().default(false),
    maxDurationHours: hours,
    defaultDurationHours: hours,
    allowPermanent: z.boolean().default(false),
    justificationRequired: z.boolean().default(true),
  })
  .superRefine((value, ctx) => {
    if (value.defaultDurationHours > value.maxDurationHours) ctx.addIssue({ code: "custom", path: ["defaultDurationHours"], message: "The default cannot be longer than the maximum." });
    if (value.firstApprover === "USERS" && value.firstApproverIds.length === 0) ctx.addIssue({ code: "custom", path: ["firstApproverIds"], message: "Choose at least one approver." });
    if (value.secondApprover === "USERS" && value.secondApproverIds.length === 0) ctx.addIssue({ code: "custom", path: ["secondApproverIds"], message: "Choose at least one approver." });
    if (value.firstApprover === "NONE" && value.secondApprover) ctx.addIssue({ code: "custom", path: ["secondApprover"], message: "Without approval there is no second step." });
    if (Boolean(value.connectorId) !== Boolean(value.entitlementId)) ctx.addIssue({ code: "custom", path: ["entitlementId"], message: "Choose the entitlement." });
  });

export type RequestSettingsInput = z.infer<typeof requestSettingsSchema>;

export const resetRequestSettingSchema = z.object({ applicationId: id, connectorId: id, entitlementId: externalId });

export const createRequestSchema = z.object({
  connectorId: id,
  entitlementId: externalId,
  /** 0: permanent (only where the policy allows it). */
  durationHours: z.coerce.number({ error: "Choose a duration." }).int().min(0).max(MAX_HOURS, "The longest is 90 days."),
  justification: z.string().trim().max(1000, "Write at most 1,000 characters.").default(""),
  /** Requests are for oneself: any other requester is refused by the server. */
  requesterId: z.string().trim().max(64).optional(),
});

export type CreateRequestInput = z.infer<typeof createRequestSchema>;

export const decideRequestSchema = z.object({
  requestId: id,
  /** The step the approver saw: a stale page cannot approve a later step. */
  step: z.coerce.number().int().min(1).max(2),
  decision: z.enum(["approve", "deny"]),
  comment: z.string().trim().max(1000, "Write at most 1,000 characters.").default(""),
});

export const requestIdSchema = z.object({ requestId: id });

export const extendRequestSchema = z.object({
  requestId: id,
  durationHours: hours,
  justification: z.string().trim().max(1000, "Write at most 1,000 characters.").default(""),
});

export const catalogQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  after: z.string().max(1200).optional().catch(undefined),
});
