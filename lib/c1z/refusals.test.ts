import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import initSqlJs from "sql.js";
import { describe, expect, it } from "vitest";
import { C1zError, inspectC1z, readC1zFile, type C1zErrorKind, type C1zOptions } from "./index";
import { DEFAULT_LIMITS, unpackC1z } from "./format";
import { c1z, concat, PINGFED, zstdRaw, zstdRleBomb } from "./test-support";

async function expectRefused(bytes: Uint8Array, kind: C1zErrorKind, message: RegExp, options: C1zOptions = {}) {
  const error = await inspectC1z(bytes, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(C1zError);
  expect((error as C1zError).kind).toBe(kind);
  expect((error as C1zError).message).toMatch(message);
}

const fixture = () => readC1zFile(PINGFED);
const database = async () => unpackC1z(await fixture(), DEFAULT_LIMITS);

describe("format versions", () => {
  it("refuses a v3 (Pebble) file and says how to get a v1 one", async () => {
    await expectRefused(c1z(Uint8Array.of(0, 0, 0, 9, 1, 2, 3), "C1Z3\0"), "unsupported_version", /--storage-engine sqlite/);
  });

  it("refuses an unknown future version", async () => {
    await expectRefused(c1z(new Uint8Array(8), "C1Z9\0"), "unsupported_version", /unknown format version/);
  });

  it.each([
    ["a zip file", Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0)],
    ["plain text", new TextEncoder().encode("hello, this is not a c1z")],
    ["a bare SQLite database", new TextEncoder().encode("SQLite format 3\0")],
  ])("refuses %s as corrupt", async (_name, bytes) => {
    await expectRefused(bytes, "corrupt", /not a \.c1z file/);
  });
});

describe("truncated and corrupt files", () => {
  it("refuses the fixture cut anywhere", async () => {
    const bytes = await fixture();
    for (const length of [3, 5, 6, 12, 100, Math.floor(bytes.length / 2), bytes.length - 5, bytes.length - 1]) {
      await expectRefused(bytes.subarray(0, length), "corrupt", /truncated/);
    }
  });

  it("refuses junk where the zstd stream should be, or after it", async () => {
    await expectRefused(c1z(new TextEncoder().encode("definitely not zstd data")), "corrupt", /not zstd/);
    await expectRefused(concat(await fixture(), Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)), "corrupt", /not zstd/);
  });

  it("refuses a zstd payload that is not SQLite", async () => {
    await expectRefused(c1z(zstdRaw(new TextEncoder().encode("x".repeat(500)))), "corrupt", /not a SQLite database/);
    await expectRefused(c1z(zstdRaw(new Uint8Array())), "corrupt", /not a SQLite database/);
  });

  it("refuses a SQLite database cut short or with damaged pages", async () => {
    const db = await database();
    await expectRefused(c1z(zstdRaw(db.subarray(0, db.length / 2))), "corrupt", /damaged/);
    const damaged = Uint8Array.from(db);
    damaged.fill(0xee, 4096, 4096 * 3);
    await expectRefused(c1z(zstdRaw(damaged)), "corrupt", /damaged/);
  });

  it("refuses a SQLite database that is not a Baton store", async () => {
    const SQL = await initSqlJs();
    const other = new SQL.Database();
    other.exec("CREATE TABLE v1_resources (id integer primary key); CREATE TABLE notes (body text)");
    const bytes = c1z(zstdRaw(other.export()));
    other.close();
    await expectRefused(bytes, "corrupt", /missing tables v1_resource_types, v1_entitlements, v1_grants, v1_sync_runs/);
  });
});

describe("size limits", () => {
  it("refuses a file over the compressed limit, in memory and on disk before reading it", async () => {
    const bytes = await fixture();
    await expectRefused(bytes, "too_large", /at most 1000 bytes/, { maxCompressedBytes: 1000 });
    const error = await readC1zFile(PINGFED, { maxCompressedBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(C1zError);
    expect((error as C1zError).kind).toBe("too_large");
  });

  it("refuses a file decompressing past the limit", async () => {
    await expectRefused(await fixture(), "too_large", /more than 65536 bytes/, { maxDecompressedBytes: 65_536 });
  });

  it("stops a zstd bomb early: 4 GiB declared in 128 KiB of file", async () => {
    const bomb = c1z(zstdRleBomb(32 * 1024));
    expect(bomb.length).toBeLessThan(140_000);
    const started = Date.now();
    await expectRefused(bomb, "too_large", /more than 536870912 bytes/);
    await expectRefused(bomb, "too_large", /more than 1048576 bytes/, { maxDecompressedBytes: 1024 * 1024 });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("refuses a frame asking for a window larger than allowed, before allocating it", async () => {
    await expectRefused(c1z(zstdRaw(new Uint8Array(10), 31)), "too_large", /zstd window/);
  });

  it("refuses a frame whose declared content size is over the limit", async () => {
    // Single-segment frame declaring 4 GiB of content in an 8-byte Frame_Content_Size.
    const header = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0xe0, 0, 0, 0, 0, 1, 0, 0, 0);
    await expectRefused(c1z(concat(header, Uint8Array.of(1, 0, 0))), "too_large", /more than/);
  });
});

describe("readC1zFile", () => {
  it("reads a file from disk and refuses what is not a file", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "c1z-"));
    try {
      const file = path.join(dir, "copy.c1z");
      await writeFile(file, await fixture());
      expect((await readC1zFile(file)).length).toBe((await fixture()).length);
      await expect(readC1zFile(dir)).rejects.toThrow(/not a file/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
