// The Entitlements tab as CSV: every entitlement of the app's current snapshots that the tab's
// search finds, in the tab's order, streamed in keyset batches. Whoever may open the app may export it.
import { csvResponse, exportDay, fileSlug } from "@/lib/csv";
import { streamEntitlements } from "@/lib/data/entitlements";
import { withManagedApp } from "@/lib/route";
import { appQuerySchema, entitlementListQuery } from "@/lib/validation/applications";

export const dynamic = "force-dynamic";

export const GET = withManagedApp(async (request, app) => {
  const query = entitlementListQuery(appQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams)));
  return csvResponse({
    filename: `${fileSlug(app.name)}-entitlements-${exportDay()}.csv`,
    header: ["name", "resource_type", "resource", "slug", "purpose", "holders", "provisionable", "connector", "entitlement_id", "description"],
    batches: streamEntitlements(app, query),
    row: (e) => [e.name, e.resourceTypeName, e.resourceName, e.slug, e.purpose, e.grantCount, e.provisionable, e.connectorName, e.externalId, e.description],
  });
});
