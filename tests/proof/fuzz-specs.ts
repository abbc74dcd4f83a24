// For every server action: its own zod schema (which decides whether an input counts as
// valid), a generator of valid inputs built from that schema's rules and the fixtures' real
// ids, who calls it, and how many in 100 inputs are valid. fuzz-actions.test.ts fails when an
// action export has no spec here.
import fc from "fast-check";
import type { z } from "zod";
import { appChoices, connectorIdSchema, createConnectorSchema, renameConnectorSchema, saveSettingsSchema, setConnectorDisabledSchema, setConnectorOwnersSchema, setFailureAlertThresholdSchema, failureAlertThresholdOptions, setProvisioningSchema, setSyncIntervalSchema, syncIntervalOptions } from "@/lib/validation/connectors";
import { linkAccountSchema, matchAttributeSchema, resetAccountLinkSchema, searchPeopleSchema } from "@/lib/validation/people";
import { grantCandidatesSchema, inviteAccountSchema, provisionSchema, removeAccountSchema } from "@/lib/validation/provisioning";
import { removeSsoSettingsSchema, ssoSettingsSchema, testSsoDiscoverySchema } from "@/lib/validation/sso";
import { addUserSchema, changeRoleSchema, roles, setPasswordSchema, setupSchema, setUserDisabledSchema } from "@/lib/validation/users";
import { requestFuzzSpecs } from "./fuzz-requests";
import { reviewFuzzSpecs } from "./fuzz-reviews";
import type { Fixtures } from "./support/fixtures";
import { idString, type InputRecord } from "./support/fuzz-inputs";
import type { SessionPrincipal } from "./support/principals";

export type FuzzSpec = {
  file: string;
  name: string;
  schema: z.ZodType;
  valid: (fx: Fixtures) => fc.Arbitrary<InputRecord>;
  /** Valid inputs in 100 draws. Password hashing (argon2id) makes valid set-up/set-password calls slow. */
  validWeight: number;
  /** Mutated valid inputs in 100 draws (default: half of the rest); the rest is garbage. */
  mutatedWeight?: number;
  /** Who calls; owner-scoped actions are tried as a Super Administrator and as the owner. */
  principals: readonly SessionPrincipal[];
  /** Needs the Cloudflare connector's synced snapshot (real entitlement and account ids). */
  snapshot?: boolean;
  /** Refusals after authorization are audited on purpose (provisioning): audit inserts only. */
  auditsRefusals?: boolean;
};

const SUPER = ["superAdmin"] as const;
const SUPER_OR_OWNER = ["superAdmin", "owner"] as const;
const DEFAULT_VALID = 10;

const USERS_ACTIONS = "app/(console)/admin/users/actions.ts";
const CONNECTOR_ACTIONS = "app/(console)/admin/connectors/[id]/actions.ts";
const SETTINGS_ACTIONS = "app/(console)/admin/connectors/[id]/settings-actions.ts";
const PROVISIONING_ACTIONS = "app/(console)/applications/[appId]/provisioning-actions.ts";
const ACCOUNT_ACTIONS = "app/(console)/applications/[appId]/account-actions.ts";
const PERSON_ACTIONS = "app/(console)/applications/[appId]/accounts/[connectorId]/[accountKey]/person-actions.ts";
const SSO_ACTIONS = "app/(console)/admin/settings/sso/actions.ts";

