// Okta's JSON for each object, written as its serializer does: nullable fields present as null
// (lastLogin, activated, statusChanged, transitioningToStatus), HAL `_links` with absolute hrefs
// on the org's own origin, and the per-type application shapes of the OpenAPI subset.
import type { SimApp, SimGroup, SimRoleAssignment, SimUser } from "./state";

const href = (origin: string, path: string) => ({ href: `${origin}${path}` });

export function userJson(origin: string, user: SimUser, options: { omitCredentials?: boolean } = {}) {
  const self = `/api/v1/users/${user.id}`;
  const lifecycle =
    user.status === "STAGED" || user.status === "DEPROVISIONED"
      ? { activate: { ...href(origin, `${self}/lifecycle/activate`), hints: { allow: ["POST"] } } }
      : user.status === "SUSPENDED"
        ? { unsuspend: { ...href(origin, `${self}/lifecycle/unsuspend`), hints: { allow: ["POST"] } } }
        : { suspend: { ...href(origin, `${self}/lifecycle/suspend`), hints: { allow: ["POST"] } }, deactivate: { ...href(origin, `${self}/lifecycle/deactivate`), hints: { allow: ["POST"] } } };
  return {
    id: user.id,
    status: user.status,
    created: user.created,
    activated: user.activated,
    statusChanged: user.statusChanged,
    lastLogin: user.lastLogin,
    lastUpdated: user.lastUpdated,
    passwordChanged: user.passwordChanged,
    type: { id: "oty1gkd000000000001" },
    transitioningToStatus: null,
    profile: user.profile,
    // Content-Type: application/json; okta-response=omitCredentials leaves this out, as does a
    // user who never had a password (STAGED); readers must cope with it missing.
    ...(options.omitCredentials || user.status === "STAGED" ? {} : { credentials: { password: {}, provider: { type: "OKTA", name: "OKTA" } } }),
    _links: { self: href(origin, self), ...lifecycle, schema: href(origin, "/api/v1/meta/schemas/user/osc1gkd000000000001"), type: href(origin, "/api/v1/meta/types/user/oty1gkd000000000001") },
  };
}

export function groupJson(origin: string, group: SimGroup) {
  const self = `/api/v1/groups/${group.id}`;
  const ad = group.type === "APP_GROUP";
  // A string in the schema, not nullable: a group without one has no description key.
  const description = group.description === null ? {} : { description: group.description };
  return {
    id: group.id,
    created: group.created,
    lastUpdated: group.lastUpdated,
    lastMembershipUpdated: group.lastMembershipUpdated,
    objectClass: [ad ? "okta:windows_security_principal" : "okta:user_group"],
    type: group.type,
    profile: ad
      ? {
          name: group.name,
          ...description,
          dn: `CN=${group.name},CN=Users,DC=corp,DC=example,DC=com`,
          externalId: Buffer.from(group.id).toString("base64"),
          samAccountName: group.name,
          windowsDomainQualifiedName: `CORP\\${group.name}`,
        }
      : { name: group.name, ...description },
    _links: {
      logo: [
        { name: "medium", href: `${origin}/assets/img/logos/groups/${ad ? "active_directory" : "okta"}-medium.png`, type: "image/png" },
        { name: "large", href: `${origin}/assets/img/logos/groups/${ad ? "active_directory" : "okta"}-large.png`, type: "image/png" },
      ],
      ...(ad ? { source: href(origin, "/api/v1/apps/0oa1gkd0000000000ad1") } : {}),
      users: href(origin, `${self}/users`),
      apps: href(origin, `${self}/apps`),
    },
  };
}

// Notes and VPN texts are non-nullable strings in the schema: unset, they are left out.
const settingsBase = { notifications: { vpn: { network: { connection: "DISABLED" } } }, notes: {} };

