import Link from "next/link";
import { Th } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";

/**
 * A column header that sorts by this column: first click uses the column's natural
 * direction, the next one flips it. The current sort is announced with aria-sort.
 */
export function SortHeader({ label, active, dir, href, className }: { label: string; active: boolean; dir: "asc" | "desc"; href: string; className?: string }) {
  return (
    <Th aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className={className}>
      <Link href={href} className={cn("group inline-flex items-center gap-1 hover:text-slate-800", active && "text-slate-800")}>
        {label}
        <span aria-hidden="true" className={cn("text-[10px]", active ? "text-brand-600" : "text-slate-300 group-hover:text-slate-400")}>
          {active ? (dir === "asc" ? "▲" : "▼") : "▲▼"}
        </span>
      </Link>
    </Th>
  );
}
