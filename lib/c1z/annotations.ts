// The well-known protobuf types Baton rows carry: google.protobuf.Any (every annotation, including
// the traits) and google.protobuf.Struct (trait and resource profiles).
import {
  decodeMessage,
  getBool,
  getBytes,
  getDouble,
  getMessage,
  getRepeatedMessages,
  getString,
  type ProtoMessage,
} from "./protobuf";

export type Annotation = {
  /** Fully qualified message name, e.g. "c1.connector.v2.UserTrait" (the type URL's last segment). */
  typeName: string;
  value: Uint8Array;
};

/** Reads `repeated google.protobuf.Any annotations` (type_url = 1, value = 2). */
export function readAnnotations(msg: ProtoMessage, field: number): Annotation[] {
  return getRepeatedMessages(msg, field).map((any) => {
    const typeUrl = getString(any, 1);
    return { typeName: typeUrl.slice(typeUrl.lastIndexOf("/") + 1), value: getBytes(any, 2) ?? new Uint8Array() };
  });
}

export function findAnnotation(annotations: Annotation[], typeName: string): ProtoMessage | undefined {
  // Several annotations of one type are legal; like baton-sdk's annotations.Pick, the first wins.
  const found = annotations.find((a) => a.typeName === typeName);
  return found ? decodeMessage(found.value) : undefined;
}

export type JsonValue = null | number | string | boolean | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 32;

// google.protobuf.Value: a oneof of null_value = 1, number_value = 2, string_value = 3,
// bool_value = 4, struct_value = 5, list_value = 6. The set member is whichever field is present.
function readValue(value: ProtoMessage, depth: number): JsonValue {
  if (depth > MAX_DEPTH) return null;
  if (value.has(2)) return getDouble(value, 2);
  if (value.has(3)) return getString(value, 3);
  if (value.has(4)) return getBool(value, 4);
  if (value.has(5)) return readStruct(getMessage(value, 5) ?? new Map(), depth + 1);
  if (value.has(6)) {
    const list = getMessage(value, 6) ?? new Map();
    return getRepeatedMessages(list, 1).map((v) => readValue(v, depth + 1));
  }
  return null;
}

// google.protobuf.Struct: `map<string, Value> fields = 1`, i.e. repeated entries {key = 1, value = 2}.
function readStruct(struct: ProtoMessage, depth: number): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const entry of getRepeatedMessages(struct, 1)) {
    const value = getMessage(entry, 2);
    out[getString(entry, 1)] = value ? readValue(value, depth) : null;
  }
  return out;
}

/**
 * A Struct as the flat profile the app stores: scalars kept as they are, nested objects and
 * lists serialized to JSON so nothing the connector reported is silently dropped.
 */
export function readFlatProfile(struct: ProtoMessage | undefined): Record<string, string | number | boolean | null> | undefined {
  if (!struct) return undefined;
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(readStruct(struct, 0))) {
    out[key] = value !== null && typeof value === "object" ? JSON.stringify(value) : value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
