// The pages `npm run bench:read` measures. Each case names a URL of the production server, a
// marker its HTML must contain, and `data`: the lib/data calls that page makes, in the same
// order and parallelism, so the statements they send can be captured and replayed bare.
//
// To add a page, add a case to one of the lists below (or a new list spread into PAGE_GROUPS);
// nothing else in the benchmark needs to change.
import type { CurrentUser } from "@/lib/auth";
import type { BenchFixture } from "./bench-read-data";
import { GOVERNANCE_PAGES } from "./bench-read-governance";

export type PageCase = {
  /** Shown in the table: "Accounts tab: search". */
  label: string;
  path: string;
  /** Text the page's HTML must contain (a data-testid is best). */
  expect: string;
  /** The page's lib/data reads, as the page makes them. */
  data: () => Promise<unknown>;
};

export type PageContext = { fixture: BenchFixture; admin: CurrentUser };
export type PageGroup = { name: string; cases: (ctx: PageContext) => Promise<PageCase[]> };

const qs = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return search ? `?${search}` : "";
};

const applications: PageGroup = {
  name: "Applications",
  cases: async () => {
    const { countApps, listManagedApps } = await import("@/lib/data/applications");
    return [{ label: "Applications list", path: "/applications", expect: "managed-app-row", data: () => Promise.all([countApps(), listManagedApps()]) }];
  },
};

const appTabs: PageGroup = {
  name: "App tabs",
  cases: async ({ fixture, admin }) => {
    const { getManagedApp } = await import("@/lib/data/applications");
    const { listAccounts } = await import("@/lib/data/accounts");
    const { listEntitlements } = await import("@/lib/data/entitlements");
    const { listAccountLifecycles, listProtectedHoldings } = await import("@/lib/data/account-provisioning");
    const { accountListQuery, appQuerySchema, entitlementListQuery, PAGE_SIZE } = await import("@/lib/validation/applications");
    const appId = fixture.appId;
    const app0 = (await getManagedApp(appId))!;
    // Deep pages: the cursor of the row in the middle of each list.
    const middleAccounts = await listAccounts(app0, accountListQuery(appQuerySchema.parse({ tab: "accounts" })), Math.floor(fixture.accounts / 2));
    const middleEntitlements = await listEntitlements(app0, entitlementListQuery(appQuerySchema.parse({})), Math.floor(fixture.entitlements / 2));
    const accounts = (label: string, params: Record<string, string | undefined>): PageCase => ({
      label: `Accounts tab: ${label}`,
      path: `/applications/${appId}${qs({ tab: "accounts", ...params })}`,
      expect: "account-row",
      data: async () => {
        const app = (await getManagedApp(appId))!;
        const page = await listAccounts(app, accountListQuery(appQuerySchema.parse({ tab: "accounts", ...params })), PAGE_SIZE);
        const lifecycles = await listAccountLifecycles(admin, app.connectors.map((c) => c.id));
        await Promise.all(lifecycles.filter((l) => !l.refusal && l.runId).map((l) => listProtectedHoldings(l.runId!, page.rows)));
      },
    });
    const entitlements = (label: string, params: Record<string, string | undefined>): PageCase => ({
      label: `Entitlements tab: ${label}`,
      path: `/applications/${appId}${qs(params)}`,
      expect: "entitlement-row",
      data: async () => listEntitlements((await getManagedApp(appId))!, entitlementListQuery(appQuerySchema.parse(params)), PAGE_SIZE),
    });
    return [
      accounts("first page, by name", {}),
      accounts(`page at row ${Math.floor(fixture.accounts / 2).toLocaleString("en-US")}`, { after: middleAccounts.next ?? undefined }),
      accounts("first page, by email", { sort: "email" }),
      accounts(`search "${fixture.accountSearch}"`, { q: fixture.accountSearch }),
      entitlements("first page, by name", {}),
      entitlements(`page at row ${Math.floor(fixture.entitlements / 2).toLocaleString("en-US")}`, { after: middleEntitlements.next ?? undefined }),
      entitlements("sorted by holders, most first", { sort: "grants", dir: "desc" }),
      entitlements(`search "${fixture.entitlementSearch}"`, { q: fixture.entitlementSearch }),
    ];
  },
};

