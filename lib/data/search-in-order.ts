// A search shown in name order (`LIKE '%term%'` backed by a trigram index, ORDER BY name,
// LIMIT a page) has no single plan that is good for every term. Walking the name index is
// instant when many rows match and reads the whole table when few do: the planner assumes
// matches are spread evenly, so "milo" walked 75,000 of 100,000 people to find its first.
// The trigram index is instant when few rows match and sorts the whole table when many do.
// So: walk a bounded window of the name order first; a full page there means the term is
// common and we are done. A window with some matches but not a page's worth tells how dense
// they are: one more window, sized to hold a page at that density (at most SEARCH_WINDOW_MAX
// rows), usually fills it. Otherwise the term is rare, and its trigram matches, few by then,
// are read in one bitmap scan and sorted.

/** Rows of the name order read before deciding a term is rare: ~2 ms of index walk. */
export const SEARCH_WINDOW = 2_000;
/** The largest second window: beyond it the trigram read is the cheaper one. */
export const SEARCH_WINDOW_MAX = 20_000;

export type SearchInOrder = {
  /** The table and its alias, e.g. `people p`; every expression below uses that alias. */
  from: string;
  /** Conditions besides the search (filters), or "TRUE". */
  filter: string;
  /** The search condition, e.g. `(lower(p.display_name) || …) LIKE $1`. */
  match: string;
  /** The keyset condition of the page, or "TRUE". */
  cursor: string;
  orderBy: string;
  /** Rows wanted (a page and its look-ahead row). */
  limit: number;
};

/** Every row a source yields carries this column: the number of matches, when known. */
export type SearchHits = { search_hits: string | number | null };

/**
 * Runs `read` with a source subquery (aliased as the table is) yielding the page's rows in
 * order, each with `search_hits`: the window first, then, if it did not fill the page, the
 * trigram matches. `hits` is the number of matches when the second read has counted them
 * (all of them are in hand by then, so the caller need not count again), else null.
 */
export async function searchInOrder<R extends SearchHits>(o: SearchInOrder, read: (source: string) => Promise<R[]>): Promise<{ rows: R[]; hits: number | null }> {
  const alias = o.from.trim().split(/\s+/).pop();
  const window = (size: number) => `SELECT *, NULL::bigint AS search_hits FROM (SELECT * FROM ${o.from} WHERE ${o.filter} AND ${o.cursor} ORDER BY ${o.orderBy} LIMIT ${size}) ${alias}
                   WHERE ${o.match} ORDER BY ${o.orderBy} LIMIT ${o.limit}`;
  const rows = await read(window(SEARCH_WINDOW));
  if (rows.length >= o.limit) return { rows, hits: null };
  // Half again the rows the first window's density says a page needs.
  const wider = Math.ceil((SEARCH_WINDOW * o.limit * 1.5) / Math.max(rows.length, 1));
  if (rows.length > 0 && wider <= SEARCH_WINDOW_MAX) {
    const more = await read(window(wider));
    if (more.length >= o.limit) return { rows: more, hits: null };
  }
  // MATERIALIZED keeps the planner from walking the name index again for the ORDER BY.
  const rare = `WITH hits AS MATERIALIZED (SELECT * FROM ${o.from} WHERE ${o.filter} AND ${o.match})
                SELECT *, (SELECT count(*) FROM hits) AS search_hits FROM hits ${alias} WHERE ${o.cursor} ORDER BY ${o.orderBy} LIMIT ${o.limit}`;
  const found = await read(rare);
  const counted = found[0]?.search_hits;
  return { rows: found, hits: counted != null ? Number(counted) : o.cursor === "TRUE" ? 0 : null };
}
