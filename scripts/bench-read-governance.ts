// bench:read's governance pages: the access reviews inbox with every grant of the fixture app
// frozen into one campaign for the admin (every grant of the app, 3,400,000 items at the default
// sizes: one reviewer of a whole app, harder than the issue's 100,000 per reviewer), and the request catalog with the app's 5,001 entitlements made
// requestable. Each group prepares its data once, through the features' own functions.
import type { PageGroup } from "./bench-read-pages";

const reviewsInbox: PageGroup = {
  name: "Access reviews inbox",
  cases: async ({ fixture, admin }) => {
    const { createCampaign, getCampaignProgress, listMyCampaigns, listReviewerOptions } = await import("@/lib/data/review-campaigns");
    const { listInboxApps, listInboxPage, listRemediationTasks } = await import("@/lib/data/review-items");
    const { launchCampaign } = await import("@/lib/reviews/launch");
    const { inboxQuerySchema } = await import("@/lib/validation/reviews");
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const { id } = await createCampaign(
      { name: "Bench review", description: "", appIds: [fixture.appId], privilegedOnly: false, entitlementSearch: "", accounts: "all", department: "", reviewerPolicy: "named", namedReviewerIds: [admin.id], fallbackReviewerId: admin.id, dueDate: due, reminderDays: 0, defaultDecision: "keep", remediateImmediately: false },
      admin.id,
    );
    const started = performance.now();
    await launchCampaign(id, admin);
    const items = (await getCampaignProgress(id)).total.toLocaleString("en-US");
    console.log(`  launched a campaign of ${items} items in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const first = await listInboxPage(admin.id, id, inboxQuerySchema.parse({ campaign: id }));
    const page = (label: string, params: Record<string, string>) => ({
      label: `Review inbox (${items} items): ${label}`,
      path: `/reviews?${new URLSearchParams({ campaign: id, ...params })}`,
      expect: "review-item",
      data: async () => {
        await Promise.all([listMyCampaigns(admin.id), listRemediationTasks(admin.id)]);
        await Promise.all([listInboxPage(admin.id, id, inboxQuerySchema.parse({ campaign: id, ...params })), listInboxApps(admin.id, id), listReviewerOptions()]);
      },
    });
    return [page("first page", {}), page("next page", first.next ? { after: first.next } : {}), page(`search "${fixture.accountSearch}"`, { q: fixture.accountSearch })];
  },
};

const requestCatalog: PageGroup = {
  name: "Request catalog",
  cases: async ({ fixture, admin }) => {
    const { saveRequestSetting } = await import("@/lib/data/request-settings");
    const { listCatalog } = await import("@/lib/data/request-catalog");
    const { listApprovals } = await import("@/lib/data/request-store");
    const { catalogQuerySchema, requestSettingsSchema } = await import("@/lib/validation/requests");
    // Only what can be provisioned is requestable: the fixture's connector has provisioning on for this.
    const { getPool } = await import("@/lib/db/client");
    await getPool().query(`UPDATE connectors SET provisioning_enabled = true WHERE id = $1`, [fixture.connectorId]);
    await saveRequestSetting(requestSettingsSchema.parse({ applicationId: fixture.appId, requestable: true, firstApprover: "APP_OWNERS", maxDurationHours: 24, defaultDurationHours: 8 }), admin);
    const page = (label: string, params: Record<string, string>) => ({
      label: `Request catalog (${fixture.entitlements.toLocaleString("en-US")} requestable): ${label}`,
      path: `/requests${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ""}`,
      expect: "catalog-row",
      data: () => Promise.all([listCatalog(admin, catalogQuerySchema.parse(params)), listApprovals(admin.id)]),
    });
    return [page("first page", {}), page(`search "${fixture.entitlementSearch}"`, { q: fixture.entitlementSearch })];
  },
};

export const GOVERNANCE_PAGES: PageGroup[] = [reviewsInbox, requestCatalog];