const password = fc.string({ minLength: 12, maxLength: 200 });
const name = fc.oneof(fc.constantFrom("Ada Lovelace", "Grace", "Zoë Ñandú"), idString(120));
const email = (fx: Fixtures) => fc.oneof(fc.emailAddress(), fc.constantFrom(...Object.values(fx.users).map((u) => u.email)));
const userId = (fx: Fixtures) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.values(fx.users).map((u) => u.id)) }, { weight: 1, arbitrary: idString() });
const connectorId = (fx: Fixtures) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.values(fx.connectors)) }, { weight: 1, arbitrary: idString() });
const ownerIds = (fx: Fixtures) => fc.uniqueArray(userId(fx), { minLength: 1, maxLength: 4 });
/** Issuers on loopback where nothing listens: discovery fails at once, as a field error. */
const issuer = fc.oneof(fc.constantFrom("http://127.0.0.1:2", "http://localhost:2/realms/corp/", "https://127.0.0.1:2"), fc.webUrl({ withQueryParameters: false, withFragments: false }).filter((u) => u.length < 500).map((u) => u.replace(/^https?:\/\/[^/]+/, "http://127.0.0.1:2")));
const ssoSettings = (fx: Fixtures) =>
  fc.record({
    displayName: name.map((n) => n.slice(0, 60)),
    issuer,
    clientId: idString(300),
    clientSecret: fc.oneof(fc.constant(""), fc.string({ maxLength: 1000 })),
    allowSignUp: fc.boolean(),
    defaultRole: fc.constantFrom(...roles),
    groupsClaim: fc.constantFrom("", "groups", "roles", "https://corp.example/groups"),
    groupRoles: fc.uniqueArray(fc.record({ group: fc.string({ minLength: 1, maxLength: 200 }), role: fc.constantFrom(...roles) }), { maxLength: 5, selector: (g) => g.group }),
    requireSso: fc.boolean(),
    breakGlassUserIds: fc.uniqueArray(userId(fx), { maxLength: 3 }),
  });

const externalId = (known: string[]) => (known.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: idString(512) }) : idString(512));

/** Settings that pass the generic schema: the demo credentials, near misses, and strangers. */
function settingsValues(): fc.Arbitrary<Record<string, string>> {
  const cloudflare = fc.record({ accountId: fc.constantFrom("cf-demo-account", "other-account", "bad id!"), apiToken: fc.constantFrom("cf-demo-token", "wrong-token", "has space") }, { requiredKeys: [] });
  const temporal = fc.record({ apiKey: fc.constantFrom("tc-demo-key", "wrong-key", ""), defaultAccountRole: fc.constantFrom("read", "developer", "admin", "owner"), apiVersion: fc.constantFrom("2024-10-01-00", "bad version") }, { requiredKeys: [] });
  const baton = fc.record({ provider: fc.constantFrom("cloudflare", "temporal-cloud", "other", "nope") });
  return fc.oneof(cloudflare, temporal, baton, fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 100 }), { maxKeys: 4 }));
}

