// Reading request bodies under a size limit, counted while they stream: a Content-Length over
// the limit is refused before a byte is read, and a body without one (chunked, or lying) is cut
// off the moment it passes the limit. Nothing buffers more than the limit.
import { syncRecordSchema } from "./sync-record-schema";
import type { SyncRecord } from "@/lib/connectors/types";

export type UploadErrorKind = "too_large" | "invalid_upload" | "unsupported_media_type";

/** A refusal of the body itself; `status` is the HTTP status the API answers with. */
export class UploadError extends Error {
  name = "UploadError";
  constructor(
    readonly kind: UploadErrorKind,
    message: string,
  ) {
    super(message);
  }
  get status() {
    return this.kind === "too_large" ? 413 : this.kind === "unsupported_media_type" ? 415 : 400;
  }
}

const MiB = 1024 * 1024;
const describeSize = (bytes: number) => (bytes >= MiB ? `${Math.round(bytes / MiB)} MiB` : `${bytes} bytes`);

export function tooLarge(what: string, limit: number) {
  return new UploadError("too_large", `The ${what} is larger than the ${describeSize(limit)} accepted.`);
}

/** Chunks of a web stream (the DOM typings lack its async iterator); cancels it on early exit. */
export async function* iterateStream<T>(stream: ReadableStream<T>): AsyncGenerator<T> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Refuses early when the declared length is already over the limit. */
export function checkDeclaredLength(request: Request, limit: number, what: string) {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(what, limit);
}

/** Passes chunks through, failing the stream as soon as more than `limit` bytes went by. */
export function limitStream(limit: number, what: string): TransformStream<Uint8Array, Uint8Array> {
  let seen = 0;
  return new TransformStream({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > limit) controller.error(tooLarge(what, limit));
      else controller.enqueue(chunk);
    },
  });
}

/** The whole body, for formats that need it in memory (a .c1z is a SQLite file). */
export async function readLimitedBody(request: Request, limit: number, what: string): Promise<Uint8Array> {
  checkDeclaredLength(request, limit, what);
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of iterateStream(request.body.pipeThrough(limitStream(limit, what)))) {
    chunks.push(chunk);
    size += chunk.byteLength;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

export type NdjsonLimits = { maxWireBytes: number; maxBytes: number; maxLineBytes: number };

/**
 * The records of an NDJSON body (gzip when Content-Encoding says so), validated line by line.
 * Lazily pulled: the sync path reads one batch at a time, so memory stays at one line plus
 * the stream's buffers whatever the size of the upload.
 */
export async function* readNdjsonRecords(request: Request, limits: NdjsonLimits): AsyncGenerator<SyncRecord> {
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "gzip") throw new UploadError("unsupported_media_type", `Content-Encoding ${encoding} is not supported: send gzip or nothing.`);
  checkDeclaredLength(request, limits.maxWireBytes, "upload");
  if (!request.body) throw new UploadError("invalid_upload", "The upload is empty: send one sync record per line.");
  let stream: ReadableStream<Uint8Array> = request.body.pipeThrough(limitStream(limits.maxWireBytes, "upload"));
  if (encoding === "gzip") stream = stream.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
  const text = stream.pipeThrough(limitStream(limits.maxBytes, "decompressed upload")).pipeThrough(new TextDecoderStream("utf-8", { fatal: true }) as unknown as TransformStream<Uint8Array, string>);

  let pending = "";
  let line = 0;
  let records = 0;
  const parse = (raw: string): SyncRecord | undefined => {
    line += 1;
    if (raw.trim() === "") return undefined;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new UploadError("invalid_upload", `Line ${line} is not JSON: the upload must hold one sync record per line (NDJSON).`);
    }
    const parsed = syncRecordSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UploadError("invalid_upload", `Line ${line} is not a sync record: ${issue?.path.join(".") || "record"}: ${issue?.message ?? "invalid"}.`);
    }
    records += 1;
    return parsed.data;
  };
  try {
    for await (const chunk of iterateStream(text)) {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const raw of lines) {
        const record = parse(raw);
        if (record) yield record;
      }
      if (pending.length > limits.maxLineBytes) throw new UploadError("too_large", `Line ${line + 1} is longer than ${describeSize(limits.maxLineBytes)}.`);
    }
  } catch (error) {
    if (error instanceof UploadError) throw error;
    // Only reading and parsing happen in this block (a consumer's errors are not thrown into a
    // generator): broken gzip, bytes that are not UTF-8, a body cut short. The file is at fault.
    throw new UploadError("invalid_upload", `The upload cannot be read: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const last = parse(pending);
  if (last) yield last;
  if (records === 0) throw new UploadError("invalid_upload", "The upload holds no sync records.");
}
