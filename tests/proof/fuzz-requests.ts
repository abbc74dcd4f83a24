// Fuzz specs of the access requests actions (see fuzz-specs.ts).
import fc from "fast-check";
import { createRequestSchema, decideRequestSchema, extendRequestSchema, requestIdSchema, requestSettingsSchema, resetRequestSettingSchema } from "@/lib/validation/requests";
import type { FuzzSpec } from "./fuzz-specs";
import type { Fixtures } from "./support/fixtures";
import { idString } from "./support/fuzz-inputs";

const REQUEST_ACTIONS = "app/(console)/requests/actions.ts";
const SETTINGS_ACTIONS = "app/(console)/applications/[appId]/request-settings/actions.ts";
const SIGNED_IN = ["user", "superAdmin"] as const;
const SUPER = ["superAdmin"] as const;

const connectorId = (fx: Fixtures) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.values(fx.connectors)) }, { weight: 1, arbitrary: idString() });
const appId = (fx: Fixtures) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.values(fx.apps)) }, { weight: 1, arbitrary: idString() });
const entitlementId = (fx: Fixtures) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom("role:admin:member", ...(fx.snapshot?.entitlementIds ?? [])) }, { weight: 1, arbitrary: idString(512) });
const hours = fc.oneof(fc.constantFrom(1, 4, 24, 168, 2160), fc.integer({ min: 1, max: 2160 }));
const text = fc.string({ maxLength: 1000 });
const requestId = fc.oneof(fc.constant("req_missing"), idString());
const approver = fc.constantFrom("APP_OWNERS", "MANAGER", "USERS", "NONE");
const userIds = (fx: Fixtures) => fc.uniqueArray(fc.constantFrom(...Object.values(fx.users).map((u) => u.id)), { minLength: 1, maxLength: 3 });

export const requestFuzzSpecs: FuzzSpec[] = [
  {
    file: REQUEST_ACTIONS,
    name: "createRequestAction",
    schema: createRequestSchema,
    validWeight: 20,
    principals: SIGNED_IN,
    snapshot: true,
    valid: (fx) => fc.record({ connectorId: connectorId(fx), entitlementId: entitlementId(fx), durationHours: fc.integer({ min: 0, max: 2160 }), justification: text }, { requiredKeys: ["connectorId", "entitlementId", "durationHours"] }),
  },
  {
    file: REQUEST_ACTIONS,
    name: "decideRequestAction",
    schema: decideRequestSchema,
    validWeight: 20,
    principals: SIGNED_IN,
    valid: () => fc.record({ requestId, step: fc.constantFrom(1, 2), decision: fc.constantFrom("approve", "deny"), comment: text }),
  },
  { file: REQUEST_ACTIONS, name: "cancelRequestAction", schema: requestIdSchema, validWeight: 20, principals: SIGNED_IN, valid: () => fc.record({ requestId }) },
  { file: REQUEST_ACTIONS, name: "revokeRequestAction", schema: requestIdSchema, validWeight: 20, principals: SIGNED_IN, valid: () => fc.record({ requestId }) },
  { file: REQUEST_ACTIONS, name: "extendRequestAction", schema: extendRequestSchema, validWeight: 20, principals: SIGNED_IN, valid: () => fc.record({ requestId, durationHours: hours, justification: text }) },
  {
    file: SETTINGS_ACTIONS,
    name: "saveRequestSettingsAction",
    schema: requestSettingsSchema,
    validWeight: 20,
    principals: SUPER,
    snapshot: true,
    valid: (fx) =>
      fc.oneof(
        fc.record({ applicationId: appId(fx), requestable: fc.boolean(), firstApprover: approver, firstApproverIds: userIds(fx), secondApprover: fc.constantFrom("", "APP_OWNERS", "MANAGER"), lowRisk: fc.boolean(), maxDurationHours: fc.constant(2160), defaultDurationHours: hours, allowPermanent: fc.boolean(), justificationRequired: fc.boolean() }),
        fc.record({ applicationId: appId(fx), connectorId: connectorId(fx), entitlementId: entitlementId(fx), requestable: fc.boolean(), firstApprover: fc.constantFrom("APP_OWNERS", "MANAGER"), maxDurationHours: fc.constant(2160), defaultDurationHours: hours }),
      ),
  },
  {
    file: SETTINGS_ACTIONS,
    name: "resetRequestSettingAction",
    schema: resetRequestSettingSchema,
    validWeight: 20,
    principals: SUPER,
    valid: (fx) => fc.record({ applicationId: appId(fx), connectorId: connectorId(fx), entitlementId: entitlementId(fx) }),
  },
];
