// A minimal protobuf wire-format reader: enough to pull the few fields the importer needs out of
// Baton's Resource, Entitlement and Grant rows. Hand-written instead of generated code so the
// reader stays dependency-free and only knows the fields it uses; everything else is skipped,
// which is also what keeps older and newer baton-sdk files readable.

export class ProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtobufError";
  }
}

export const WireType = { varint: 0, fixed64: 1, bytes: 2, startGroup: 3, endGroup: 4, fixed32: 5 } as const;

export type ProtoField =
  | { field: number; wireType: 0; value: number }
  | { field: number; wireType: 1 | 5; value: Uint8Array }
  | { field: number; wireType: 2; value: Uint8Array };

/** A decoded message: every occurrence of every field, in wire order, keyed by field number. */
export type ProtoMessage = Map<number, ProtoField[]>;

const textDecoder = new TextDecoder("utf-8");

/**
 * Reads a base-128 varint at `pos`. Values above 2^53 lose precision (they only occur as negative
 * int32/int64, which none of the fields read here use), but the byte length is always exact so
 * the rest of the message still parses.
 */
export function readVarint(buf: Uint8Array, pos: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= buf.length) throw new ProtobufError("truncated varint");
    const byte = buf[pos + i];
    value += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return { value, next: pos + i + 1 };
    scale *= 128;
  }
  throw new ProtobufError("varint longer than 10 bytes");
}

function take(buf: Uint8Array, pos: number, length: number): Uint8Array {
  if (length < 0 || pos + length > buf.length) throw new ProtobufError("truncated field");
  return buf.subarray(pos, pos + length);
}

/** Skips a (deprecated, proto2-only) group, including nested groups, and returns the position after its end tag. */
function skipGroup(buf: Uint8Array, pos: number, field: number, depth: number): number {
  if (depth > 64) throw new ProtobufError("groups nested too deeply");
  let cursor = pos;
  while (cursor < buf.length) {
    const tag = readVarint(buf, cursor);
    cursor = tag.next;
    const wireType = tag.value % 8;
    const inner = Math.floor(tag.value / 8);
    if (wireType === WireType.endGroup) {
      if (inner !== field) throw new ProtobufError("mismatched end group");
      return cursor;
    }
    cursor = skipValue(buf, cursor, wireType, inner, depth + 1);
  }
  throw new ProtobufError("unterminated group");
}

function skipValue(buf: Uint8Array, pos: number, wireType: number, field: number, depth: number): number {
  switch (wireType) {
    case WireType.varint:
      return readVarint(buf, pos).next;
    case WireType.fixed64:
      return pos + take(buf, pos, 8).length;
    case WireType.fixed32:
      return pos + take(buf, pos, 4).length;
    case WireType.bytes: {
      const length = readVarint(buf, pos);
      return length.next + take(buf, length.next, length.value).length;
    }
    case WireType.startGroup:
      return skipGroup(buf, pos, field, depth);
    default:
      throw new ProtobufError(`invalid wire type ${wireType}`);
  }
}

/** Iterates the fields of one message. Groups are skipped; anything malformed throws ProtobufError. */
export function* readFields(buf: Uint8Array): Generator<ProtoField> {
  let pos = 0;
  while (pos < buf.length) {
    const tag = readVarint(buf, pos);
    pos = tag.next;
    const wireType = tag.value % 8;
    const field = Math.floor(tag.value / 8);
    if (field < 1 || field > 536_870_911) throw new ProtobufError(`invalid field number ${field}`);
    if (wireType === WireType.varint) {
      const v = readVarint(buf, pos);
      pos = v.next;
      yield { field, wireType, value: v.value };
    } else if (wireType === WireType.fixed64 || wireType === WireType.fixed32) {
      const value = take(buf, pos, wireType === WireType.fixed64 ? 8 : 4);
      pos += value.length;
      yield { field, wireType, value };
    } else if (wireType === WireType.bytes) {
      const length = readVarint(buf, pos);
      const value = take(buf, length.next, length.value);
      pos = length.next + length.value;
      yield { field, wireType, value };
    } else if (wireType === WireType.startGroup) {
      pos = skipGroup(buf, pos, field, 0);
    } else {
      throw new ProtobufError(`invalid wire type ${wireType}`);
    }
  }
}

export function decodeMessage(buf: Uint8Array): ProtoMessage {
  const message: ProtoMessage = new Map();
  for (const f of readFields(buf)) {
    const list = message.get(f.field);
    if (list) list.push(f);
    else message.set(f.field, [f]);
  }
  return message;
}

// Accessors follow proto3 semantics: a missing field reads as its default, and for a
// non-repeated field the last occurrence wins. A field of an unexpected wire type is ignored
// rather than trusted, so a schema change upstream degrades to a default, not a wrong value.

function last(msg: ProtoMessage, field: number, wireType: number): ProtoField | undefined {
  const list = msg.get(field) ?? [];
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i].wireType === wireType) return list[i];
  }
  return undefined;
}

export function getBytes(msg: ProtoMessage, field: number): Uint8Array | undefined {
  const f = last(msg, field, WireType.bytes);
  return f?.wireType === WireType.bytes ? f.value : undefined;
}

export function getString(msg: ProtoMessage, field: number): string {
  const bytes = getBytes(msg, field);
  return bytes ? textDecoder.decode(bytes) : "";
}

export function getVarint(msg: ProtoMessage, field: number): number {
  const f = last(msg, field, WireType.varint);
  return f?.wireType === WireType.varint ? f.value : 0;
}

export function getBool(msg: ProtoMessage, field: number): boolean {
  return getVarint(msg, field) !== 0;
}

export function getDouble(msg: ProtoMessage, field: number): number {
  const f = last(msg, field, WireType.fixed64);
  if (f?.wireType !== WireType.fixed64) return 0;
  return new DataView(f.value.buffer, f.value.byteOffset, 8).getFloat64(0, true);
}

/** A sub-message; undefined when absent, so callers can tell "unset" from "empty". */
export function getMessage(msg: ProtoMessage, field: number): ProtoMessage | undefined {
  const bytes = getBytes(msg, field);
  return bytes ? decodeMessage(bytes) : undefined;
}

export function getRepeatedBytes(msg: ProtoMessage, field: number): Uint8Array[] {
  return (msg.get(field) ?? []).flatMap((f) => (f.wireType === WireType.bytes ? [f.value] : []));
}

export function getRepeatedMessages(msg: ProtoMessage, field: number): ProtoMessage[] {
  return getRepeatedBytes(msg, field).map(decodeMessage);
}

export function getRepeatedStrings(msg: ProtoMessage, field: number): string[] {
  return getRepeatedBytes(msg, field).map((b) => textDecoder.decode(b));
}

/** Repeated varints (enums), accepting both packed (proto3 default) and unpacked encodings. */
export function getRepeatedVarints(msg: ProtoMessage, field: number): number[] {
  const out: number[] = [];
  for (const f of msg.get(field) ?? []) {
    if (f.wireType === WireType.varint) out.push(f.value);
    else if (f.wireType === WireType.bytes) {
      for (let pos = 0; pos < f.value.length; ) {
        const v = readVarint(f.value, pos);
        out.push(v.value);
        pos = v.next;
      }
    }
  }
  return out;
}
