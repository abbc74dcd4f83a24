import Link from "next/link";
import { cn } from "./cn";

/** Tabs as links: each tab is a URL, so it can be shared, reloaded and opened in a new tab. */
export function LinkTabs({ tabs, active, label }: { tabs: { id: string; label: string; href: string; count?: number }[]; active: string; label: string }) {
  return (
    <nav aria-label={label} className="mb-5 border-b border-slate-200">
      <ul className="-mb-px flex gap-6">
        {tabs.map((tab) => {
          const current = tab.id === active;
          return (
            <li key={tab.id}>
              <Link
                href={tab.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-flex items-center gap-2 border-b-2 px-1 pb-3 pt-1 text-sm font-medium",
                  current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-700",
                )}
              >
                {tab.label}
                {tab.count !== undefined && <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">{tab.count.toLocaleString("en-US")}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
