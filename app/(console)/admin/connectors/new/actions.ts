"use server";
import { revalidatePath } from "next/cache";
import { action, ActionError } from "@/lib/action";
import { getConnector, isConnectorId } from "@/lib/connectors/registry";
import { recordAudit } from "@/lib/data/audit";
import { CONNECTOR_ADMIN_ROLES } from "@/lib/data/connector-access";
import { ConnectorInputError, createConnector, type AppTarget } from "@/lib/data/connectors";
import { createConnectorSchema } from "@/lib/validation/connectors";
import { notifyNewOwners } from "../notify-owners";

/** "Next": creates the connector in Pending setup on the chosen app and emails the other owners. */
export const createConnectorAction = action({ schema: createConnectorSchema, roles: CONNECTOR_ADMIN_ROLES }, async (input, actor) => {
  if (!isConnectorId(input.catalogId)) throw new ActionError("This connector is not in the catalog.");
  const catalog = getConnector(input.catalogId);
  const app: AppTarget =
    input.appChoice === "new"
      ? { kind: "new", name: input.newAppName, description: input.newAppDescription }
      : { kind: input.appChoice, applicationId: input.appChoice === "unmanaged" ? input.unmanagedAppId : input.managedAppId };
  let created;
  try {
    created = await createConnector({ catalogId: input.catalogId, displayName: catalog.name, app, ownerIds: input.ownerIds, createdById: actor.id });
  } catch (error) {
    if (error instanceof ConnectorInputError) throw new ActionError(error.message, error.field ? { [error.field]: [error.message] } : undefined);
    throw error;
  }
  const { connector, application, owners } = created;
  await recordAudit({
    actor,
    kind: "connector.created",
    connectorId: connector.id,
    targetType: "connector",
    targetId: connector.id,
    summary: `${actor.email} added the ${catalog.name} connector to ${application.name}`,
    data: { catalogId: input.catalogId, applicationId: application.id, appChoice: input.appChoice, owners: owners.map((o) => o.email) },
  });
  await notifyNewOwners({ owners, actor, connector, appName: application.name });
  revalidatePath("/admin/connectors");
  revalidatePath("/applications");
  return { id: connector.id };
});
