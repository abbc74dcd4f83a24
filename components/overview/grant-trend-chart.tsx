import Link from "next/link";

/** One app's grant counts, oldest sync first. */
export type GrantSeries = { id: string; appId: string; appName: string; grants: number[] };

const W = 160;
const H = 36;

/** The polyline of one app's grant counts, scaled to its own range (a flat line when unchanged). */
function path(points: number[]) {
  if (points.length === 1) return `0,${H / 2} ${W},${H / 2}`;
  const min = Math.min(...points);
  const max = Math.max(...points);
  const span = max - min || 1;
  return points.map((v, i) => `${((i / (points.length - 1)) * W).toFixed(1)},${(max === min ? H / 2 : H - 2 - ((v - min) / span) * (H - 4)).toFixed(1)}`).join(" ");
}

/**
 * Grants per app over its last syncs: a sparkline per app, no chart library. Each is an image
 * with a text alternative saying what it shows (first, last, lowest and highest figures).
 */
export function GrantTrendChart({ trends }: { trends: GrantSeries[] }) {
  return (
    <ul className="divide-y divide-slate-100" aria-label="Grants per app over the last syncs">
      {trends.map((t) => {
        const values = t.grants;
        const first = values[0] ?? 0;
        const last = values[values.length - 1] ?? 0;
        const label = `${t.appName}: ${values.length} ${values.length === 1 ? "sync" : "syncs"}, grants from ${first.toLocaleString("en-US")} to ${last.toLocaleString("en-US")} (lowest ${Math.min(...values).toLocaleString("en-US")}, highest ${Math.max(...values).toLocaleString("en-US")})`;
        return (
          <li key={t.id} className="flex items-center justify-between gap-4 py-2">
            <Link href={`/applications/${t.appId}`} className="min-w-0 truncate text-sm font-medium text-brand-700 hover:underline">
              {t.appName}
            </Link>
            <div className="flex shrink-0 items-center gap-3">
              <svg role="img" aria-label={label} width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="overflow-visible text-brand-600">
                <title>{label}</title>
                <polyline points={path(values)} fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinejoin="round" strokeLinecap="round" />
              </svg>
              <span className="w-20 text-right text-sm tabular-nums text-slate-700">{last.toLocaleString("en-US")}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
