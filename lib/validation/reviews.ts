// Access reviews: the campaign form, the reviewer's decisions and reassignments, the owners'
// "done by hand", the admin's launch / close / cancel. Shared by the forms and the actions.
import { z } from "zod";

const id = z.string().trim().min(1).max(64);
/** Campaign ids name a table partition: cuid-like only. */
export const campaignIdSchema = z.string().regex(/^[a-z0-9]{1,40}$/, "Unknown campaign.");
const itemId = z.string().regex(/^[0-9]{1,18}$/, "Unknown item.");

export const reviewerPolicies = ["owners", "manager", "named"] as const;
export const reviewerPolicyLabels: Record<(typeof reviewerPolicies)[number], string> = {
  owners: "App owners (the connector owners)",
  manager: "The person's manager (from the identity provider)",
  named: "Named users",
};
export const accountFilters = ["all", "unmatched", "orphaned", "department"] as const;
export const accountFilterLabels: Record<(typeof accountFilters)[number], string> = {
  all: "Every account",
  unmatched: "Unmatched accounts only",
  orphaned: "Orphaned accounts only",
  department: "People of one department",
};

export const campaignFormSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters."),
    description: z.string().trim().max(2000, "Use at most 2,000 characters."),
    appIds: z.array(id).min(1, "Choose at least one managed app.").max(200),
    privilegedOnly: z.boolean(),
    entitlementSearch: z.string().trim().max(100, "Use at most 100 characters."),
    accounts: z.enum(accountFilters, { error: "Choose which accounts." }),
    department: z.string().trim().max(120, "Use at most 120 characters."),
    reviewerPolicy: z.enum(reviewerPolicies, { error: "Choose who reviews." }),
    namedReviewerIds: z.array(id).max(50),
    fallbackReviewerId: id.or(z.literal("")).refine((v) => v !== "", "Choose a fallback reviewer."),
    dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a due date."),
    reminderDays: z.coerce.number({ error: "Enter a number of days." }).int("Enter whole days.").min(0, "Enter 0 to 30 days.").max(30, "Enter 0 to 30 days."),
    defaultDecision: z.enum(["keep", "revoke"], { error: "Choose what closing does." }),
    remediateImmediately: z.boolean(),
  })
  .superRefine((value, ctx) => {
    if (value.accounts === "department" && !value.department) ctx.addIssue({ code: "custom", path: ["department"], message: "Enter the department." });
    if (value.reviewerPolicy === "named" && value.namedReviewerIds.length === 0) ctx.addIssue({ code: "custom", path: ["namedReviewerIds"], message: "Choose at least one reviewer." });
    if (Number.isNaN(Date.parse(`${value.dueDate}T23:59:59Z`))) ctx.addIssue({ code: "custom", path: ["dueDate"], message: "Enter a real date." });
  });

export type CampaignFormInput = z.input<typeof campaignFormSchema>;
export type CampaignForm = z.output<typeof campaignFormSchema>;
export type CampaignScope = Pick<CampaignForm, "appIds" | "privilegedOnly" | "entitlementSearch" | "accounts" | "department">;

export const campaignActionSchema = z.object({ campaignId: campaignIdSchema });

export const decideItemsSchema = z
  .object({
    campaignId: campaignIdSchema,
    itemIds: z.array(itemId).min(1, "Select at least one item.").max(10_000, "Decide at most 10,000 items at once."),
    decision: z.enum(["certify", "revoke"], { error: "Choose Certify or Revoke." }),
    reason: z.string().trim().max(1000, "Use at most 1,000 characters."),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "revoke" && !value.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Give a reason for revoking." });
  });

export const reassignItemsSchema = z.object({
  campaignId: campaignIdSchema,
  itemIds: z.array(itemId).min(1, "Select at least one item.").max(10_000, "Reassign at most 10,000 items at once."),
  toUserId: id,
  note: z.string().trim().max(1000, "Use at most 1,000 characters."),
});

export const markRemediatedSchema = z.object({ campaignId: campaignIdSchema, itemId, note: z.string().trim().max(1000, "Use at most 1,000 characters.") });

/** The inbox's query string: filters and the keyset cursor. */
export const inboxQuerySchema = z.object({
  campaign: campaignIdSchema.optional().catch(undefined),
  app: z.string().max(64).optional().catch(undefined),
  flag: z.enum(["orphaned", "unmatched", "privileged", "undecided"]).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  after: z.string().regex(/^[0-9]{1,18}$/).optional().catch(undefined),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const campaignStatusLabels: Record<string, string> = { DRAFT: "Draft", ACTIVE: "Active", CLOSED: "Closed", CANCELLED: "Cancelled" };
export const remediationLabels: Record<string, string> = {
  pending: "Revoke queued",
  sending: "Revoking",
  sent: "Revoked",
  failed: "Revoke failed",
  manual: "Revoke by hand",
  manual_done: "Revoked by hand",
};
export const verificationLabels: Record<string, string> = { verified: "Verified", still_present: "Still present after revoke" };
