// Keyset paging for the synced-data lists: a cursor is the last (or first) row's sort key
// and row id, so a page costs the same at row 50 and at row 100,000, and never uses OFFSET.
import { z } from "zod";

export type SortDirection = "asc" | "desc";
export type KeyValue = string | number;
export type PageInfo = { next: string | null; prev: string | null };
export type Page<T> = PageInfo & { rows: T[]; total: number; totalCapped: boolean };

const cursorSchema = z.tuple([z.union([z.string().max(1_000), z.number()]), z.string().regex(/^\d{1,20}$/)]);

export function encodeCursor(key: KeyValue, id: string | bigint): string {
  return Buffer.from(JSON.stringify([key, String(id)]), "utf8").toString("base64url");
}

/** Null for anything that is not a cursor this code wrote (old links, edited URLs). */
export function decodeCursor(raw: string | undefined): [KeyValue, string] | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type KeysetPlan = {
  /** SQL condition on (keyExpr, idExpr) or "TRUE", with its parameters appended from `first`. */
  where: string;
  orderBy: string;
  params: unknown[];
  /** Rows come back in reverse order (paging backwards) and must be flipped. */
  reversed: boolean;
  mode: "first" | "after" | "before";
};

/**
 * The WHERE and ORDER BY of one page. Paging backwards reads the previous rows in reverse
 * order from the cursor, then flips them, so both directions use the same index.
 */
export function planKeyset(options: { keyExpr: string; idExpr: string; dir: SortDirection; after?: string; before?: string; first: number; keyCast: string }): KeysetPlan {
  const after = decodeCursor(options.after);
  const before = after ? null : decodeCursor(options.before);
  const cursor = after ?? before;
  const forward = !before;
  const ascending = (options.dir === "asc") === forward;
  const order = ascending ? "ASC" : "DESC";
  const orderBy = `${options.keyExpr} ${order}, ${options.idExpr} ${order}`;
  if (!cursor) return { where: "TRUE", orderBy, params: [], reversed: false, mode: "first" };
  const op = ascending ? ">" : "<";
  const where = `(${options.keyExpr}, ${options.idExpr}) ${op} ($${options.first}::${options.keyCast}, $${options.first + 1}::bigint)`;
  return { where, orderBy, params: [cursor[0], cursor[1]], reversed: !forward, mode: after ? "after" : "before" };
}

/** Trims the look-ahead row, restores order, and works out the neighbouring cursors. */
export function finishPage<T>(rows: T[], plan: KeysetPlan, size: number, cursorOf: (row: T) => string): { rows: T[] } & PageInfo {
  const more = rows.length > size;
  const page = rows.slice(0, size);
  if (plan.reversed) page.reverse();
  const firstRow = page[0];
  const lastRow = page[page.length - 1];
  const hasNext = plan.mode === "before" ? true : more;
  const hasPrev = plan.mode === "before" ? more : plan.mode === "after";
  return { rows: page, next: hasNext && lastRow ? cursorOf(lastRow) : null, prev: hasPrev && firstRow ? cursorOf(firstRow) : null };
}

/** `%term%` for LIKE, with the user's own % and _ taken literally. */
export function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Counting stops here: "10,000+" is as useful as an exact figure and much cheaper. */
export const COUNT_CAP = 10_000;

/** Rows an export reads at a time: a few megabytes at most, whatever the size of the list. */
export const EXPORT_BATCH = 2_000;

/**
 * Every row of a list, a page at a time, by walking its `next` cursors: an export reads the
 * same page query as the list on screen, so it has the same rows in the same order.
 */
export async function* keysetBatches<T>(readPage: (after: string | undefined) => Promise<{ rows: T[]; next: string | null }>): AsyncGenerator<T[]> {
  let after: string | undefined;
  for (;;) {
    const page = await readPage(after);
    if (page.rows.length) yield page.rows;
    if (!page.next) return;
    after = page.next;
  }
}
