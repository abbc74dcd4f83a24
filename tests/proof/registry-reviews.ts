// The access reviews actions and routes, with who may call them (see action-registry.ts).
// Campaigns are for administrators; the inbox is for everyone signed in (whose items they are
// is decided in the SQL, and refused there with a reason, which is not an authorization refusal).
import { ADMINS, one, params, request, SIGNED_IN, type ActionEntry, type RouteEntry } from "./registry-support";

const CAMPAIGN_ACTIONS = "app/(console)/admin/access-reviews/actions.ts";
const INBOX_ACTIONS = "app/(console)/reviews/actions.ts";
/** No such campaign: an allowed caller is told so (not a refusal), and nothing changes. */
const NO_CAMPAIGN = "proofnocampaign";

export const reviewActions: ActionEntry[] = [
  {
    kind: "action",
    file: CAMPAIGN_ACTIONS,
    name: "createCampaignAction",
    cases: one(ADMINS, (fx) => ({ name: "Proof review", description: "", appIds: [fx.apps.managed], privilegedOnly: false, entitlementSearch: "", accounts: "all", department: "", reviewerPolicy: "owners", namedReviewerIds: [], fallbackReviewerId: fx.users.superAdmin.id, dueDate: "2030-01-31", reminderDays: 3, defaultDecision: "keep", remediateImmediately: false })),
  },
  { kind: "action", file: CAMPAIGN_ACTIONS, name: "launchCampaignAction", cases: one(ADMINS, () => ({ campaignId: NO_CAMPAIGN })) },
  { kind: "action", file: CAMPAIGN_ACTIONS, name: "closeCampaignAction", cases: one(ADMINS, () => ({ campaignId: NO_CAMPAIGN })) },
  { kind: "action", file: CAMPAIGN_ACTIONS, name: "cancelCampaignAction", cases: one(ADMINS, () => ({ campaignId: NO_CAMPAIGN })) },
  { kind: "action", file: INBOX_ACTIONS, name: "decideItemsAction", cases: one(SIGNED_IN, () => ({ campaignId: NO_CAMPAIGN, itemIds: ["1"], decision: "revoke", reason: "Not needed" })) },
  { kind: "action", file: INBOX_ACTIONS, name: "reassignItemsAction", cases: one(SIGNED_IN, (fx) => ({ campaignId: NO_CAMPAIGN, itemIds: ["1"], toUserId: fx.users.target.id, note: "" })) },
  { kind: "action", file: INBOX_ACTIONS, name: "markRemediatedAction", cases: one(SIGNED_IN, () => ({ campaignId: NO_CAMPAIGN, itemId: "1", note: "" })) },
];

export const reviewRoutes: RouteEntry[] = [
  {
    kind: "route",
    file: "app/api/access-reviews/[campaignId]/export/route.ts",
    name: "GET",
    cases: [{ label: "", allowed: ADMINS, request: (_fx, call) => request(`/api/access-reviews/${NO_CAMPAIGN}/export`, call), context: params({ campaignId: NO_CAMPAIGN }) }],
  },
  {
    kind: "route",
    file: "app/api/access-reviews/[campaignId]/report/route.ts",
    name: "GET",
    cases: [{ label: "", allowed: ADMINS, request: (_fx, call) => request(`/api/access-reviews/${NO_CAMPAIGN}/report`, call), context: params({ campaignId: NO_CAMPAIGN }) }],
  },
];
