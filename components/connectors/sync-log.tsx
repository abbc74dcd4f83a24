import { cn } from "@/components/ui/cn";

export type LogLine = { id: string; at: Date; level: string; message: string };

const levelClass: Record<string, string> = { error: "text-red-300", warn: "text-amber-300", info: "text-slate-200", debug: "text-slate-400" };

/** A run's log lines, as a terminal would show them. */
export function SyncLog({ lines }: { lines: LogLine[] }) {
  if (lines.length === 0) return <p className="px-5 py-4 text-sm text-slate-500">No log lines for this run yet.</p>;
  return (
    <ol aria-label="Log lines" className="max-h-[32rem] overflow-auto rounded-b-lg bg-slate-900 px-5 py-4 font-mono text-xs leading-relaxed">
      {lines.map((line) => (
        <li key={line.id} className="flex gap-3 whitespace-pre-wrap" data-testid="log-line">
          <time className="shrink-0 text-slate-500" dateTime={line.at.toISOString()}>
            {line.at.toISOString().slice(11, 19)}
          </time>
          <span className={cn("w-10 shrink-0 uppercase", levelClass[line.level] ?? "text-slate-200")}>{line.level}</span>
          <span className={levelClass[line.level] ?? "text-slate-200"}>{line.message}</span>
        </li>
      ))}
    </ol>
  );
}
