import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";
import type { Tone } from "./badge";

const valueTones: Record<Tone, string> = {
  neutral: "text-slate-900",
  brand: "text-brand-700",
  green: "text-emerald-700",
  amber: "text-amber-700",
  red: "text-red-700",
  blue: "text-sky-700",
};

/**
 * One figure of a dashboard, as a link to the list behind it. The whole tile is the link, so
 * it is one tab stop, and its accessible name reads "12 Connected" rather than two fragments.
 */
export function Stat({ label, value, href, tone = "neutral", detail, testId }: { label: string; value: number; href: string; tone?: Tone; detail?: ReactNode; testId?: string }) {
  return (
    <Link
      href={href}
      data-testid={testId}
      className="group block rounded-md px-3 py-2 ring-1 ring-inset ring-slate-200 transition-colors hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
    >
      <span className={cn("block text-2xl font-semibold tabular-nums", value > 0 ? valueTones[tone] : "text-slate-900")}>{value.toLocaleString("en-US")}</span>
      <span className="block text-sm text-slate-600 group-hover:text-slate-900">{label}</span>
      {detail && <span className="mt-0.5 block text-xs text-slate-500">{detail}</span>}
    </Link>
  );
}
