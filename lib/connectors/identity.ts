// Which connectors are identity providers: the registry says so (`kind`). A self-hosted Baton
// connector is one when the provider its runner runs is.
import { getConnector, isConnectorId } from "./registry";

export function isIdentityProvider(catalogId: string, batonProvider: string | null): { name: string } | undefined {
  const id = catalogId === "baton" ? batonProvider : catalogId;
  if (!isConnectorId(id)) return undefined;
  const connector = getConnector(id);
  return connector.kind === "identity-provider" ? { name: connector.name } : undefined;
}
