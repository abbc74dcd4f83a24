"use server";
// The reviewer's decisions and reassignments (every role: the SQL decides whose items they
// are), and the owners' by-hand revokes.
import { revalidatePath } from "next/cache";
import { action, ActionError, ALL_ROLES } from "@/lib/action";
import { recordAudit } from "@/lib/data/audit";
import { markRemediatedByHand } from "@/lib/data/review-items";
import { sendReviewJob } from "@/lib/reviews/close";
import { decideItems, reassignItems } from "@/lib/reviews/decide";
import { decideItemsSchema, markRemediatedSchema, reassignItemsSchema } from "@/lib/validation/reviews";

export const decideItemsAction = action({ schema: decideItemsSchema, roles: ALL_ROLES }, async (input, actor) => {
  const result = await decideItems(input, actor);
  if (result.remediateNow) await sendReviewJob(null, { kind: "remediate", campaignId: input.campaignId });
  revalidatePath("/reviews");
  return { changed: result.changed, refused: result.refused };
});

export const reassignItemsAction = action({ schema: reassignItemsSchema, roles: ALL_ROLES }, async (input, actor) => {
  const result = await reassignItems(input, actor);
  if (!result.changed && result.refused[0] && !result.refused[0].id) throw new ActionError(result.refused[0].why, { toUserId: [result.refused[0].why] });
  revalidatePath("/reviews");
  return { changed: result.changed, refused: result.refused, to: result.to };
});

export const markRemediatedAction = action({ schema: markRemediatedSchema, roles: ALL_ROLES }, async (input, actor) => {
  const done = await markRemediatedByHand(input.campaignId, input.itemId, actor, input.note);
  if (!done) throw new ActionError("Only an owner of the app's connector can mark this revoke done, and only while it waits for them.");
  await recordAudit({
    actor,
    kind: "review.remediated_by_hand",
    connectorId: done.connector_id,
    summary: `${actor.email} revoked ${done.entitlement_name} of ${done.account_name} by hand in ${done.app_name}`,
    targetType: "access_review_item",
    targetId: `${input.campaignId}:${done.id}`,
  });
  revalidatePath("/reviews");
  return { itemId: done.id };
});
