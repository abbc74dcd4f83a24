import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";

export type PagedListProps = {
  /** Omitted where a list cannot be searched. */
  search?: { action: string; value?: string; placeholder: string; label: string; keep?: Record<string, string | undefined> };
  /** "100,100 accounts", shown beside the search box. */
  total: ReactNode;
  prevHref: string | null;
  nextHref: string | null;
  isEmpty: boolean;
  empty: ReactNode;
  children: ReactNode;
  title?: ReactNode;
  /** Beside the total, such as the list's Export CSV. */
  actions?: ReactNode;
};

/** A searchable, paged table in a card: the shape of every synced-data list. */
export function PagedList({ search, total, prevHref, nextHref, isEmpty, empty, children, title, actions }: PagedListProps) {
  return (
    <Card>
      {title && <div className="border-b border-slate-200 px-4 pt-4 pb-3 text-base font-semibold text-slate-900">{title}</div>}
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        {search ? <SearchForm {...search} /> : <span />}
        <div className="flex items-center gap-3">
          <p className="text-sm text-slate-500" data-testid="list-total">
            {total}
          </p>
          {actions}
        </div>
      </div>
      {isEmpty ? empty : children}
      {!isEmpty && (prevHref || nextHref) && <Pagination summary={total} prevHref={prevHref} nextHref={nextHref} />}
    </Card>
  );
}