const details: PageGroup = {
  name: "Detail pages",
  cases: async ({ fixture, admin }) => {
    const { getManagedApp } = await import("@/lib/data/applications");
    const { getAccount, listEntitlementHolders } = await import("@/lib/data/accounts");
    const { getEntitlement, listAccountGrants } = await import("@/lib/data/entitlements");
    const { getAccountLink } = await import("@/lib/data/account-links");
    const { getConnectorProvisioning, getProvisioningView } = await import("@/lib/data/provisioning");
    const { accountPath, entitlementPath, PAGE_SIZE } = await import("@/lib/validation/applications");
    const { appId, connectorId } = fixture;
    const app0 = (await getManagedApp(appId))!;
    const big = (await getEntitlement(app0, connectorId, fixture.bigEntitlementId))!;
    const middleHolders = await listEntitlementHolders(big.runId, big.externalId, { dir: "asc" }, Math.floor(fixture.accounts / 2), big.grantCount);
    const holders = (label: string, query: { q?: string; after?: string }): PageCase => ({
      label: `Entitlement held by ${big.grantCount.toLocaleString("en-US")}: ${label}`,
      path: `${entitlementPath(appId, connectorId, big.externalId)}${qs(query)}`,
      expect: "holder-row",
      data: async () => {
        const app = (await getManagedApp(appId))!;
        const entitlement = (await getEntitlement(app, connectorId, big.externalId))!;
        await listEntitlementHolders(entitlement.runId, entitlement.externalId, { ...query, dir: "asc" }, PAGE_SIZE, entitlement.grantCount);
        await getProvisioningView(admin, connectorId, entitlement);
      },
    });
    const account = (await getAccount(app0, connectorId, "user", fixture.powerAccountId))!;
    return [
      holders("first page of holders", {}),
      holders(`holders from row ${Math.floor(fixture.accounts / 2).toLocaleString("en-US")}`, { after: middleHolders.next ?? undefined }),
      holders(`holders search "${fixture.accountSearch}"`, { q: fixture.accountSearch }),
      {
        label: `Account holding ${account.grants.toLocaleString("en-US")} grants`,
        path: accountPath(appId, connectorId, "user", fixture.powerAccountId),
        expect: "grant-row",
        data: async () => {
          const app = (await getManagedApp(appId))!;
          const found = (await getAccount(app, connectorId, "user", fixture.powerAccountId))!;
          const runId = app.connectors.find((c) => c.id === connectorId)!.currentSyncRunId!;
          await Promise.all([
            listAccountGrants(runId, { resourceTypeId: found.resourceTypeId, externalId: found.externalId, connectorName: found.connectorName }, { dir: "asc" }, PAGE_SIZE, found.grants),
            getAccountLink({ connectorId, resourceTypeId: found.resourceTypeId, externalId: found.externalId }),
            getConnectorProvisioning(admin, connectorId),
          ]);
        },
      },
    ];
  },
};

const admin: PageGroup = {
  name: "Admin",
  cases: async ({ fixture }) => {
    const { listAuditEvents, listAuditKinds } = await import("@/lib/data/audit-log");
    const { countPeople, listPeople } = await import("@/lib/data/people");
    const { countOrphanedAccess } = await import("@/lib/data/access-gaps");
    const { PAGE_SIZE } = await import("@/lib/validation/applications");
    const { getPool } = await import("@/lib/db/client");
    const { rows: middle } = await getPool().query<{ id: string }>(`SELECT id::text FROM audit_events ORDER BY id DESC OFFSET $1 LIMIT 1`, [Math.floor(fixture.auditEvents / 2)]);
    const middlePeople = await listPeople({}, Math.floor(fixture.people / 2));
    const audit = (label: string, filter: { before?: string; kind?: string }): PageCase => ({
      label: `Audit log (${fixture.auditEvents.toLocaleString("en-US")} events): ${label}`,
      path: `/admin/audit-log${qs(filter)}`,
      expect: "audit-row",
      data: () => Promise.all([listAuditEvents(filter), listAuditKinds()]),
    });
    const people = (label: string, query: { q?: string; after?: string }): PageCase => ({
      label: `People (${fixture.people.toLocaleString("en-US")}): ${label}`,
      path: `/admin/people${qs(query)}`,
      expect: "person-row",
      data: async () => {
        await Promise.all([countPeople(), countOrphanedAccess()]);
        await listPeople(query, PAGE_SIZE);
      },
    });
    return [
      audit("newest", {}),
      audit(`older, from event ${Math.floor(fixture.auditEvents / 2).toLocaleString("en-US")}`, { before: middle[0]?.id }),
      audit(`kind "${fixture.auditKind}"`, { kind: fixture.auditKind }),
      people("first page", {}),
      people(`page at row ${Math.floor(fixture.people / 2).toLocaleString("en-US")}`, { after: middlePeople.next ?? undefined }),
      people(`search "${fixture.peopleSearch}"`, { q: fixture.peopleSearch }),
    ];
  },
};

const overview: PageGroup = {
  name: "Overview",
  cases: async ({ admin }) => {
    const { listConnectorStandings } = await import("@/lib/data/connector-states");
    const { countApps } = await import("@/lib/data/applications");
    const { grantTrends, syncedTotals } = await import("@/lib/data/overview");
    const { countPeople } = await import("@/lib/data/people");
    const { countOrphanedAccess } = await import("@/lib/data/access-gaps");
    const { listPendingSetups } = await import("@/lib/data/connectors");
    return [
      {
        label: "Overview (an admin's figures)",
        path: "/",
        expect: "overview-connectors",
        data: () => Promise.all([listPendingSetups(admin.id), listConnectorStandings(), countApps(), syncedTotals(), grantTrends(), countPeople(), countOrphanedAccess()]),
      },
    ];
  },
};

export const PAGE_GROUPS: PageGroup[] = [applications, appTabs, details, admin, overview, ...GOVERNANCE_PAGES];
