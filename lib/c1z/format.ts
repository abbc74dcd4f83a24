// The .c1z envelope: a 5-byte magic naming the format, then the payload. v1 ("C1ZF\0") is a
// zstd-compressed SQLite database; v3 ("C1Z3\0") is a Pebble checkpoint this reader cannot open.
import { C1zError } from "./errors";
import { decompressZstd } from "./zstd";

export type C1zLimits = {
  /** Largest .c1z accepted as it sits on disk. */
  maxCompressedBytes: number;
  /** Largest SQLite database it may decompress to; checked while decompressing. */
  maxDecompressedBytes: number;
  /** Largest zstd window a frame may ask to be allocated. */
  maxWindowBytes: number;
};

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: C1zLimits = {
  maxCompressedBytes: 256 * MiB,
  maxDecompressedBytes: 512 * MiB,
  maxWindowBytes: 128 * MiB,
};

const MAGIC_LENGTH = 5;
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const V1_MAGIC = ascii("C1ZF\0");
const V3_MAGIC = ascii("C1Z3\0");

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

export function checkCompressedSize(size: number, limits: C1zLimits): void {
  if (size > limits.maxCompressedBytes) {
    throw new C1zError(
      "too_large",
      `The .c1z file is ${size} bytes; at most ${limits.maxCompressedBytes} bytes are accepted.`,
    );
  }
}

/** Checks the envelope and returns the SQLite database bytes inside a v1 file. */
export async function unpackC1z(bytes: Uint8Array, limits: C1zLimits): Promise<Uint8Array> {
  if (bytes.length === 0) throw new C1zError("empty", "The .c1z file is empty (0 bytes).");
  checkCompressedSize(bytes.length, limits);
  if (startsWith(bytes, V3_MAGIC)) {
    throw new C1zError(
      "unsupported_version",
      "This .c1z file uses format v3 (Pebble storage), which this console cannot read. " +
        "Run the connector again with --storage-engine sqlite to write a v1 (SQLite) .c1z file, and import that.",
    );
  }
  if (!startsWith(bytes, V1_MAGIC)) {
    if (bytes.length < MAGIC_LENGTH && startsWith(V1_MAGIC, bytes)) {
      throw new C1zError("corrupt", "The .c1z file is truncated: it ends inside its 5-byte header.");
    }
    if (startsWith(bytes, ascii("C1Z")) && bytes[4] === 0) {
      throw new C1zError(
        "unsupported_version",
        `This .c1z file uses an unknown format version ("${String.fromCharCode(bytes[3])}"); only v1 (SQLite) files can be imported.`,
      );
    }
    throw new C1zError("corrupt", "This is not a .c1z file: it does not start with the C1ZF header Baton writes.");
  }
  return decompressZstd(bytes.subarray(MAGIC_LENGTH), limits);
}
