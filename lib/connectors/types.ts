// The connector interface: Airbyte's spec → check → discover → read, extended with
// provisioning, in Baton's vocabulary. Adapters implement it without Prisma, Next or env:
// everything they need arrives in ConnectorContext.
import type { z } from "zod";

export type Capability = {
  /** Resource name as the seeds' Capabilities table writes it ("Accounts", "Roles"). */
  resource: string;
  sync: boolean;
  provision: boolean;
};

/** Metadata of one settings field; the settings form is generated from it. */
export type SettingsField = {
  name: string;
  label: string;
  help?: string;
  secret?: boolean;
  required?: boolean;
  kind?: "text" | "email" | "select";
  options?: { value: string; label: string }[];
  placeholder?: string;
  defaultValue?: string;
};

/** A set of fields the user picks between, e.g. Cloudflare's "API token" vs "Email + API key". */
export type SettingsAlternative = {
  id: string;
  label: string;
  fields: string[];
};

export type SettingsSpec<TConfig> = {
  schema: z.ZodType<TConfig>;
  fields: SettingsField[];
  /** Field holding the chosen alternative, when the connector has alternatives. */
  alternativeField?: string;
  alternatives?: SettingsAlternative[];
};

export type Logger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
};

export type ConnectorContext = {
  baseUrl: string;
  fetch: typeof fetch;
  logger: Logger;
  /** Aborts long syncs and retries (cancel, shutdown). */
  signal?: AbortSignal;
  /** Waits between retries and pacing; tests pass a fast clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Off for simulators (bench), on against the real host. */
  pacing?: boolean;
};

export type ResourceTrait = "user" | "group" | "role" | "app";

export type ResourceTypeRecord = {
  type: "resourceType";
  id: string;
  displayName: string;
  traits: ResourceTrait[];
  description?: string;
};

export type ResourceRecord = {
  type: "resource";
  resourceTypeId: string;
  id: string;
  displayName: string;
  description?: string;
  parent?: { resourceTypeId: string; id: string };
  /** Present when the resource has the user trait: the app's "Accounts". */
  user?: {
    email?: string;
    login?: string;
    status?: "enabled" | "disabled" | "deleted" | "unspecified";
  };
  profile?: Record<string, string | number | boolean | null>;
};

export type EntitlementRecord = {
  type: "entitlement";
  /** Baton entitlement id: "<resourceTypeId>:<resourceId>:<slug>". Accepted by grant/revoke. */
  id: string;
  resource: { resourceTypeId: string; id: string };
  displayName: string;
  description?: string;
  slug: string;
  purpose: "assignment" | "permission";
  grantableTo: string[];
  /** False where the upstream must not be changed (Temporal Account Owner, Finance Admin). */
  provisionable: boolean;
};

export type GrantRecord = {
  type: "grant";
  id: string;
  entitlementId: string;
  principal: { resourceTypeId: string; id: string };
};

export type SyncRecord = ResourceTypeRecord | ResourceRecord | EntitlementRecord | GrantRecord;

/** A failure an adapter names: the UI shows `message`, and `field` when a setting is at fault. */
export class ConnectorError extends Error {
  constructor(
    readonly kind:
      | "invalid_config"
      | "unauthorized"
      | "forbidden"
      | "not_found"
      | "rate_limited"
      | "upstream_unavailable"
      | "timeout"
      | "malformed_response"
      | "refused"
      | "conflict"
      | "operation_failed",
    message: string,
    readonly options: { field?: string; status?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "ConnectorError";
  }
  get field() {
    return this.options.field;
  }
  get retryable() {
    return this.options.retryable ?? false;
  }
}

/** `credentialExpiry` when the check read it on its way (saves a second request). */
export type CheckResult = { ok: true; summary: string; credentialExpiry?: CredentialExpiry };

/**
 * When the credential in use expires, as the upstream tells it: `expiresAt` null when it does
 * not expire; `note` says how the credential was identified when the upstream cannot say.
 */
export type CredentialExpiry = { expiresAt: Date | null; note?: string };

export type ProvisionRequest = { entitlementId: string; principalId: string };
export type ProvisionResult = { changed: boolean; message: string };

export type CreateAccountRequest = {
  email: string;
  /** One of `AccountProvisioning.roles`' values; the connector's configured default when absent. */
  role?: string;
};
export type DeleteAccountRequest = { principalId: string };
/** What the next sync will read for the new account, so the store can show it at once. */
export type CreatedAccount = ProvisionResult & { account: ResourceRecord; grants: GrantRecord[] };

/**
 * An optional capability: creating (inviting) and deleting accounts. A connector that has it
 * declares it here, and the console offers "Invite account" and "Remove" only then.
 */
export type AccountProvisioning<TConfig = unknown> = {
  /** The account type it creates and deletes (Temporal Cloud: users, never service accounts). */
  resourceTypeId: string;
  /** The roles a new account may be given, in the order the Invite form offers them. */
  roles: { value: string; label: string }[];
  /** The settings field holding the default role, when the connector has one. */
  defaultRoleSetting?: string;
  create(config: TConfig, request: CreateAccountRequest, ctx: ConnectorContext): Promise<CreatedAccount>;
  /** Refuses accounts the upstream must not lose (Temporal Cloud: Account Owners, Finance Admins). */
  delete(config: TConfig, request: DeleteAccountRequest, ctx: ConnectorContext): Promise<ProvisionResult>;
};

export type Connector<TConfig = unknown> = {
  id: string;
  name: string;
  description: string;
  /**
   * An identity provider's users are the People directory and its apps are discovered as
   * unmanaged apps (lib/sync/identity.ts); every other connector is an app's.
   */
  kind?: "app" | "identity-provider";
  capabilities: Capability[];
  /** Shown under the capabilities table (Temporal Cloud's non-provisionable roles). */
  capabilityNote?: string;
  settings: SettingsSpec<TConfig>;
  check(config: TConfig, ctx: ConnectorContext): Promise<CheckResult>;
  sync(config: TConfig, ctx: ConnectorContext): AsyncIterable<SyncRecord>;
  grant(config: TConfig, request: ProvisionRequest, ctx: ConnectorContext): Promise<ProvisionResult>;
  revoke(config: TConfig, request: ProvisionRequest, ctx: ConnectorContext): Promise<ProvisionResult>;
  accounts?: AccountProvisioning<TConfig>;
  /**
   * Where the upstream tells it, the credential's expiry, read at check and at each sync.
   * Undefined when the credential kind in use has none to tell (the admin may enter one).
   */
  credentialExpiry?(config: TConfig, ctx: ConnectorContext): Promise<CredentialExpiry | undefined>;
};
