// Reading a .c1z from disk, refusing an oversized file before reading a byte of it.
import { readFile, stat } from "node:fs/promises";
import { checkCompressedSize, DEFAULT_LIMITS } from "./format";

export async function readC1zFile(
  path: string,
  options: { maxCompressedBytes?: number } = {},
): Promise<Uint8Array> {
  const limits = { ...DEFAULT_LIMITS, ...definedOnly(options) };
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`${path} is not a file.`);
  checkCompressedSize(info.size, limits);
  const bytes = await readFile(path);
  // The file may have grown between stat and read.
  checkCompressedSize(bytes.length, limits);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
