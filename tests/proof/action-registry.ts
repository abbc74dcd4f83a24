// Every server action and route handler of the app, with who may call it. The authorization
// matrix calls each entry as every principal and checks the server's answer against `allowed`;
// every principal not listed must be refused. authorization.test.ts fails when an export in
// app/ is missing here (or in a registry file this one gathers), or an entry no longer exists in app/.
import { requestActions } from "./registry-requests";
import { reviewActions } from "./registry-reviews";
import { ADMINS, NOBODY, one, OWNER_OR_ADMIN, SUPER_ADMIN_ONLY, type ActionEntry, type RegistryEntry } from "./registry-support";
import { routeRegistry } from "./route-registry";
import { SESSION_PRINCIPALS } from "./support/principals";

export type { ActionCase, ActionEntry, RegistryEntry, RouteCase, RouteEntry } from "./registry-support";
export { routeRegistry };

const USERS_ACTIONS = "app/(console)/admin/users/actions.ts";
const NEW_CONNECTOR_ACTIONS = "app/(console)/admin/connectors/new/actions.ts";
const CONNECTOR_ACTIONS = "app/(console)/admin/connectors/[id]/actions.ts";
const SETTINGS_ACTIONS = "app/(console)/admin/connectors/[id]/settings-actions.ts";
const SELF_HOSTED_ACTIONS = "app/(console)/admin/connectors/[id]/self-hosted-actions.ts";
const PROVISIONING_ACTIONS = "app/(console)/applications/[appId]/provisioning-actions.ts";
const ACCOUNT_ACTIONS = "app/(console)/applications/[appId]/account-actions.ts";
const PERSON_ACTIONS = "app/(console)/applications/[appId]/accounts/[connectorId]/[accountKey]/person-actions.ts";
const SSO_ACTIONS = "app/(console)/admin/settings/sso/actions.ts";
/** Nothing listens there: an allowed caller gets the issuer field error, never a refusal. */
const CLOSED_ISSUER = "http://127.0.0.1:2";

let invites = 0;