/** Fields every application shares, then the sign-on mode's own credentials and settings. */
export function appJson(origin: string, app: SimApp) {
  const self = `/api/v1/apps/${app.id}`;
  const base = {
    id: app.id,
    name: app.name,
    label: app.label,
    status: app.status,
    lastUpdated: app.lastUpdated,
    created: app.created,
    accessibility: { selfService: false },
    visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false }, appLinks: { [`${app.name}_link`]: true } },
    features: [] as string[],
    signOnMode: app.signOnMode,
    _links: {
      ...(app.logo ? { logo: [{ name: "medium", href: `${origin}/fs/bco/4/${app.id}`, type: "image/svg+xml" }] } : {}),
      appLinks: [{ name: `${app.name}_link`, href: `${origin}/home/${app.name}/${app.id}/alnk1gkd`, type: "text/html" }],
      users: href(origin, `${self}/users`),
      groups: href(origin, `${self}/groups`),
      self: href(origin, self),
      ...(app.status === "ACTIVE" ? { deactivate: href(origin, `${self}/lifecycle/deactivate`) } : { activate: href(origin, `${self}/lifecycle/activate`) }),
    },
  };
  if (app.signOnMode === "BOOKMARK") {
    return { ...base, credentials: { userNameTemplate: { template: "${source.login}", type: "BUILT_IN" }, signing: {} }, settings: { ...settingsBase, app: { requestIntegration: false, url: "https://benefits.example.com/login" } } };
  }
  if (app.signOnMode === "OPENID_CONNECT") {
    return {
      ...base,
      credentials: { userNameTemplate: { template: "${source.login}", type: "BUILT_IN" }, signing: { kid: "sig1gkd" }, oauthClient: { autoKeyRotation: true, client_id: app.id, token_endpoint_auth_method: "private_key_jwt" } },
      settings: { ...settingsBase, oauthClient: { application_type: "service", grant_types: ["client_credentials"], response_types: ["token"], issuer_mode: "DYNAMIC" } },
    };
  }
  return {
    ...base,
    credentials: { userNameTemplate: { template: "${source.login}", type: "BUILT_IN" }, signing: { kid: `kid-${app.id}` } },
    settings: { ...settingsBase, signOn: { ssoAcsUrl: `https://${app.name}.example.net/saml/acs`, audience: `https://${app.name}.example.net`, recipient: `https://${app.name}.example.net/saml/acs`, destination: `https://${app.name}.example.net/saml/acs`, subjectNameIdTemplate: "${user.userName}", subjectNameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", responseSigned: true, assertionSigned: true, allowMultipleAcsEndpoints: false, requestCompressed: false, signatureAlgorithm: "RSA_SHA256", digestAlgorithm: "SHA256", honorForceAuthn: true, authnContextClassRef: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport", attributeStatements: [] } },
  };
}

/** An app user: assigned directly (scope USER) or through a group (scope GROUP). */
export function appUserJson(origin: string, app: SimApp, user: SimUser, via: { groupId?: string }) {
  return {
    id: user.id,
    created: app.created,
    lastUpdated: app.lastUpdated,
    scope: via.groupId ? "GROUP" : "USER",
    status: user.status === "STAGED" || user.status === "PROVISIONED" ? "PROVISIONED" : "ACTIVE",
    statusChanged: app.lastUpdated,
    passwordChanged: null,
    syncState: "DISABLED",
    credentials: { userName: user.profile.login },
    profile: { email: user.profile.email, firstName: user.profile.firstName, lastName: user.profile.lastName },
    _links: {
      app: href(origin, `/api/v1/apps/${app.id}`),
      user: href(origin, `/api/v1/users/${user.id}`),
      ...(via.groupId ? { group: { name: via.groupId, ...href(origin, `/api/v1/groups/${via.groupId}`) } } : {}),
    },
  };
}

export function appGroupJson(origin: string, app: SimApp, group: SimGroup, priority: number) {
  return {
    id: group.id,
    lastUpdated: group.lastUpdated,
    priority,
    profile: {},
    _links: { app: href(origin, `/api/v1/apps/${app.id}`), self: href(origin, `/api/v1/apps/${app.id}/groups/${group.id}`), group: href(origin, `/api/v1/groups/${group.id}`) },
  };
}

/** A role assignment as List all user role assignments writes it (standard or custom). */
export function roleJson(origin: string, role: SimRoleAssignment) {
  const common = { id: role.id, label: role.label, type: role.type, status: "ACTIVE", created: "2023-02-01T10:00:00.000Z", lastUpdated: "2023-02-01T10:00:00.000Z", assignmentType: "USER" };
  if (role.type === "CUSTOM") {
    return { ...common, role: role.customRoleId, "resource-set": "iamoJDFKaJxGIr0oamd9g", _links: { assignee: href(origin, `/api/v1/users/${role.userId}`) } };
  }
  return { ...common, _links: { assignee: href(origin, `/api/v1/users/${role.userId}`) } };
}
