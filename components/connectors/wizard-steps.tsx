import { cn } from "@/components/ui/cn";

const steps = ["Choose a connector", "App and owners", "Settings"];

/** Where the admin is in the Add connector journey (the settings step is on the connector page). */
export function WizardSteps({ current }: { current: 1 | 2 | 3 }) {
  return (
    <ol aria-label="Add connector steps" className="mb-6 flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
      {steps.map((label, index) => {
        const n = index + 1;
        const state = n < current ? "done" : n === current ? "current" : "todo";
        return (
          <li key={label} aria-current={state === "current" ? "step" : undefined} className="flex items-center gap-2">
            <span
              className={cn(
                "flex size-6 items-center justify-center rounded-full text-xs font-semibold",
                state === "done" && "bg-brand-600 text-white",
                state === "current" && "bg-white text-brand-700 ring-2 ring-brand-600",
                state === "todo" && "bg-slate-100 text-slate-500",
              )}
            >
              {n}
            </span>
            <span className={cn(state === "current" ? "font-medium text-slate-900" : "text-slate-500")}>{label}</span>
          </li>
        );
      })}
    </ol>
  );
}
