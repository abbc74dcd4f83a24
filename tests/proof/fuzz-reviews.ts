// Fuzz specs of the access reviews actions (see fuzz-specs.ts).
import fc from "fast-check";
import { accountFilters, campaignActionSchema, campaignFormSchema, decideItemsSchema, markRemediatedSchema, reassignItemsSchema, reviewerPolicies } from "@/lib/validation/reviews";
import type { FuzzSpec } from "./fuzz-specs";
import type { Fixtures } from "./support/fixtures";
import { idString } from "./support/fuzz-inputs";

const CAMPAIGN_ACTIONS = "app/(console)/admin/access-reviews/actions.ts";
const INBOX_ACTIONS = "app/(console)/reviews/actions.ts";
const ADMIN = ["superAdmin"] as const;
const ANYONE = ["user", "superAdmin"] as const;

const userId = (fx: Fixtures) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.values(fx.users).map((u) => u.id)) }, { weight: 1, arbitrary: idString() });
const campaignId = fc.oneof(fc.constantFrom("proofnocampaign", "c0"), fc.stringMatching(/^[a-z0-9]{1,40}$/));
const itemIds = fc.uniqueArray(fc.stringMatching(/^[0-9]{1,18}$/), { minLength: 1, maxLength: 20 });
const text = (max: number) => fc.string({ maxLength: max });

export const reviewFuzzSpecs: FuzzSpec[] = [
  {
    file: CAMPAIGN_ACTIONS,
    name: "createCampaignAction",
    schema: campaignFormSchema,
    validWeight: 10,
    principals: ADMIN,
    valid: (fx) =>
      fc.record({
        name: idString(120),
        description: text(300),
        appIds: fc.uniqueArray(fc.oneof(fc.constantFrom(fx.apps.managed, fx.apps.unmanaged), idString()), { minLength: 1, maxLength: 3 }),
        privilegedOnly: fc.boolean(),
        entitlementSearch: text(100),
        accounts: fc.constantFrom(...accountFilters),
        department: fc.oneof(fc.constant("Engineering"), idString(120)),
        reviewerPolicy: fc.constantFrom(...reviewerPolicies),
        namedReviewerIds: fc.uniqueArray(userId(fx), { minLength: 1, maxLength: 3 }),
        fallbackReviewerId: userId(fx),
        dueDate: fc.date({ min: new Date("2020-01-01"), max: new Date("2099-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        reminderDays: fc.integer({ min: 0, max: 30 }),
        defaultDecision: fc.constantFrom("keep", "revoke"),
        remediateImmediately: fc.boolean(),
      }),
  },
  { file: CAMPAIGN_ACTIONS, name: "launchCampaignAction", schema: campaignActionSchema, validWeight: 10, principals: ADMIN, valid: () => fc.record({ campaignId }) },
  { file: CAMPAIGN_ACTIONS, name: "closeCampaignAction", schema: campaignActionSchema, validWeight: 10, principals: ADMIN, valid: () => fc.record({ campaignId }) },
  { file: CAMPAIGN_ACTIONS, name: "cancelCampaignAction", schema: campaignActionSchema, validWeight: 10, principals: ADMIN, valid: () => fc.record({ campaignId }) },
  {
    file: INBOX_ACTIONS,
    name: "decideItemsAction",
    schema: decideItemsSchema,
    validWeight: 10,
    principals: ANYONE,
    valid: () => fc.record({ campaignId, itemIds, decision: fc.constantFrom("certify", "revoke"), reason: idString(1000) }),
  },
  { file: INBOX_ACTIONS, name: "reassignItemsAction", schema: reassignItemsSchema, validWeight: 10, principals: ANYONE, valid: (fx) => fc.record({ campaignId, itemIds, toUserId: userId(fx), note: text(1000) }) },
  { file: INBOX_ACTIONS, name: "markRemediatedAction", schema: markRemediatedSchema, validWeight: 10, principals: ANYONE, valid: () => fc.record({ campaignId, itemId: fc.stringMatching(/^[0-9]{1,18}$/), note: text(1000) }) },
];
