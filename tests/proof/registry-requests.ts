// The access requests actions and routes, with who may call them (see action-registry.ts).
// Request actions are for everyone signed in (who may act on a given request is decided by the
// request itself: its approvers, its requester); request settings for app owners and admins.
import { ADMINS, one, SIGNED_IN, type ActionEntry, type RouteEntry } from "./registry-support";

const REQUEST_ACTIONS = "app/(console)/requests/actions.ts";
const SETTINGS_ACTIONS = "app/(console)/applications/[appId]/request-settings/actions.ts";
const MISSING = "req_missing";

export const requestActions: ActionEntry[] = [
  {
    kind: "action",
    file: REQUEST_ACTIONS,
    name: "createRequestAction",
    cases: one(SIGNED_IN, (fx) => ({ connectorId: fx.connectors.cloudflare, entitlementId: "role:admin:member", durationHours: 1, justification: "For the incident." })),
  },
  { kind: "action", file: REQUEST_ACTIONS, name: "decideRequestAction", cases: one(SIGNED_IN, () => ({ requestId: MISSING, step: 1, decision: "approve", comment: "" })) },
  { kind: "action", file: REQUEST_ACTIONS, name: "cancelRequestAction", cases: one(SIGNED_IN, () => ({ requestId: MISSING })) },
  { kind: "action", file: REQUEST_ACTIONS, name: "extendRequestAction", cases: one(SIGNED_IN, () => ({ requestId: MISSING, durationHours: 1, justification: "More time." })) },
  { kind: "action", file: REQUEST_ACTIONS, name: "revokeRequestAction", cases: one(SIGNED_IN, () => ({ requestId: MISSING })) },
  {
    kind: "action",
    file: SETTINGS_ACTIONS,
    name: "saveRequestSettingsAction",
    cases: one(ADMINS, (fx) => ({ applicationId: fx.apps.managed, requestable: true, firstApprover: "APP_OWNERS", maxDurationHours: 24, defaultDurationHours: 1 })),
  },
  {
    kind: "action",
    file: SETTINGS_ACTIONS,
    name: "resetRequestSettingAction",
    cases: one(ADMINS, (fx) => ({ applicationId: fx.apps.managed, connectorId: fx.connectors.cloudflare, entitlementId: "role:admin:member" })),
  },
];
export const requestRoutes: RouteEntry[] = [];
