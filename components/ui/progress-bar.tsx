import { cn } from "./cn";

/** A labelled progress bar. Without a value it is indeterminate (a moving stripe). */
export function ProgressBar({ value, label, className }: { value?: number; label: string; className?: string }) {
  const clamped = value === undefined ? undefined : Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      <div
        className={cn("h-full rounded-full bg-brand-600 transition-[width] duration-500 ease-out", clamped === undefined && "w-1/3 animate-pulse")}
        style={clamped === undefined ? undefined : { width: `${clamped}%` }}
      />
    </div>
  );
}
