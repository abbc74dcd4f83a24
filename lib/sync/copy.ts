// COPY ... FROM STDIN on a plain pg client, without another dependency: pg runs any object
// with submit() and the handle* callbacks as a query (its "Submittable" interface), which is
// how pg-copy-streams works too. One COPY statement per batch keeps it simple and lets one
// connection interleave the four snapshot tables.
import type pg from "pg";

type CopyConnection = {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
};

class CopyFromText {
  private settled = false;
  rowCount = 0;

  constructor(
    readonly text: string,
    private readonly payload: string,
    private readonly done: (error: Error | undefined, rowCount: number) => void,
  ) {}

  submit(connection: CopyConnection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection) {
    // Large payloads go in slices: the protocol caps one CopyData message at 1 GB, and
    // slices let the socket start sending before the whole buffer is encoded.
    const buffer = Buffer.from(this.payload, "utf8");
    for (let offset = 0; offset < buffer.length; offset += 1 << 20) connection.sendCopyFromChunk(buffer.subarray(offset, offset + (1 << 20)));
    connection.endCopyFrom();
  }

  handleCommandComplete(message: { text?: string }) {
    const match = /COPY (\d+)/.exec(message.text ?? "");
    this.rowCount = match ? Number(match[1]) : 0;
  }

  // pg drops a query from its active slot when the error arrives (before ReadyForQuery), so
  // the error must settle the promise here, as pg's own Query does.
  handleError(error: Error) {
    this.settle(error);
  }

  handleReadyForQuery() {
    this.settle(undefined);
  }

  private settle(error: Error | undefined) {
    if (this.settled) return;
    this.settled = true;
    this.done(error, this.rowCount);
  }

  // Never sent for COPY FROM STDIN; present because pg calls whatever the message asks for.
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Runs `COPY <table> (<columns>) FROM STDIN` with text-format rows; resolves to the row count. */
export function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], payload: string): Promise<number> {
  const text = `COPY ${table} (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`;
  return new Promise((resolve, reject) => {
    const submittable = new CopyFromText(text, payload, (error, rowCount) => (error ? reject(error) : resolve(rowCount)));
    (client as unknown as { query(s: CopyFromText): unknown }).query(submittable);
  });
}

// ---- Text format encoding (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.2)

const SPECIAL = /[\\\t\n\r\0]/;

function escapeText(value: string): string {
  if (!SPECIAL.test(value)) return value;
  // PostgreSQL text cannot hold NUL at all: an upstream's stray \0 is dropped, not fatal.
  return value.replace(/\0/g, "").replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

export type CopyValue = string | number | boolean | null | undefined | readonly string[] | Record<string, unknown>;

/** An array literal, `{"a","b"}`: every element quoted, so commas and braces need no thought. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

export function encodeValue(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return escapeText(value);
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return escapeText(arrayLiteral(value as readonly string[]));
  // jsonb refuses \u0000 as well.
  return escapeText(JSON.stringify(value).replace(/(?<!\\)\\u0000/g, ""));
}

/** One row, tab-separated, newline-terminated. */
export function encodeRow(values: readonly CopyValue[]): string {
  let line = "";
  for (let index = 0; index < values.length; index++) {
    if (index > 0) line += "\t";
    line += encodeValue(values[index]);
  }
  return line + "\n";
}
