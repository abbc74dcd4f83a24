// zstd decompression with limits. fzstd trusts the frame header: it allocates whatever window
// a file declares (up to 2 GiB) and stops only where the input ends. A .c1z comes from outside,
// so the frame structure is walked first (headers and block headers only, no decoding): that
// refuses truncation, trailing junk, dictionaries and oversized windows before any allocation,
// and bounds the output so it can be decoded into one buffer while counting bytes as they come.
import { Decompress } from "fzstd";
import { C1zError, describeCause } from "./errors";

const ZSTD_MAGIC = 0xfd2fb528;
const MAX_BLOCK = 128 * 1024;

export type ZstdLimits = {
  maxDecompressedBytes: number;
  /** Largest window a frame may declare; baton-sdk's own decoder allows 128 MiB. */
  maxWindowBytes: number;
};

/** `exact` counts output the headers state outright (raw and RLE blocks, declared content sizes). */
type FrameScan = { outputBound: number; exact: number };

function u32(buf: Uint8Array, pos: number): number {
  return (buf[pos] | (buf[pos + 1] << 8) | (buf[pos + 2] << 16)) + buf[pos + 3] * 0x1000000;
}

function littleEndian(buf: Uint8Array, pos: number, size: number): number {
  let value = 0;
  for (let i = size - 1; i >= 0; i--) value = value * 256 + buf[pos + i];
  return value;
}

function truncated(): C1zError {
  return new C1zError("corrupt", "The .c1z file is truncated: its compressed data ends before the last zstd frame does.");
}

/** Walks one frame from `pos`; returns where the next frame starts and how much it can decode to. */
function scanFrame(buf: Uint8Array, pos: number, limits: ZstdLimits): { next: number; bound: number; exact: number } {
  const need = (n: number) => {
    if (pos + n > buf.length) throw truncated();
  };
  need(4);
  const magic = u32(buf, pos);
  if (magic >>> 4 === 0x184d2a5) {
    // Skippable frame: 4-byte magic, 4-byte size, opaque payload.
    need(8);
    const size = u32(buf, pos + 4);
    need(8 + size);
    return { next: pos + 8 + size, bound: 0, exact: 0 };
  }
  if (magic !== ZSTD_MAGIC) throw new C1zError("corrupt", "The .c1z file is corrupt: its payload is not zstd data.");
  need(6);
  const descriptor = buf[pos + 4];
  const singleSegment = (descriptor >> 5) & 1;
  const hasChecksum = (descriptor >> 2) & 1;
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3];
  const contentSizeBytes = [singleSegment, 2, 4, 8][descriptor >> 6];
  if (descriptor & 8) throw new C1zError("corrupt", "The .c1z file is corrupt: a zstd frame header sets a reserved bit.");
  let cursor = pos + 5;
  let window = 0;
  if (!singleSegment) {
    const exponent = buf[cursor] >> 3;
    const base = 2 ** (10 + exponent);
    window = base + (base / 8) * (buf[cursor] & 7);
    cursor += 1;
  }
  need(cursor - pos + dictionaryBytes + contentSizeBytes);
  if (dictionaryBytes && littleEndian(buf, cursor, dictionaryBytes) !== 0) {
    throw new C1zError("corrupt", "The .c1z file needs a zstd dictionary, which Baton never writes: it is not a Baton file.");
  }
  cursor += dictionaryBytes;
  let contentSize: number | undefined;
  if (contentSizeBytes) {
    contentSize = littleEndian(buf, cursor, contentSizeBytes) + (contentSizeBytes === 2 ? 256 : 0);
    cursor += contentSizeBytes;
  }
  if (singleSegment) window = contentSize ?? 0;
  if (contentSize !== undefined && contentSize > limits.maxDecompressedBytes) {
    throw tooLarge(limits.maxDecompressedBytes);
  }
  if (!singleSegment && window > limits.maxWindowBytes) {
    throw new C1zError(
      "too_large",
      `The .c1z file was compressed with a ${window}-byte zstd window; at most ${limits.maxWindowBytes} bytes are accepted.`,
    );
  }
  const blockMax = Math.min(window, MAX_BLOCK);
  let bound = 0;
  let exact = 0;
  for (;;) {
    if (cursor + 3 > buf.length) throw truncated();
    const header = buf[cursor] | (buf[cursor + 1] << 8) | (buf[cursor + 2] << 16);
    const last = header & 1;
    const type = (header >> 1) & 3;
    const size = header >>> 3;
    if (type === 3) throw new C1zError("corrupt", "The .c1z file is corrupt: a zstd block has a reserved type.");
    // For RLE blocks `size` is the output size, which the same maximum bounds.
    if (size > blockMax) throw new C1zError("corrupt", "The .c1z file is corrupt: a zstd block exceeds its maximum size.");
    const stored = type === 1 ? 1 : size;
    cursor += 3 + stored;
    if (cursor > buf.length) throw truncated();
    // Raw and RLE blocks state their output size; a compressed block decodes to at most blockMax.
    bound += type === 2 ? blockMax : size;
    exact += type === 2 ? 0 : size;
    if (last) break;
  }
  cursor += hasChecksum ? 4 : 0;
  if (cursor > buf.length) throw truncated();
  return { next: cursor, bound: contentSize ?? bound, exact: contentSize ?? exact };
}

function scanFrames(buf: Uint8Array, limits: ZstdLimits): FrameScan {
  if (buf.length === 0) throw truncated();
  let pos = 0;
  let outputBound = 0;
  let exact = 0;
  while (pos < buf.length) {
    const frame = scanFrame(buf, pos, limits);
    pos = frame.next;
    outputBound += frame.bound;
    exact += frame.exact;
  }
  return { outputBound, exact };
}

function tooLarge(max: number): C1zError {
  return new C1zError("too_large", `The .c1z file decompresses to more than ${max} bytes, the configured maximum.`);
}

const PUSH_CHUNK = 1024 * 1024;

/**
 * Decompresses a whole zstd stream into one buffer, refusing it as soon as the output passes
 * `maxDecompressedBytes`. Input is pushed in 1 MiB slices with a macrotask between them so a large
 * file does not block the server's event loop for the whole decode.
 */
export async function decompressZstd(input: Uint8Array, limits: ZstdLimits): Promise<Uint8Array> {
  const { outputBound, exact } = scanFrames(input, limits);
  // RLE blocks are how a few bytes claim gigabytes: refuse before decoding any of it.
  if (exact > limits.maxDecompressedBytes) throw tooLarge(limits.maxDecompressedBytes);
  const out = new Uint8Array(Math.min(outputBound, limits.maxDecompressedBytes + 1));
  let length = 0;
  let finished = false;
  const decoder = new Decompress((chunk, final) => {
    if (length + chunk.length > limits.maxDecompressedBytes) throw tooLarge(limits.maxDecompressedBytes);
    if (length + chunk.length > out.length) {
      throw new C1zError("corrupt", "The .c1z file is corrupt: a zstd frame decodes to more than it declares.");
    }
    out.set(chunk, length);
    length += chunk.length;
    if (final) finished = true;
  });
  try {
    for (let pos = 0; pos < input.length; pos += PUSH_CHUNK) {
      decoder.push(input.subarray(pos, pos + PUSH_CHUNK), pos + PUSH_CHUNK >= input.length);
      if (pos + PUSH_CHUNK < input.length) await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    if (error instanceof C1zError) throw error;
    throw new C1zError("corrupt", `The .c1z file is corrupt: zstd decompression failed (${describeCause(error)}).`, {
      cause: error,
    });
  }
  if (!finished) throw truncated();
  return out.subarray(0, length);
}
