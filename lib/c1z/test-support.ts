// Builders for the tests: protobuf encoding, hand-made zstd frames (raw and RLE blocks need no
// compressor, and nothing on npm offline compresses zstd in pure JS) and .c1z envelopes, so
// tests can produce corrupt, oversized and edge-case files from the real fixtures.
import path from "node:path";

// Real Baton files, copied into the repository: see tests/fixtures/README.md.
export const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures/c1z");
export const PINGFED = path.join(FIXTURES, "baton-pingfed-sync.c1z");
export const IN_PROGRESS = path.join(FIXTURES, "baton-sdk-sync-in-progress.c1z");

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

export function varint(n: number): Uint8Array {
  const bytes: number[] = [];
  let v = n;
  while (v >= 0x80) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return Uint8Array.from(bytes);
}

/** Protobuf field encoders: pb.varint(1, 150), pb.string(2, "x"), pb.message(3, ...fields). */
export const pb = {
  varint: (field: number, value: number) => concat(varint(field * 8), varint(value)),
  bytes: (field: number, value: Uint8Array) => concat(varint(field * 8 + 2), varint(value.length), value),
  string: (field: number, value: string) => pb.bytes(field, new TextEncoder().encode(value)),
  message: (field: number, ...fields: Uint8Array[]) => pb.bytes(field, concat(...fields)),
  double: (field: number, value: number) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    return concat(varint(field * 8 + 1), b);
  },
  fixed32: (field: number, value: Uint8Array) => concat(varint(field * 8 + 5), value),
  any: (field: number, typeName: string, ...fields: Uint8Array[]) =>
    pb.message(field, pb.string(1, `type.googleapis.com/${typeName}`), pb.bytes(2, concat(...fields))),
};

const ZSTD_MAGIC = Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd);
const BLOCK = 128 * 1024;

function blockHeader(last: boolean, type: 0 | 1 | 2, size: number): Uint8Array {
  const h = (size << 3) | (type << 1) | (last ? 1 : 0);
  return Uint8Array.of(h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff);
}

/** A valid zstd frame storing `payload` in raw blocks, with a 128 KiB window (or `windowLog`). */
export function zstdRaw(payload: Uint8Array, windowLog = 17): Uint8Array {
  const parts: Uint8Array[] = [ZSTD_MAGIC, Uint8Array.of(0x00, (windowLog - 10) << 3)];
  for (let pos = 0; pos === 0 || pos < payload.length; pos += BLOCK) {
    const chunk = payload.subarray(pos, pos + BLOCK);
    parts.push(blockHeader(pos + BLOCK >= payload.length, 0, chunk.length), chunk);
  }
  return concat(...parts);
}

/** A "zip bomb": `blocks` RLE blocks of 128 KiB each, 4 bytes apiece on disk. */
export function zstdRleBomb(blocks: number): Uint8Array {
  const parts: Uint8Array[] = [ZSTD_MAGIC, Uint8Array.of(0x00, 7 << 3)];
  for (let i = 0; i < blocks; i++) parts.push(blockHeader(i === blocks - 1, 1, BLOCK), Uint8Array.of(0x41));
  return concat(...parts);
}

export function c1z(payload: Uint8Array, magic = "C1ZF\0"): Uint8Array {
  return concat(new TextEncoder().encode(magic), payload);
}
