import { describe, expect, it } from "vitest";
import {
  decodeMessage,
  getBool,
  getDouble,
  getMessage,
  getRepeatedMessages,
  getRepeatedStrings,
  getRepeatedVarints,
  getString,
  getVarint,
  ProtobufError,
  readFields,
  readVarint,
} from "./protobuf";
import { concat, pb, varint } from "./test-support";

describe("readVarint", () => {
  it.each([
    [[0x00], 0],
    [[0x01], 1],
    [[0x7f], 127],
    [[0xac, 0x02], 300],
    [[0x96, 0x01], 150],
    [[0xff, 0xff, 0xff, 0xff, 0x0f], 0xffffffff],
    [[0x80, 0x80, 0x80, 0x80, 0x10], 2 ** 32],
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f], 2 ** 53 - 1],
  ])("decodes %j as %d", (bytes, value) => {
    expect(readVarint(Uint8Array.from(bytes), 0)).toEqual({ value, next: bytes.length });
  });

  it("round-trips what the test encoder writes", () => {
    for (const n of [0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 40 + 7]) {
      expect(readVarint(varint(n), 0).value).toBe(n);
    }
  });

  it("keeps the byte length exact for a 10-byte (negative int64) varint", () => {
    const minusOne = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
    expect(readVarint(minusOne, 0).next).toBe(10);
  });

  it("refuses truncated and over-long varints", () => {
    expect(() => readVarint(Uint8Array.of(0x80), 0)).toThrow(ProtobufError);
    expect(() => readVarint(new Uint8Array(11).fill(0x80), 0)).toThrow(/longer than 10 bytes/);
  });
});

describe("decodeMessage", () => {
  it("reads scalars, strings, doubles and nested messages", () => {
    const msg = decodeMessage(
      concat(
        pb.string(1, "héllo"),
        pb.varint(2, 300),
        pb.varint(3, 1),
        pb.double(4, 2.5),
        pb.message(5, pb.string(1, "inner"), pb.message(2, pb.varint(1, 7))),
      ),
    );
    expect(getString(msg, 1)).toBe("héllo");
    expect(getVarint(msg, 2)).toBe(300);
    expect(getBool(msg, 3)).toBe(true);
    expect(getDouble(msg, 4)).toBe(2.5);
    const inner = getMessage(msg, 5);
    expect(inner && getString(inner, 1)).toBe("inner");
    const deeper = inner && getMessage(inner, 2);
    expect(deeper && getVarint(deeper, 1)).toBe(7);
  });

  it("gives proto3 defaults for absent fields and undefined for absent messages", () => {
    const msg = decodeMessage(new Uint8Array());
    expect(getString(msg, 1)).toBe("");
    expect(getVarint(msg, 1)).toBe(0);
    expect(getBool(msg, 1)).toBe(false);
    expect(getDouble(msg, 1)).toBe(0);
    expect(getMessage(msg, 1)).toBeUndefined();
  });

  it("lets the last occurrence of a singular field win and keeps every repeated one", () => {
    const msg = decodeMessage(concat(pb.string(1, "a"), pb.string(1, "b"), pb.message(2, pb.varint(1, 1)), pb.message(2, pb.varint(1, 2))));
    expect(getString(msg, 1)).toBe("b");
    expect(getRepeatedStrings(msg, 1)).toEqual(["a", "b"]);
    expect(getRepeatedMessages(msg, 2).map((m) => getVarint(m, 1))).toEqual([1, 2]);
  });

  it("reads repeated enums packed and unpacked", () => {
    const packed = decodeMessage(pb.bytes(3, concat(varint(1), varint(3), varint(300))));
    expect(getRepeatedVarints(packed, 3)).toEqual([1, 3, 300]);
    const unpacked = decodeMessage(concat(pb.varint(3, 2), pb.varint(3, 4)));
    expect(getRepeatedVarints(unpacked, 3)).toEqual([2, 4]);
  });

  it("skips unknown fields of every wire type, groups included", () => {
    const unknown = concat(
      pb.varint(90, 12345),
      pb.double(91, 1.5),
      pb.fixed32(92, Uint8Array.of(1, 2, 3, 4)),
      pb.string(93, "ignored"),
      // Group 94 holding a varint and a nested group 95.
      varint(94 * 8 + 3),
      pb.varint(1, 1),
      varint(95 * 8 + 3),
      varint(95 * 8 + 4),
      varint(94 * 8 + 4),
    );
    const msg = decodeMessage(concat(pb.string(1, "before"), unknown, pb.varint(2, 42)));
    expect(getString(msg, 1)).toBe("before");
    expect(getVarint(msg, 2)).toBe(42);
    expect(msg.has(94)).toBe(false);
  });

  it("ignores a known field sent with an unexpected wire type", () => {
    const msg = decodeMessage(concat(pb.varint(1, 5), pb.string(2, "x")));
    expect(getString(msg, 1)).toBe("");
    expect(getVarint(msg, 2)).toBe(0);
  });

  it.each([
    ["a length running past the end", concat(varint(1 * 8 + 2), varint(10), Uint8Array.of(1, 2))],
    ["a truncated fixed64", concat(varint(1 * 8 + 1), Uint8Array.of(1, 2, 3))],
    ["a truncated tag", Uint8Array.of(0x80)],
    ["wire type 6", varint(1 * 8 + 6)],
    ["wire type 7", varint(1 * 8 + 7)],
    ["field number 0", Uint8Array.of(0x00, 0x01)],
    ["an unterminated group", concat(varint(1 * 8 + 3), pb.varint(2, 1))],
    ["a mismatched end group", concat(varint(1 * 8 + 3), varint(2 * 8 + 4))],
  ])("refuses %s", (_name, bytes) => {
    expect(() => decodeMessage(bytes)).toThrow(ProtobufError);
  });

  it("yields fields lazily in wire order", () => {
    const fields = [...readFields(concat(pb.varint(2, 1), pb.string(1, "a")))].map((f) => f.field);
    expect(fields).toEqual([2, 1]);
  });
});
