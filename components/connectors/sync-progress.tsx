import { ProgressBar } from "@/components/ui/progress-bar";
import type { ConnectorStatusPayload } from "@/lib/validation/connectors";
import { formatCount } from "./format";

type Run = NonNullable<ConnectorStatusPayload["run"]>;

const phases = ["resource-types", "resources", "entitlements", "grants", "publishing"] as const;
const phaseLabels: Record<string, string> = {
  "resource-types": "Reading resource types",
  resources: "Reading resources",
  entitlements: "Reading entitlements",
  grants: "Reading grants",
  publishing: "Publishing the snapshot",
};

/** Progress by phase: the engine streams, so totals are unknown until the end. */
export function runProgress(run: Run) {
  if (run.status === "SUCCEEDED") return 100;
  if (run.status === "QUEUED") return 3;
  const index = phases.indexOf((run.phase ?? "") as (typeof phases)[number]);
  return index < 0 ? 5 : 10 + index * 18;
}

export function runPhaseLabel(run: Run) {
  if (run.status === "QUEUED") return "Waiting for a worker";
  return phaseLabels[run.phase ?? ""] ?? "Starting";
}

export function RunCounts({ run }: { run: Run }) {
  const counts = [
    ["Accounts", run.accountsCount],
    ["Resources", run.resourcesCount],
    ["Entitlements", run.entitlementsCount],
    ["Grants", run.grantsCount],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {counts.map(([label, n]) => (
        <div key={label} className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid={`count-${label.toLowerCase().replace(" ", "-")}`}>
            {formatCount(n)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function SyncProgress({ run }: { run: Run }) {
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between text-sm">
        <span className="font-medium text-slate-800">{runPhaseLabel(run)}…</span>
        <span className="tabular-nums text-slate-500">{runProgress(run)}%</span>
      </div>
      <ProgressBar value={runProgress(run)} label="Sync progress" />
      <RunCounts run={run} />
    </div>
  );
}
