// Rotate: a new client ID and secret for a Baton connector. The previous secret and every token
// it obtained stop working when the update commits. The secret is returned once, to be shown
// once; it is in no log and no audit row.
import { recordAudit } from "@/lib/data/audit";
import { getSelfHostedConnector, storeClientCredentials } from "@/lib/data/self-hosted";
import { generateClientCredentials } from "./credentials";

export class SelfHostedRefusal extends Error {
  name = "SelfHostedRefusal";
}

export const BATON_CATALOG_ID = "baton";

export type RotatedCredentials = { clientId: string; clientSecret: string; rotatedAt: string };

export async function rotateClientCredentials(connectorId: string, actor: { id: string; email: string }): Promise<RotatedCredentials> {
  const connector = await getSelfHostedConnector(connectorId);
  if (!connector) throw new SelfHostedRefusal("This connector no longer exists.");
  if (connector.catalogId !== BATON_CATALOG_ID) throw new SelfHostedRefusal("Only self-hosted (Baton) connectors have client credentials.");
  const { clientId, clientSecret, secretHash } = generateClientCredentials();
  const rotatedAt = new Date();
  await storeClientCredentials(connectorId, { clientId, secretHash, rotatedAt });
  await recordAudit({
    actor,
    kind: "connector.credentials_rotated",
    connectorId,
    targetType: "connector",
    targetId: connectorId,
    summary: `${actor.email} rotated the client credentials of ${connector.displayName}`,
    // Client ids are not secret; they tell which runner stopped working.
    data: { clientId, revokedClientId: connector.clientId },
  });
  return { clientId, clientSecret, rotatedAt: rotatedAt.toISOString() };
}
