import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

/**
 * A native radio in a bordered card: arrow keys move between the cards of a group, and the
 * checked one is outlined. `children` (e.g. the chosen option's own fields) sit in the card
 * but outside the label, so they do not become part of the radio's accessible name.
 */
export function RadioCard({ label, description, className, children, ...input }: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: ReactNode; description?: ReactNode; children?: ReactNode }) {
  return (
    <div
      className={cn(
        "rounded-lg bg-white ring-1 ring-slate-200 transition-colors",
        "has-[>label>input:checked]:bg-brand-50/40 has-[>label>input:checked]:ring-2 has-[>label>input:checked]:ring-brand-600",
        "has-[>label>input:disabled]:opacity-60",
        className,
      )}
    >
      <label className="flex cursor-pointer items-start gap-3 rounded-lg p-4 hover:bg-slate-50/60 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-600">
        <input type="radio" className="mt-0.5 size-4 shrink-0 accent-brand-600 focus-visible:outline-none" {...input} />
        <span className="min-w-0 flex-1">
          <span className="block text-sm font-medium text-slate-900">{label}</span>
          {description && <span className="mt-0.5 block text-sm text-slate-500">{description}</span>}
        </span>
      </label>
      {children && <div className="px-4 pb-4 pl-11">{children}</div>}
    </div>
  );
}
