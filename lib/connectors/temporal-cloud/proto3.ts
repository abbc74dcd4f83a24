// One reading rule for every Ops API answer: the proto3 JSON mapping as protojson reads it.
// grpc-gateway may send every field (EmitUnpopulated) or only the set ones, so for each field
// `null`, absent and the default value mean the same thing: "", 0, false, [], {} for scalars,
// repeated and map fields, "not set" (undefined) for message fields and the zero enum value.
// Enums arrive by name or by number, int64 as a string or a number; unknown fields are ignored
// (dropped from messages, kept verbatim in `loose` ones). Every schema in api.ts is built
// from these helpers, so no parser can forget a null.
import { z } from "zod";

type Shape = Record<string, z.ZodType>;

// Each helper is a zod schema plus a plain reader applying the same rule. Composite schemas
// read with their parts' readers, and zod parses only to name what a reader refused: a zod
// parse per map entry (ten million namespace accesses in a big sync) cost ten times the rest.
const INVALID = Symbol("invalid");
type Read<T = unknown> = (value: unknown) => T | typeof INVALID;
const readers = new WeakMap<z.ZodType, Read>();

function readerOf(schema: z.ZodType): Read {
  const known = readers.get(schema);
  if (known) return known;
  // `.optional()`: absent reads as undefined (the default, left unwritten), anything else by the rule.
  if (schema instanceof z.ZodOptional) {
    const inner = readerOf(schema.unwrap() as z.ZodType);
    return (value) => (value === undefined ? undefined : inner(value));
  }
  return ((value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : INVALID;
  });
}

/** `schema`, read by `read` first; zod only explains a refusal (with the path of the bad field). */
function fast<T extends z.ZodType>(schema: T, read: Read): z.ZodType<z.output<T>> {
  const wrapped = z.transform((value: unknown, ctx) => {
    const out = read(value);
    if (out !== INVALID) return out as z.output<T>;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.issues.push(issue as unknown as (typeof ctx.issues)[number]);
    return z.NEVER;
  });
  readers.set(wrapped, read);
  return wrapped;
}

/** A scalar: `read` says what any JSON value reads as, or refuses it. */
function scalar<T>(expected: string, read: Read<T>): z.ZodType<T> {
  const schema = z.transform((value: unknown, ctx) => {
    const out = read(value);
    if (out !== INVALID) return out;
    ctx.issues.push({ code: "custom", message: `expected ${expected}`, input: value });
    return z.NEVER;
  });
  readers.set(schema, read);
  return schema;
}

const unset = (value: unknown): value is null | undefined => value === null || value === undefined;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const INTEGER = /^-?\d+$/;

/** Readers for message fields; a field read as undefined is not written into a copy. */
function messageReader(shape: Shape, inPlace: boolean): Read {
  const keys = Object.keys(shape);
  const reads = keys.map((key) => readerOf(shape[key]));
  return (value) => {
    if (!isObject(value)) return INVALID;
    // Loose messages are read in place, unknown fields left as they came (a null in them still
    // means default). Only a value that reads differently is stored: a store into an object
    // JSON.parse built, even of the same value, costs the next JSON.parse its fast path (V8
    // marks the field mutable on the shared hidden class), which doubled the users page cost.
    const out: Record<string, unknown> = inPlace ? value : {};
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index];
      const was = value[key];
      const field = reads[index](was);
      if (field === INVALID) return INVALID;
      if (inPlace ? field !== was : field !== undefined) out[key] = field;
    }
    return out;
  };
}

/**
 * An enum: the name, or the number when the writer's descriptor lacks the value. Numbers the
 * table knows become their names; unknown ones stay numbers, so a whole-spec write echoes what
 * was read. The zero value (by name or number) reads as undefined, and a write leaves it out:
 * omitted means zero on the wire too.
 */
function enumField(names: readonly string[]) {
  return scalar<string | number | undefined>("an enum name or number", (value) => {
    if (unset(value) || value === 0 || value === names[0]) return undefined;
    if (typeof value === "string") return value;
    return Number.isInteger(value) ? (names[value as number] ?? (value as number)) : INVALID;
  });
}

/** 32-bit numbers arrive as JSON numbers or, equally valid in proto3 JSON, decimal strings. */
const int32Field = () =>
  scalar("a 32-bit integer", (value) => {
    if (unset(value)) return 0;
    const number = typeof value === "string" && INTEGER.test(value) ? Number(value) : value;
    return Number.isInteger(number) && (number as number) >= -(2 ** 31) && (number as number) < 2 ** 31 ? (number as number) : INVALID;
  });

