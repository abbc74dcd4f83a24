// The links of a paged, sortable list: every link is the list's URL with its state (tab,
// search, sort) and at most one cursor. Sorting or searching starts again from the top.
import { withQuery } from "@/lib/validation/applications";

type ListState = { q?: string; sort?: string; dir: "asc" | "desc" };

export function listLinks(path: string, fixed: Record<string, string | undefined>, state: ListState, natural: Record<string, "asc" | "desc">) {
  const defaultSort = Object.keys(natural)[0];
  const sort = state.sort ?? defaultSort;
  const common = {
    ...fixed,
    q: state.q,
    sort: sort === defaultSort ? undefined : sort,
    dir: state.dir === natural[sort] ? undefined : state.dir,
  };
  return {
    page: (cursor: { after?: string | null; before?: string | null }) =>
      cursor.after || cursor.before ? withQuery(path, { ...common, after: cursor.after, before: cursor.before }) : null,
    sortBy: (column: string) => {
      const dir = column === sort ? (state.dir === "asc" ? "desc" : "asc") : natural[column];
      return withQuery(path, { ...fixed, q: state.q, sort: column === defaultSort ? undefined : column, dir: dir === natural[column] ? undefined : dir });
    },
  };
}