export const actionRegistry: ActionEntry[] = [
  // --- Public: no session; each guards itself.
  {
    kind: "action",
    file: "app/(auth)/setup/actions.ts",
    name: "createFirstAdminAction",
    cases: [
      {
        label: "once a user exists",
        allowed: NOBODY,
        refusal: "This console is already set up. Sign in instead.",
        input: () => ({ name: "Late comer", email: "late@proof.test", password: "a-long-enough-password", confirmPassword: "a-long-enough-password" }),
      },
      {
        label: "on a database without users",
        allowed: SESSION_PRINCIPALS,
        seed: "empty",
        input: () => ({ name: "First admin", email: "first@proof.test", password: "a-long-enough-password", confirmPassword: "a-long-enough-password" }),
      },
    ],
  },
  {
    kind: "action",
    file: "app/(auth)/set-password/[token]/actions.ts",
    name: "setPasswordAction",
    cases: [
      {
        label: "without a valid token",
        allowed: NOBODY,
        refusal: "This link has expired or was already used. Ask an administrator for a new one.",
        input: () => ({ token: "not-the-token-0123456789", password: "a-long-enough-password", confirmPassword: "a-long-enough-password" }),
      },
      {
        label: "with the invitation's token",
        allowed: SESSION_PRINCIPALS,
        input: (fx) => ({ token: fx.setPasswordToken, password: "a-long-enough-password", confirmPassword: "a-long-enough-password" }),
      },
    ],
  },
  // --- Users: Super Administrators only.
  { kind: "action", file: USERS_ACTIONS, name: "addUserAction", cases: one(SUPER_ADMIN_ONLY, () => ({ name: "New person", email: "new@proof.test", role: "USER" })) },
  { kind: "action", file: USERS_ACTIONS, name: "changeRoleAction", cases: one(SUPER_ADMIN_ONLY, (fx) => ({ userId: fx.users.target.id, role: "CONNECTOR_ADMIN" })) },
  { kind: "action", file: USERS_ACTIONS, name: "setUserDisabledAction", cases: one(SUPER_ADMIN_ONLY, (fx) => ({ userId: fx.users.target.id, disabled: true })) },
  // --- Single sign-on settings: Super Administrators only.
  { kind: "action", file: SSO_ACTIONS, name: "testSsoDiscoveryAction", cases: one(SUPER_ADMIN_ONLY, () => ({ issuer: CLOSED_ISSUER })) },
  {
    kind: "action",
    file: SSO_ACTIONS,
    name: "saveSsoSettingsAction",
    cases: one(SUPER_ADMIN_ONLY, (fx) => ({ displayName: "Corp ID", issuer: CLOSED_ISSUER, clientId: "gatekeeper", clientSecret: "proof-client-secret", allowSignUp: true, defaultRole: "USER", groupsClaim: "groups", groupRoles: [{ group: "admins", role: "SUPER_ADMIN" }], requireSso: true, breakGlassUserIds: [fx.users.superAdmin.id] })),
  },
  // Nothing is set up in the fixtures: an allowed caller is told so (not a refusal).
  { kind: "action", file: SSO_ACTIONS, name: "removeSsoSettingsAction", cases: one(SUPER_ADMIN_ONLY, () => ({ confirm: true })) },
  // --- Connectors: adding one, and the administrator-only controls. An owner is not enough.
  {
    kind: "action",
    file: NEW_CONNECTOR_ACTIONS,
    name: "createConnectorAction",
    cases: one(ADMINS, (fx) => ({ catalogId: "cloudflare", appChoice: "new", unmanagedAppId: "", managedAppId: "", newAppName: "Proof app", newAppDescription: "", ownerIds: [fx.users.owner.id] })),
  },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "renameConnectorAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, displayName: "Renamed" })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "setSyncIntervalAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, syncIntervalMinutes: 120 })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "setFailureAlertThresholdAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, threshold: 5 })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "syncNowAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "setProvisioningAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, enabled: false })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "setConnectorDisabledAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, disabled: true })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "deleteConnectorAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare })) },
  { kind: "action", file: CONNECTOR_ACTIONS, name: "setMatchAttributeAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.cloudflare, attribute: "username" })) },
  // --- People: linking accounts by hand is for administrators (the directory holds everyone's access).
  { kind: "action", file: PERSON_ACTIONS, name: "linkAccountAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.baton, resourceTypeId: "user", externalId: "alice", personId: null })) },
  { kind: "action", file: PERSON_ACTIONS, name: "resetAccountLinkAction", cases: one(ADMINS, (fx) => ({ connectorId: fx.connectors.baton, resourceTypeId: "user", externalId: "alice" })) },
  { kind: "action", file: PERSON_ACTIONS, name: "searchPeopleAction", cases: one(ADMINS, () => ({ q: "ali" })) },
  // --- What a connector's owners may do as well as administrators.
  {
    kind: "action",
    file: SETTINGS_ACTIONS,
    name: "saveSettingsAction",
    cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.temporal, values: { apiKey: "tc-demo-key", defaultAccountRole: "read", apiVersion: "2024-10-01-00" } })),
  },
  { kind: "action", file: SETTINGS_ACTIONS, name: "setConnectorOwnersAction", cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.cloudflare, ownerIds: [fx.users.owner.id, fx.users.target.id] })) },
  { kind: "action", file: SELF_HOSTED_ACTIONS, name: "rotateCredentialsAction", cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.baton })) },
  {
    kind: "action",
    file: PROVISIONING_ACTIONS,
    name: "grantEntitlementAction",
    cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.baton, entitlementId: "role:admin:member", principalTypeId: "user", principalId: "alice" })),
  },
  {
    kind: "action",
    file: PROVISIONING_ACTIONS,
    name: "revokeEntitlementAction",
    cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.cloudflare, entitlementId: "role:admin:member", principalTypeId: "user", principalId: "alice" })),
  },
  // Invite really invites (the fixture Temporal connector points at the simulator): a new address each call.
  { kind: "action", file: ACCOUNT_ACTIONS, name: "inviteAccountAction", cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.temporal, email: `invited-${(invites += 1)}-${Date.now()}@proof.test`, role: "read" })) },
  { kind: "action", file: ACCOUNT_ACTIONS, name: "removeAccountAction", cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.temporal, resourceTypeId: "user", externalId: "4f9c7051d26e8cafc0b15e6f708192a3" })) },
  { kind: "action", file: PROVISIONING_ACTIONS, name: "searchGrantCandidatesAction", cases: one(OWNER_OR_ADMIN, (fx) => ({ connectorId: fx.connectors.cloudflare, entitlementId: "role:admin:member", q: "ali" })) },
  ...reviewActions,
  ...requestActions,
];

export const registry: RegistryEntry[] = [...actionRegistry, ...routeRegistry];