export const fuzzSpecs: FuzzSpec[] = [
  {
    file: "app/(auth)/setup/actions.ts",
    name: "createFirstAdminAction",
    schema: setupSchema,
    validWeight: 1,
    mutatedWeight: 15,
    principals: ["anonymous"],
    valid: (fx) => fc.record({ name, email: email(fx), password }).map((v) => ({ ...v, confirmPassword: v.password })),
  },
  {
    file: "app/(auth)/set-password/[token]/actions.ts",
    name: "setPasswordAction",
    schema: setPasswordSchema,
    validWeight: 1,
    mutatedWeight: 15,
    principals: ["anonymous"],
    valid: (fx) => fc.record({ token: fc.oneof(fc.constant(fx.setPasswordToken), fc.string({ minLength: 10, maxLength: 100 })), password }).map((v) => ({ ...v, confirmPassword: v.password })),
  },
  { file: USERS_ACTIONS, name: "addUserAction", schema: addUserSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: (fx) => fc.record({ name, email: email(fx), role: fc.constantFrom(...roles) }) },
  { file: USERS_ACTIONS, name: "changeRoleAction", schema: changeRoleSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: (fx) => fc.record({ userId: userId(fx), role: fc.constantFrom(...roles) }) },
  { file: USERS_ACTIONS, name: "setUserDisabledAction", schema: setUserDisabledSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: (fx) => fc.record({ userId: userId(fx), disabled: fc.boolean() }) },
  {
    file: "app/(console)/admin/connectors/new/actions.ts",
    name: "createConnectorAction",
    schema: createConnectorSchema,
    validWeight: DEFAULT_VALID,
    principals: SUPER,
    valid: (fx) =>
      fc.record({
        catalogId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("cloudflare", "temporal-cloud", "baton") }, { weight: 1, arbitrary: idString() }),
        appChoice: fc.constantFrom(...appChoices),
        unmanagedAppId: fc.constantFrom(fx.apps.unmanaged, fx.apps.managed, "", "app-missing"),
        managedAppId: fc.constantFrom(fx.apps.managed, fx.apps.unmanaged, "", "app-missing"),
        newAppName: fc.oneof(name, fc.constant("")),
        newAppDescription: fc.string({ maxLength: 500 }),
        ownerIds: ownerIds(fx),
      }),
  },
  { file: CONNECTOR_ACTIONS, name: "renameConnectorAction", schema: renameConnectorSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: (fx) => fc.record({ connectorId: connectorId(fx), displayName: name }) },
  {
    file: CONNECTOR_ACTIONS,
    name: "setSyncIntervalAction",
    schema: setSyncIntervalSchema,
    validWeight: DEFAULT_VALID,
    principals: SUPER,
    valid: (fx) => fc.record({ connectorId: connectorId(fx), syncIntervalMinutes: fc.oneof(fc.constantFrom(...syncIntervalOptions), fc.integer()) }),
  },
  {
    file: CONNECTOR_ACTIONS,
    name: "setFailureAlertThresholdAction",
    schema: setFailureAlertThresholdSchema,
    validWeight: DEFAULT_VALID,
    principals: SUPER,
    valid: (fx) => fc.record({ connectorId: connectorId(fx), threshold: fc.oneof(fc.constantFrom(...failureAlertThresholdOptions), fc.integer()) }),
  },
  { file: CONNECTOR_ACTIONS, name: "syncNowAction", schema: connectorIdSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: (fx) => fc.record({ connectorId: connectorId(fx) }) },
  { file: CONNECTOR_ACTIONS, name: "setProvisioningAction", schema: setProvisioningSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: (fx) => fc.record({ connectorId: connectorId(fx), enabled: fc.boolean() }) },
  { file: CONNECTOR_ACTIONS, name: "setConnectorDisabledAction", schema: setConnectorDisabledSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: (fx) => fc.record({ connectorId: connectorId(fx), disabled: fc.boolean() }) },
  {
    file: CONNECTOR_ACTIONS,
    name: "setMatchAttributeAction",
    schema: matchAttributeSchema,
    validWeight: DEFAULT_VALID,
    principals: SUPER,
    valid: (fx) => fc.record({ connectorId: connectorId(fx), attribute: fc.constantFrom("email", "username", "externalId") }),
  },
  {
    file: PERSON_ACTIONS,
    name: "linkAccountAction",
    schema: linkAccountSchema,
    validWeight: DEFAULT_VALID,
    principals: SUPER,
    snapshot: true,
    valid: (fx) =>
      fc.record({ connectorId: connectorId(fx), resourceTypeId: fc.constantFrom("user", "member"), externalId: externalId(fx.snapshot?.principals.map((p) => p.id) ?? []), personId: fc.option(idString(), { nil: null }) }),
  },
  {
    file: PERSON_ACTIONS,
    name: "resetAccountLinkAction",
    schema: resetAccountLinkSchema,
    validWeight: DEFAULT_VALID,
    principals: SUPER,
    snapshot: true,
    valid: (fx) => fc.record({ connectorId: connectorId(fx), resourceTypeId: fc.constantFrom("user", "member"), externalId: externalId(fx.snapshot?.principals.map((p) => p.id) ?? []) }),
  },
  { file: PERSON_ACTIONS, name: "searchPeopleAction", schema: searchPeopleSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: () => fc.record({ q: fc.string({ minLength: 1, maxLength: 100 }) }) },
  { file: CONNECTOR_ACTIONS, name: "deleteConnectorAction", schema: connectorIdSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: (fx) => fc.record({ connectorId: connectorId(fx) }) },
  {
    file: SETTINGS_ACTIONS,
    name: "saveSettingsAction",
    schema: saveSettingsSchema,
    validWeight: DEFAULT_VALID,
    principals: SUPER_OR_OWNER,
    valid: (fx) =>
      fc.record(
        { connectorId: connectorId(fx), values: settingsValues(), credentialExpiresOn: fc.constantFrom("", "2027-01-31", "2020-02-29", "2027-02-30", "31/01/2027") },
        { requiredKeys: ["connectorId", "values"] },
      ),
  },
  { file: SETTINGS_ACTIONS, name: "setConnectorOwnersAction", schema: setConnectorOwnersSchema, validWeight: DEFAULT_VALID, principals: SUPER_OR_OWNER, valid: (fx) => fc.record({ connectorId: connectorId(fx), ownerIds: ownerIds(fx) }) },
  { file: "app/(console)/admin/connectors/[id]/self-hosted-actions.ts", name: "rotateCredentialsAction", schema: connectorIdSchema, validWeight: DEFAULT_VALID, principals: SUPER_OR_OWNER, valid: (fx) => fc.record({ connectorId: connectorId(fx) }) },
  ...(["grantEntitlementAction", "revokeEntitlementAction"] as const).map(
    (actionName): FuzzSpec => ({
      file: PROVISIONING_ACTIONS,
      name: actionName,
      schema: provisionSchema,
      validWeight: DEFAULT_VALID,
      principals: SUPER_OR_OWNER,
      snapshot: true,
      auditsRefusals: true,
      valid: (fx) =>
        fc.record({
          connectorId: connectorId(fx),
          entitlementId: externalId(fx.snapshot?.entitlementIds ?? []),
          principalTypeId: fc.oneof({ weight: 4, arbitrary: fc.constant("user") }, { weight: 1, arbitrary: idString(512) }),
          principalId: externalId(fx.snapshot?.principals.map((p) => p.id) ?? []),
        }),
    }),
  ),
  {
    file: PROVISIONING_ACTIONS,
    name: "searchGrantCandidatesAction",
    schema: grantCandidatesSchema,
    validWeight: DEFAULT_VALID,
    principals: SUPER_OR_OWNER,
    snapshot: true,
    valid: (fx) =>
      fc.record(
        { connectorId: connectorId(fx), entitlementId: externalId(fx.snapshot?.entitlementIds ?? []), q: fc.string({ maxLength: 100 }), after: fc.constantFrom("WyJhIiwiMSJd", "bm90LWEtY3Vyc29y") },
        { requiredKeys: ["connectorId", "entitlementId"] },
      ),
  },
  {
    file: ACCOUNT_ACTIONS,
    name: "inviteAccountAction",
    schema: inviteAccountSchema,
    validWeight: DEFAULT_VALID,
    principals: SUPER_OR_OWNER,
    auditsRefusals: true,
    // Addresses the simulator already has (refused upstream) as well as new ones (invited).
    valid: (fx) =>
      fc.record({
        connectorId: connectorId(fx),
        email: fc.oneof(fc.constantFrom("riley.read@example.com", "olivia.owner@example.com"), fc.emailAddress()),
        role: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("read", "developer", "admin") }, { weight: 1, arbitrary: fc.constantFrom("owner", "financeadmin", "nope") }),
      }),
  },
  {
    file: ACCOUNT_ACTIONS,
    name: "removeAccountAction",
    schema: removeAccountSchema,
    validWeight: DEFAULT_VALID,
    principals: SUPER_OR_OWNER,
    snapshot: true,
    auditsRefusals: true,
    valid: (fx) =>
      fc.record({ connectorId: connectorId(fx), resourceTypeId: fc.constantFrom("user", "member"), externalId: externalId(fx.snapshot?.principals.map((p) => p.id) ?? []) }),
  },
  // Single sign-on: Super Administrators only.
  { file: SSO_ACTIONS, name: "testSsoDiscoveryAction", schema: testSsoDiscoverySchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: () => fc.record({ issuer }) },
  { file: SSO_ACTIONS, name: "saveSsoSettingsAction", schema: ssoSettingsSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: ssoSettings },
  { file: SSO_ACTIONS, name: "removeSsoSettingsAction", schema: removeSsoSettingsSchema, validWeight: DEFAULT_VALID, principals: SUPER, valid: () => fc.record({ confirm: fc.constant(true) }) },
  ...reviewFuzzSpecs,
  ...requestFuzzSpecs,
];
