import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";

function PageLink({ href, label, children }: { href: string | null; label: string; children: ReactNode }) {
  const base = "inline-flex h-8 items-center gap-1 rounded-md px-3 text-sm font-medium ring-1 ring-inset";
  if (!href) {
    return (
      <span aria-disabled="true" className={cn(base, "cursor-not-allowed text-slate-300 ring-slate-200")}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} aria-label={label} className={cn(base, "bg-white text-slate-700 shadow-sm ring-slate-300 hover:bg-slate-50")}>
      {children}
    </Link>
  );
}

/** Previous / Next links for keyset paging, with a summary ("50 of 100,100 accounts"). */
export function Pagination({ summary, prevHref, nextHref, label = "Pages" }: { summary: ReactNode; prevHref: string | null; nextHref: string | null; label?: string }) {
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-4 border-t border-slate-200 px-4 py-3">
      <p className="text-sm text-slate-500">{summary}</p>
      <div className="flex gap-2">
        <PageLink href={prevHref} label="Previous page">
          <span aria-hidden="true">←</span> Previous
        </PageLink>
        <PageLink href={nextHref} label="Next page">
          Next <span aria-hidden="true">→</span>
        </PageLink>
      </div>
    </nav>
  );
}
