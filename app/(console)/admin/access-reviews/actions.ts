"use server";
// Campaigns: administrators create, launch, close and cancel them.
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/action";
import { recordAudit } from "@/lib/data/audit";
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";
import { now } from "@/lib/clock";
import { checkCampaignRefs, createCampaign, dueAtOf } from "@/lib/data/review-campaigns";
import { cancelCampaign, closeCampaign } from "@/lib/reviews/close";
import { launchCampaign } from "@/lib/reviews/launch";
import { campaignActionSchema, campaignFormSchema } from "@/lib/validation/reviews";

const PATH = "/admin/access-reviews";

export const createCampaignAction = action({ schema: campaignFormSchema, roles: CONNECTOR_ADMIN_ROLES }, async (input, actor) => {
  if (dueAtOf(input.dueDate) < now()) throw new ActionError("Check the highlighted fields.", { dueDate: ["Choose a due date from today on."] });
  const refs = await checkCampaignRefs(input.appIds, [input.fallbackReviewerId, ...input.namedReviewerIds]);
  if (!refs.appsOk) throw new ActionError("Check the highlighted fields.", { appIds: ["Choose managed apps only."] });
  if (!refs.reviewersOk) throw new ActionError("Check the highlighted fields.", { fallbackReviewerId: ["Choose active users as reviewers."] });
  const created = await createCampaign(input, actor.id);
  await recordAudit({ actor, kind: "review.created", summary: `${actor.email} created the access review ${input.name}`, targetType: "access_review", targetId: created.id });
  revalidatePath(PATH);
  return created;
});

export const launchCampaignAction = action({ schema: campaignActionSchema, roles: CONNECTOR_ADMIN_ROLES }, async ({ campaignId }, actor) => {
  const result = await launchCampaign(campaignId, actor);
  revalidatePath(PATH);
  revalidatePath(`${PATH}/${campaignId}`);
  return result;
});

export const closeCampaignAction = action({ schema: campaignActionSchema, roles: CONNECTOR_ADMIN_ROLES }, async ({ campaignId }, actor) => {
  const result = await closeCampaign(campaignId, actor);
  revalidatePath(PATH);
  revalidatePath(`${PATH}/${campaignId}`);
  return { revokes: result.revokes, defaulted: result.defaulted };
});

export const cancelCampaignAction = action({ schema: campaignActionSchema, roles: CONNECTOR_ADMIN_ROLES }, async ({ campaignId }, actor) => {
  await cancelCampaign(campaignId, actor);
  revalidatePath(PATH);
  revalidatePath(`${PATH}/${campaignId}`);
  return { campaignId };
});
