// Orphaned access as CSV: one row per grant (an account without grants gets one row), streamed
// in batches so a large export never sits in memory. Cells are neutralised against formulas.
import { csvResponse, exportDay } from "@/lib/csv";
import { streamOrphanedGrants } from "@/lib/data/access-gaps";
import { withUser } from "@/lib/route";
import { PEOPLE_ROLES } from "@/lib/validation/people";

export const dynamic = "force-dynamic";

export const GET = withUser(PEOPLE_ROLES, async () =>
  csvResponse({
    filename: `orphaned-access-${exportDay()}.csv`,
    header: ["person", "person_email", "person_status", "app", "account", "account_email", "entitlement"],
    batches: streamOrphanedGrants(),
    row: (r) => [r.person, r.personEmail, r.personStatus, r.app, r.account, r.accountEmail, r.entitlement],
  }),
);
