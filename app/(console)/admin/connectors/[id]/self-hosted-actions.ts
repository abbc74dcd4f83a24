"use server";
// Rotate on a self-hosted (Baton) connector: administrators and the connector's owners, checked
// server-side. The .c1z upload is a route handler (app/api/connectors-self-hosted/[id]/c1z),
// because a server action's body limit is far below a sync file's size.
import { revalidatePath } from "next/cache";
import { action, ActionError, ALL_ROLES } from "@/lib/action";
import type { CurrentUser } from "@/lib/auth";
import { canEditConnector } from "@/lib/data/connector-access";
import { rotateClientCredentials, SelfHostedRefusal } from "@/lib/self-hosted/rotate";
import { connectorIdSchema } from "@/lib/validation/connectors";

const authorize = (user: CurrentUser, input: { connectorId: string }) => canEditConnector(user, input.connectorId);

export const rotateCredentialsAction = action({ schema: connectorIdSchema, roles: ALL_ROLES, authorize }, async ({ connectorId }, actor) => {
  try {
    const rotated = await rotateClientCredentials(connectorId, actor);
    revalidatePath(`/admin/connectors/${connectorId}`);
    return rotated;
  } catch (error) {
    if (error instanceof SelfHostedRefusal) throw new ActionError(error.message);
    throw error;
  }
});
