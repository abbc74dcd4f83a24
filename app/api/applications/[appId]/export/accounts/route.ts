// The Accounts tab as CSV: every account of the app's current snapshots that the tab's search
// finds, in the tab's order, streamed in keyset batches. Whoever may open the app may export it.
import { csvResponse, exportDay, fileSlug } from "@/lib/csv";
import { streamAccounts } from "@/lib/data/accounts";
import { withManagedApp } from "@/lib/route";
import { accountListQuery, appQuerySchema } from "@/lib/validation/applications";

export const dynamic = "force-dynamic";

export const GET = withManagedApp(async (request, app) => {
  const query = accountListQuery(appQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams)));
  return csvResponse({
    filename: `${fileSlug(app.name)}-accounts-${exportDay()}.csv`,
    header: ["name", "email", "login", "status", "connector", "account_type", "account_id"],
    batches: streamAccounts(app, query),
    row: (a) => [a.name, a.email, a.login, a.status, a.connectorName, a.resourceTypeId, a.externalId],
  });
});
