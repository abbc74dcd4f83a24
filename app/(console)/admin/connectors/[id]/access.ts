// The connector pages' gate: administrators, or an owner of this connector (any role: the
// owner email links a plain user here). Everyone else gets the Forbidden page.
import { notFound, redirect } from "next/navigation";
import { requireUser } from "@/lib/auth";
import { isConnectorAdmin } from "@/lib/data/connector-access";
import { getConnectorDetail } from "@/lib/data/connectors";

export async function requireConnectorAccess(connectorId: string) {
  const user = await requireUser();
  const admin = isConnectorAdmin(user);
  const connector = await getConnectorDetail(connectorId);
  // A non-admin learns nothing, not even whether the id exists.
  if (!admin && !connector?.owners.some((o) => o.id === user.id)) redirect("/forbidden");
  if (!connector) notFound();
  return { user, admin, connector };
}
