// One entitlement's holders as CSV (the entitlement page's list, with its search), by name,
// streamed in keyset batches: a million holders never sit in memory. Whoever may open the app
// may export it; an entitlement the connector's current snapshot lacks is "not found".
import { csvResponse, exportDay, fileSlug } from "@/lib/csv";
import { streamEntitlementHolders } from "@/lib/data/accounts";
import { getEntitlement } from "@/lib/data/entitlements";
import { notFoundResponse, withManagedApp } from "@/lib/route";
import { detailQuerySchema, parseEntitlementKey } from "@/lib/validation/applications";

export const dynamic = "force-dynamic";

export const GET = withManagedApp<{ appId: string; connectorId: string; entitlementKey: string }>(async (request, app, { connectorId, entitlementKey }) => {
  const externalId = parseEntitlementKey(entitlementKey);
  const entitlement = externalId ? await getEntitlement(app, connectorId, externalId) : null;
  if (!entitlement) return notFoundResponse();
  const query = detailQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return csvResponse({
    filename: `${fileSlug(app.name)}-${fileSlug(entitlement.name)}-holders-${exportDay()}.csv`,
    header: ["name", "email", "type", "status", "id"],
    batches: streamEntitlementHolders(entitlement.runId, entitlement.externalId, query),
    row: (h) => [h.name, h.email, h.typeName, h.isUser ? h.status : null, h.externalId],
  });
});
