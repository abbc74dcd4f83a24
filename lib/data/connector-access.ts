// Who may do what with a connector. Super and Connector Administrators may do everything;
// a connector's owners (any role) may see it and edit its settings and owners. Every action,
// page and route handler asks here, server-side.
import type { Role } from "@prisma/client";
import { db } from "@/lib/db/client";

export const CONNECTOR_ADMIN_ROLES: readonly Role[] = ["SUPER_ADMIN", "CONNECTOR_ADMIN"];

type Actor = { id: string; role: Role };

export function isConnectorAdmin(user: Actor) {
  return CONNECTOR_ADMIN_ROLES.includes(user.role);
}

export async function isConnectorOwner(connectorId: string, userId: string) {
  const row = await db.connectorOwner.findUnique({ where: { connectorId_userId: { connectorId, userId } }, select: { userId: true } });
  return Boolean(row);
}

/** Admins, or an owner of this connector. */
export async function canEditConnector(user: Actor, connectorId: string) {
  return isConnectorAdmin(user) || isConnectorOwner(connectorId, user.id);
}
