import type { Metadata } from "next";
import Link from "next/link";
import { describeAttention, formatDateTime } from "@/components/connectors/format";
import { PendingSetups } from "@/components/connectors/pending-setups";
import { GrantTrendChart } from "@/components/overview/grant-trend-chart";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import type { Tone } from "@/components/ui/badge";
import { requireUser } from "@/lib/auth";
import { countOrphanedAccess } from "@/lib/data/access-gaps";
import { countApps } from "@/lib/data/applications";
import { connectorStateLabels, connectorStates, listConnectorStandings, type ConnectorStanding, type ConnectorState } from "@/lib/data/connector-states";
import { listPendingSetups } from "@/lib/data/connectors";
import { grantTrends, syncedTotals, TREND_SYNCS } from "@/lib/data/overview";
import { countPeople } from "@/lib/data/people";

export const metadata: Metadata = { title: "Overview" };

const stateTones: Record<ConnectorState, Tone> = { "credential-expired": "red", failing: "red", "runner-not-seen": "amber", waiting: "amber", syncing: "blue", connected: "green", disabled: "neutral" };

/** "+12 / −3 since the previous sync", or nothing before a connector's second sync. */
function change(added: number | null, removed: number | null) {
  if (added === null || removed === null) return undefined;
  return `+${added.toLocaleString("en-US")} / −${removed.toLocaleString("en-US")} since the previous sync`;
}

/** Failing connectors first, with how long and their last good sync; then credentials about to expire. */
function Attention({ standings, now }: { standings: ConnectorStanding[]; now: Date }) {
  const failing = standings.flatMap((s) => {
    const attention = describeAttention(s, now);
    return attention ? [{ ...s, ...attention }] : [];
  }).slice(0, 5);
  if (failing.length === 0) return <p className="text-sm text-slate-600">Every connector is syncing as it should.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Connectors that need attention">
      {failing.map((s) => (
        <li key={s.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2" data-testid="attention-row">
          <span>
            <Link href={`/admin/connectors/${s.id}`} className="font-medium text-brand-700 hover:underline">
              {s.displayName}
            </Link>
            <span className="text-sm text-slate-600"> · {s.appName}</span>
          </span>
          <span className="text-sm text-slate-600">
            <span className={s.urgent ? "font-medium text-red-700" : "font-medium text-amber-800"}>{s.words}</span>
            {" · "}last successful sync {s.lastSuccessAt ? formatDateTime(s.lastSuccessAt) : "never"}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default async function OverviewPage() {
  const user = await requireUser();
  const admin = user.role !== "USER";
  const now = new Date();
  const [pending, standings] = await Promise.all([listPendingSetups(user.id), listConnectorStandings(admin ? {} : { ownerId: user.id })]);
  const header = <PageHeader title={`Welcome, ${user.name.split(" ")[0]}`} description="Is everything all right? Each figure opens the list behind it." />;
  const pendingCard = <PendingSetups items={pending.map((c) => ({ id: c.id, displayName: c.displayName, appName: c.application.name, assignedBy: c.createdBy?.name ?? null, createdAt: c.createdAt }))} />;

  if (!admin) {
    return (
      <>
        {header}
        {pendingCard}
        <Card>
          <CardHeader title="Connectors you own" description="Their owners are asked when a set-up or a failure needs a person." />
          {standings.length === 0 ? (
            <EmptyState title="You own no connectors" description="An admin makes you an owner when you add or manage an app's connector." />
          ) : (
            <CardBody>
              <Attention standings={standings} now={now} />
              <ul className="mt-3 divide-y divide-slate-100" aria-label="Connectors you own">
                {standings.map((s) => (
                  <li key={s.id} className="flex items-center justify-between gap-3 py-2">
                    <Link href={`/admin/connectors/${s.id}`} className="font-medium text-brand-700 hover:underline">
                      {s.displayName}
                    </Link>
                    <span className="text-sm text-slate-600">{connectorStateLabels[s.state]}</span>
                  </li>
                ))}
              </ul>
            </CardBody>
          )}
        </Card>
      </>
    );
  }

  const [apps, totals, trends, people, orphaned] = await Promise.all([countApps(), syncedTotals(), grantTrends(), countPeople(), countOrphanedAccess()]);
  const byState = (state: ConnectorState) => standings.filter((s) => s.state === state).length;
  return (
    <>
      {header}
      {pendingCard}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card data-testid="overview-connectors">
          <CardHeader
            title="Connectors"
            description={standings.length === 0 ? "No connector yet." : `${standings.length.toLocaleString("en-US")} in all.`}
            actions={
              <ButtonLink href="/admin/connectors/new" size="sm" variant="secondary">
                Add connector
              </ButtonLink>
            }
          />
          <CardBody className="space-y-4">
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
              {connectorStates.map((state) => (
                <Stat key={state} label={connectorStateLabels[state]} value={byState(state)} tone={stateTones[state]} href={`/admin/connectors?state=${state}`} testId={`stat-connectors-${state}`} />
              ))}
            </div>
            {standings.length > 0 && <Attention standings={standings} now={now} />}
          </CardBody>
        </Card>

        <Card data-testid="overview-access">
          <CardHeader title="Apps and access" description="From every connector's current snapshot." />
          <CardBody className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            <Stat label="Managed apps" value={apps.managed} href="/applications" testId="stat-managed-apps" />
            <Stat label="Unmanaged apps" value={apps.unmanaged} href="/applications?tab=unmanaged" testId="stat-unmanaged-apps" />
            <Stat label="Accounts" value={totals.accounts} href="/applications" detail={change(totals.accountsAdded, totals.accountsRemoved)} testId="stat-accounts" />
            <Stat label="Entitlements" value={totals.entitlements} href="/applications" testId="stat-entitlements" />
            <Stat label="Grants" value={totals.grants} href="/applications" detail={change(totals.grantsAdded, totals.grantsRemoved)} testId="stat-grants" />
          </CardBody>
        </Card>

        <Card data-testid="orphaned-access-card">
          <CardHeader
            title="People and orphaned access"
            description={
              people === 0
                ? "Connect your identity provider (Okta) to see who still has access after leaving."
                : orphaned === 0
                  ? "No suspended or deactivated person has an active account in any app."
                  : `${orphaned.toLocaleString("en-US")} active ${orphaned === 1 ? "account belongs" : "accounts belong"} to people who are suspended or deactivated in the identity provider.`
            }
          />
          <CardBody>
            {people === 0 ? (
              <ButtonLink href="/admin/connectors/new" variant="secondary">
                Add connector
              </ButtonLink>
            ) : (
              <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
                <Stat label="Orphaned access" value={orphaned} tone="amber" href="/admin/people?tab=orphaned" testId="stat-orphaned" />
                <Stat label="Unmatched accounts" value={totals.unmatched} tone="amber" href="/admin/people?tab=unmatched" testId="stat-unmatched" />
                <Stat label="People" value={people} href="/admin/people" testId="stat-people" />
              </div>
            )}
          </CardBody>
        </Card>

        <Card data-testid="overview-trends">
          <CardHeader title="Grants per app" description={`Each managed app's grants over its last ${TREND_SYNCS} successful syncs.`} />
          {trends.length === 0 ? (
            <EmptyState title="No syncs yet" description="After a connector's first sync its grants appear here." />
          ) : (
            <CardBody className="py-2">
              <GrantTrendChart trends={trends.map((t) => ({ id: t.connectorId, appId: t.appId, appName: t.appName, grants: t.grants }))} />
            </CardBody>
          )}
        </Card>
      </div>
    </>
  );
}