/**
 * 64-bit numbers are strings in proto3 JSON (a double cannot hold them); numbers are accepted too.
 * Read as a canonical decimal string: exact, and still valid proto3 JSON if written back.
 */
const int64Field = () =>
  scalar("a 64-bit integer (string or number)", (value) => {
    if (unset(value)) return "0";
    if ((typeof value === "string" && INTEGER.test(value)) || Number.isInteger(value)) return BigInt(value as string | number).toString();
    return INVALID;
  });

/** A string; `minLength: 1` for ids the connector cannot do without (null reads as "", refused). */
const stringField = (options: { minLength?: number } = {}) =>
  scalar(options.minLength ? `a string of at least ${options.minLength} characters` : "a string", (value) => {
    const text = unset(value) ? "" : value;
    return typeof text === "string" && text.length >= (options.minLength ?? 0) ? text : INVALID;
  });

/** A message field the connector reads as not set (undefined) when it is null or absent. */
function optionalField<T extends z.ZodType>(message: T) {
  const read = readerOf(message);
  return fast(z.preprocess((value) => (unset(value) ? undefined : value), message.optional()), (value) => (unset(value) ? undefined : read(value)));
}

/** A message field read as its default instance when not set: every field inside at its default. */
function orEmptyField<T extends z.ZodType>(message: T) {
  const read = readerOf(message);
  return fast(z.preprocess((value) => (unset(value) ? {} : value), message), (value) => read(unset(value) ? {} : value));
}

function repeatedField<T extends z.ZodType>(item: T) {
  const read = readerOf(item);
  return fast(z.preprocess((value) => (unset(value) ? [] : value), z.array(item)), (value) => {
    if (unset(value)) return [];
    if (!Array.isArray(value)) return INVALID;
    const out = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) if ((out[index] = read(value[index])) === INVALID) return INVALID;
    return out;
  });
}

/**
 * map<string, V>, normalised in place rather than with z.record: rebuilding a map keyed by
 * thousands of distinct namespace names, for every user, cost more than the rest of a
 * 1,000,000-grant sync (V8 grows a hidden class per new key combination). Keys are never added.
 */
function mapField<T extends z.ZodType>(value: T) {
  const read = readerOf(value);
  const entries = z.record(z.string(), value);
  return fast(z.preprocess((map) => (unset(map) ? {} : map), entries) as z.ZodType<Record<string, z.output<T>>>, (map) => {
    if (unset(map)) return {};
    if (!isObject(map)) return INVALID;
    for (const key in map) {
      const entry = read(map[key]);
      if (entry === INVALID) return INVALID;
      if (entry !== map[key]) map[key] = entry;
    }
    return map;
  });
}

export const p3 = {
  /** A message: unknown fields are ignored (dropped). */
  message: <S extends Shape>(shape: S) => fast(z.object(shape), messageReader(shape, false)),
  /** A message whose unknown fields survive a read-modify-write (specs UpdateUser replaces whole). */
  loose: <S extends Shape>(shape: S) => fast(z.looseObject(shape), messageReader(shape, true)),
  /** A message field where being set matters (an open invitation, one of two kinds of access). */
  optional: optionalField,
  orEmpty: orEmptyField,
  string: stringField,
  bool: () => scalar("true or false", (value) => (unset(value) ? false : typeof value === "boolean" ? value : INVALID)),
  int32: int32Field,
  int64: int64Field,
  /** `names[n]` is the name of value n, in the proto's declaration order. */
  enum: enumField,
  repeated: repeatedField,
  /** map<string, V>: the keys are data (namespace names), V a message or scalar schema. */
  map: mapField,
  /** google.protobuf.Timestamp (RFC 3339) or Duration ("5s"): messages, so null is "not set". */
  timestamp: () => scalar<string | undefined>("a timestamp string", (value) => (unset(value) ? undefined : typeof value === "string" ? value : INVALID)),
  duration: () => scalar<string | undefined>("a duration string", (value) => (unset(value) ? undefined : typeof value === "string" ? value : INVALID)),
};

/** An enum read by p3.enum as text for mappers: "" when not set. */
export const enumText = (value: string | number | undefined): string => (value === undefined ? "" : String(value));
