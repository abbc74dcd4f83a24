// The email a new connector owner receives: their help is needed to complete the set-up,
// with a link to the connector's settings. Nobody is emailed about their own choice.
import { getAppUrl } from "@/lib/env";
import { sendMail } from "@/lib/mail/send";
import { connectorOwnerEmail } from "@/lib/mail/templates";

type Owner = { id: string; name: string; email: string };

export async function notifyNewOwners(input: { owners: Owner[]; actor: { id: string; name: string }; connector: { id: string; displayName: string }; appName: string }) {
  const link = `${getAppUrl()}/admin/connectors/${input.connector.id}`;
  for (const owner of input.owners) {
    if (owner.id === input.actor.id) continue;
    const mail = connectorOwnerEmail({ name: owner.name, assignedBy: input.actor.name, connectorName: input.connector.displayName, appName: input.appName, link });
    await sendMail({ kind: "connector_owner", to: owner.email, ...mail });
  }
}
