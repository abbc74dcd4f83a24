// Grant and revoke from the console: which entitlement, for whom. Ids are the synced external
// ids (stable across syncs), never bigint row ids.
import { z } from "zod";

const externalId = z.string().trim().min(1).max(512);

export const provisionSchema = z.object({
  connectorId: z.string().trim().min(1).max(64),
  entitlementId: externalId,
  principalTypeId: externalId,
  principalId: externalId,
});

export type ProvisionInput = z.infer<typeof provisionSchema>;
export type ProvisionKind = "grant" | "revoke";

/** The Grant dialog's search: part of a name or email, and the cursor of the next page. */
export const grantCandidatesSchema = z.object({
  connectorId: z.string().trim().min(1).max(64),
  entitlementId: externalId,
  q: z.string().trim().max(100, "Type at most 100 characters.").optional(),
  after: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/).optional(),
});

export type GrantCandidatesInput = z.infer<typeof grantCandidatesSchema>;

const connectorId = z.string().trim().min(1).max(64);

/** Invite (create) an account in the app, where the connector can: an email and an account role. */
export const inviteAccountSchema = z.object({
  connectorId,
  // Not lowercased: the upstream keeps the address as typed.
  email: z.string().trim().min(1, "Enter an email address.").max(254).email("Enter a valid email address."),
  role: z.string({ error: "Choose a role." }).trim().min(1, "Choose a role.").max(64),
});

/** Remove (delete) an account from the app, by its stable address. */
export const removeAccountSchema = z.object({ connectorId, resourceTypeId: externalId, externalId });

export type InviteAccountInput = z.infer<typeof inviteAccountSchema>;
export type RemoveAccountInput = z.infer<typeof removeAccountSchema>;
export type AccountLifecycleKind = "invite" | "remove";
