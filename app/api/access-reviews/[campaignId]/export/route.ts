// Every item of a campaign as CSV: administrators only, streamed from a cursor.
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";
import { getCampaign } from "@/lib/data/review-campaigns";
import { streamCampaignItems } from "@/lib/data/review-items";
import { evidenceCsv } from "@/lib/reviews/evidence";
import { notFoundResponse, withUser } from "@/lib/route";
import { campaignIdSchema } from "@/lib/validation/reviews";

export const GET = withUser<{ params: Promise<{ campaignId: string }> }>(CONNECTOR_ADMIN_ROLES, async (_request, _user, { params }) => {
  const parsed = campaignIdSchema.safeParse((await params).campaignId);
  const campaign = parsed.success ? await getCampaign(parsed.data) : null;
  if (!campaign || campaign.status === "DRAFT") return notFoundResponse();
  return evidenceCsv(campaign, streamCampaignItems(campaign.id));
});
