// Page-number pagination over Cloudflare collections, one page in memory at a time, with the
// fewest requests the result_info allows and a named error when the list moves under us.
import { ConnectorError } from "../types";
import type { ResultInfo } from "./api";

export type Page<T> = { result: T[]; result_info?: ResultInfo };

/** A bound on pages so an upstream that ignores `page` cannot loop us forever (5M members). */
export const MAX_PAGES = 100_000;

/** How many pages there are, as far as result_info says; undefined when it does not. */
export function totalPages(info: ResultInfo | undefined, pageSize: number): number | undefined {
  if (info?.total_pages !== undefined) return info.total_pages;
  if (info?.total_count !== undefined) return Math.ceil(info.total_count / (info.per_page || pageSize));
  return undefined;
}

export async function* paginate<T>(what: string, pageSize: number, fetchPage: (page: number) => Promise<Page<T>>): AsyncGenerator<T[]> {
  let firstTotal: number | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { result, result_info: info } = await fetchPage(page);
    if (info?.page !== undefined && info.page !== page) {
      throw new ConnectorError("malformed_response", `Cloudflare answered page ${info.page} of ${what} when page ${page} was asked for.`);
    }
    // Offset pages shift when a member is added or removed mid-sync: rows would be skipped or
    // repeated. A changed total is the visible sign; a partial snapshot must not be committed.
    const total = info?.total_count;
    if (firstTotal === undefined) firstTotal = total;
    else if (total !== undefined && total !== firstTotal) {
      throw new ConnectorError(
        "conflict",
        `The ${what} list changed during the sync (${firstTotal} → ${total} entries); run the sync again.`,
        { retryable: true },
      );
    }
    yield result;
    const pages = totalPages(info, pageSize);
    // Without a total, a short page is the last one; an empty page always is.
    if (result.length === 0 || (pages !== undefined ? page >= pages : result.length < pageSize)) return;
  }
  throw new ConnectorError("malformed_response", `Cloudflare kept returning ${what} pages past ${MAX_PAGES}.`);
}
