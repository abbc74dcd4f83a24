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
