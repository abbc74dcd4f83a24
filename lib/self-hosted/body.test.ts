// Upload bodies: NDJSON line by line (gzip or not), every line a valid SyncRecord, and size
// limits counted while streaming, also when no Content-Length says how much is coming.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { readLimitedBody, readNdjsonRecords, UploadError, type NdjsonLimits } from "./body";

const limits: NdjsonLimits = { maxWireBytes: 1 << 20, maxBytes: 1 << 20, maxLineBytes: 4096 };
const user: SyncRecord = { type: "resourceType", id: "user", displayName: "User", traits: ["user"] };
const alice: SyncRecord = { type: "resource", resourceTypeId: "user", id: "alice", displayName: "Alice", user: { email: "a@example.com", status: "enabled" } };

/** A request whose body arrives in chunks and declares no length. */
function streamed(chunks: (string | Uint8Array)[], headers: Record<string, string> = {}) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
  return new Request("http://x/api/v1/uploads", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

async function collect(request: Request, l = limits) {
  const out: SyncRecord[] = [];
  for await (const record of readNdjsonRecords(request, l)) out.push(record);
  return out;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UploadError);
  return error as UploadError;
}

describe("NDJSON uploads", () => {
  it("yields records split anywhere across chunks, blank lines and a missing final newline allowed", async () => {
    const text = `${JSON.stringify(user)}\n\n${JSON.stringify(alice)}`;
    expect(await collect(streamed([text.slice(0, 7), text.slice(7, 50), text.slice(50)]))).toEqual([user, alice]);
  });

  it("reads gzip when Content-Encoding says so, and refuses other encodings", async () => {
    const gz = gzipSync(`${JSON.stringify(user)}\n${JSON.stringify(alice)}\n`);
    expect(await collect(streamed([gz.subarray(0, 10), gz.subarray(10)], { "content-encoding": "gzip" }))).toEqual([user, alice]);
    expect((await refusal(collect(streamed(["x"], { "content-encoding": "br" })))).status).toBe(415);
    expect((await refusal(collect(streamed(["not gzip"], { "content-encoding": "gzip" })))).kind).toBe("invalid_upload");
  });

  it("names the line that is not JSON or not a sync record", async () => {
    expect((await refusal(collect(streamed([`${JSON.stringify(user)}\n{oops\n`])))).message).toMatch(/^Line 2 is not JSON/);
    const bad = await refusal(collect(streamed([`${JSON.stringify({ ...alice, type: "account" })}\n`])));
    expect(bad.message).toMatch(/^Line 1 is not a sync record/);
    expect((await refusal(collect(streamed([`${JSON.stringify({ type: "grant", id: "g" })}\n`])))).status).toBe(400);
    expect((await refusal(collect(streamed(["\n\n"])))).message).toMatch(/no sync records/);
  });

  it("refuses bytes that are not UTF-8", async () => {
    expect((await refusal(collect(streamed([Uint8Array.of(0xff, 0xfe, 0x0a)])))).kind).toBe("invalid_upload");
  });

  it("cuts off an upload over the limit while it streams, with or without a Content-Length", async () => {
    const line = `${JSON.stringify(alice)}\n`;
    const small = { ...limits, maxWireBytes: line.length * 3 };
    const error = await refusal(collect(streamed(Array<string>(10).fill(line)), small));
    expect(error.status).toBe(413);
    const declared = new Request("http://x/", { method: "POST", body: "x", headers: { "content-length": String(small.maxWireBytes + 1) } });
    expect((await refusal(collect(declared, small))).status).toBe(413);
    // A small gzip that inflates past the limit is cut off too.
    const bomb = gzipSync(line.repeat(1000));
    expect((await refusal(collect(streamed([bomb], { "content-encoding": "gzip" }), { ...limits, maxBytes: line.length * 10 }))).status).toBe(413);
    expect((await refusal(collect(streamed(["x".repeat(5000)]), limits))).status).toBe(413);
  });
});

describe("whole bodies", () => {
  it("are read up to the limit and refused beyond it", async () => {
    expect(await readLimitedBody(streamed(["abc", "def"]), 6, "file")).toEqual(new TextEncoder().encode("abcdef"));
    const error = await refusal(readLimitedBody(streamed(["abc", "defg"]), 6, "file"));
    expect(error).toMatchObject({ status: 413, message: "The file is larger than the 6 bytes accepted." });
  });
});
