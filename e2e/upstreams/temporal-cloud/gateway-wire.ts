// How answers are written. `compact` leaves unset fields out (as the simulator always did);
// `grpc-gateway` writes them the way grpc-gateway's default marshaller does (protojson with
// EmitUnpopulated: true): every field of every message present, `null` for an unset message
// (Timestamp and Duration included), `[]` and `{}` for empty repeated and map fields, `""`,
// `false` and `0` for scalars, int64 as a string, enums by name with the zero value's name
// when unset. Field lists come from protos.ts, never from the adapter.
import type { PathKind } from "./faults";
import { ENUM_ZERO, MESSAGES, WELL_KNOWN } from "./protos";

export const WIRES = ["compact", "grpc-gateway"] as const;
export type Wire = (typeof WIRES)[number];

const SCALARS = { string: "", bytes: "", bool: false, int32: 0, int64: "0" } as const;
type Scalar = keyof typeof SCALARS;
type Kind = { scalar: Scalar } | { enumZero: string } | { message: string } | { wellKnown: string };
type Field = { json: string; kind: Kind; label: "single" | "repeated" | "map" };

/** The response message of each path kind (cloudservice/v1 request_response.proto). */
const RESPONSES: Partial<Record<PathKind, string>> = {
  "account.get": "GetAccountResponse",
  "users.list": "GetUsersResponse",
  "users.get": "GetUserResponse",
  "users.create": "CreateUserResponse",
  "users.update": "UpdateUserResponse",
  "users.delete": "DeleteUserResponse",
  "namespace-access.set": "SetUserNamespaceAccessResponse",
  "namespaces.list": "GetNamespacesResponse",
  "namespaces.get": "GetNamespaceResponse",
  "operations.get": "GetAsyncOperationResponse",
  "service-accounts.list": "GetServiceAccountsResponse",
  "api-keys.list": "GetApiKeysResponse",
  "api-keys.get": "GetApiKeyResponse",
};

/** protoc's JSON name: lowerCamelCase of the field name. */
const jsonName = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

function kindOf(type: string): Kind {
  if (type in SCALARS) return { scalar: type as Scalar };
  if (type in ENUM_ZERO) return { enumZero: ENUM_ZERO[type] };
  if ((WELL_KNOWN as readonly string[]).includes(type)) return { wellKnown: type };
  if (type in MESSAGES) return { message: type };
  throw new Error(`protos.ts: unknown type ${type}`);
}

function parseField(line: string): Field {
  const [name, ...rest] = line.split(" ");
  const label = rest[0] === "repeated" || rest[0] === "map" ? rest[0] : "single";
  return { json: jsonName(name), kind: kindOf(rest[rest.length - 1]), label };
}

const DESCRIPTORS = new Map(Object.entries(MESSAGES).map(([type, lines]) => [type, lines.map(parseField)]));

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function writeMessage(type: string, value: unknown, path: string): Json {
  const fields = DESCRIPTORS.get(type)!;
  if (!isObject(value)) throw new Error(`${path}: a ${type} must be an object`);
  // A key the proto lacks would be a simulator bug: a real gateway cannot write it.
  for (const key in value) {
    if (value[key] !== undefined && !fields.some((field) => field.json === key)) throw new Error(`${path}.${key} is not a field of ${type}`);
  }
  const out: Json = {};
  for (const field of fields) out[field.json] = writeField(field, value[field.json], `${path}.${field.json}`);
  return out;
}

function writeField(field: Field, value: unknown, path: string): unknown {
  if (field.label === "repeated") {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new Error(`${path} must be a list`);
    return value.map((item, index) => writeSingle(field.kind, item, `${path}.${index}`));
  }
  if (field.label === "map") {
    // Null-prototype, as in generate.ts: thousands of distinct namespace keys stay cheap.
    const out: Json = Object.create(null);
    if (value === undefined || value === null) return out;
    if (!isObject(value)) throw new Error(`${path} must be a map`);
    for (const key in value) out[key] = writeSingle(field.kind, value[key], `${path}.${key}`);
    return out;
  }
  return writeSingle(field.kind, value, path);
}

function writeSingle(kind: Kind, value: unknown, path: string): unknown {
  const unset = value === undefined || value === null;
  if ("scalar" in kind) {
    if (unset) return SCALARS[kind.scalar];
    return kind.scalar === "int64" ? String(value) : value;
  }
  if ("enumZero" in kind) return unset ? kind.enumZero : value;
  if (unset) return null;
  return "message" in kind ? writeMessage(kind.message, value, path) : value;
}

/** The body to send for an answer of `kind`, in the chosen wire form. */
export function writeAnswer(wire: Wire, kind: PathKind, answer: Json): unknown {
  const type = RESPONSES[kind];
  return wire === "grpc-gateway" && type ? writeMessage(type, answer, kind) : answer;
}
