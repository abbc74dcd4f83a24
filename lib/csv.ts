// CSV exports: RFC 4180 cells, neutralised against formula injection, streamed as a download.
//
// Formula injection, as OWASP's "CSV Injection" page puts it: a cell that begins with `=`, `+`,
// `-`, `@`, tab (0x09) or carriage return (0x0D) may run as a formula when the file is opened in
// a spreadsheet, so such a cell gets a leading single quote and is then read as text. A
// separator or a quote inside a cell could start a new cell whose first character is one of
// those, so a cell holding a separator (`,`, or `;` where a spreadsheet's locale splits on it,
// tab), a quote (`"` or `'`) or a line break is wrapped in double quotes, each `"` doubled.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;'\t\n\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]) {
  return values.map(csvCell).join(",") + "\r\n";
}

/**
 * `attachment` with an ASCII file name every browser keeps, and the exact one (RFC 6266's
 * `filename*`) for those that read it: app names may hold quotes, slashes or any script.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\/%;]/g, "-").replace(/\s+/g, "-") || "export.csv";
  // RFC 5987 leaves ' ( ) * out of a value; encodeURIComponent does not escape them.
  const exact = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/** A name fit for a file: lower case, words joined by dashes, at most 60 characters. */
export function fileSlug(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "export"
  );
}

/** Today as YYYY-MM-DD (UTC), the suffix of every export's file name. */
export const exportDay = () => new Date().toISOString().slice(0, 10);

/**
 * A CSV download streamed from batches of rows. The next batch is read only when the client
 * has taken the previous one (`pull`), so a slow download holds one batch in memory, not the
 * whole set; a cancelled download stops the reads.
 */
export function csvResponse<T>(options: { filename: string; header: string[]; batches: AsyncGenerator<T[]>; row: (item: T) => unknown[] }): Response {
  const encoder = new TextEncoder();
  const { batches, row } = options;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(options.header)));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((item) => csvRow(row(item))).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": attachmentDisposition(options.filename), "cache-control": "no-store" },
  });
}
