// The proto3 JSON reading rule on its own: null ≡ absent ≡ default, enums by name or number,
// int64 as string or number, unknown fields ignored. api.ts is built from nothing else.
import { describe, expect, it } from "vitest";
import { namespaceSchema, serviceAccountSchema, userSchema } from "./api";
import { enumText, p3 } from "./proto3";

const ROLE = ["ROLE_UNSPECIFIED", "ROLE_OWNER", "ROLE_ADMIN"];
const entrySchema = p3.loose({ note: p3.string().optional(), role: p3.enum(ROLE) });
const sample = p3.message({
  name: p3.string(),
  on: p3.bool(),
  days: p3.int32(),
  bytes: p3.int64(),
  role: p3.enum(ROLE),
  tags: p3.repeated(p3.string()),
  entries: p3.map(p3.orEmpty(entrySchema)),
  when: p3.timestamp(),
  child: p3.optional(p3.message({ name: p3.string() })),
  spec: p3.orEmpty(p3.loose({ name: p3.string() })),
});
const DEFAULTS = { name: "", on: false, days: 0, bytes: "0", tags: [], entries: {}, spec: { name: "" } };

describe("null, absent and default read alike", () => {
  it("reads an empty message, an all-null one and an all-default one the same", () => {
    const allNull = { name: null, on: null, days: null, bytes: null, role: null, tags: null, entries: null, when: null, child: null, spec: null };
    const allDefault = { name: "", on: false, days: 0, bytes: "0", role: "ROLE_UNSPECIFIED", tags: [], entries: {}, spec: {} };
    for (const input of [{}, allNull, allDefault]) expect(sample.parse(input)).toStrictEqual(DEFAULTS);
  });

  it("keeps message presence: null is not set, a set message reads with its own defaults", () => {
    expect(sample.parse({ child: null }).child).toBeUndefined();
    expect(sample.parse({ child: {} }).child).toEqual({ name: "" });
    expect(sample.parse({ child: { name: null } }).child).toEqual({ name: "" });
  });

  it("reads the examples of the issue: account-wide service accounts and accepted invitations", () => {
    const account = serviceAccountSchema.parse({ id: "sa1", spec: { name: "ci", access: { accountAccess: { role: "ROLE_DEVELOPER" } }, namespaceScopedAccess: null } });
    expect(account.spec.namespaceScopedAccess).toBeUndefined();
    const user = userSchema.parse({ id: "u1", spec: { email: "a@x", access: null }, invitation: null, lastModifiedTime: null, state: "RESOURCE_STATE_ACTIVE" });
    expect([user.invitation, user.spec.access, user.lastModifiedTime, user.asyncOperationId]).toEqual([undefined, undefined, undefined, ""]);
  });
});

describe("enums, numbers and unknown fields", () => {
  it("reads enums by name or number; unknown values are kept, the zero value is not set", () => {
    const role = (value: unknown) => sample.parse({ role: value }).role;
    expect([role("ROLE_ADMIN"), role(2), role(1)]).toEqual(["ROLE_ADMIN", "ROLE_ADMIN", "ROLE_OWNER"]);
    expect([role(9), role("ROLE_METRICS_READ")]).toEqual([9, "ROLE_METRICS_READ"]);
    expect([role(0), role("ROLE_UNSPECIFIED"), role(null), role(undefined)]).toEqual([undefined, undefined, undefined, undefined]);
    expect([enumText(9), enumText(undefined)]).toEqual(["9", ""]);
    expect(sample.safeParse({ role: 1.5 }).success).toBe(false);
    expect(sample.safeParse({ role: true }).success).toBe(false);
  });

  it("reads int64 from strings or numbers as exact decimal strings, int32 from either as numbers", () => {
    expect(sample.parse({ bytes: "9007199254740993" }).bytes).toBe("9007199254740993");
    expect(sample.parse({ bytes: 42 }).bytes).toBe("42");
    expect(sample.parse({ bytes: "-007" }).bytes).toBe("-7");
    expect([sample.parse({ days: "30" }).days, sample.parse({ days: 30 }).days]).toEqual([30, 30]);
    for (const bad of [{ bytes: "1.5" }, { bytes: 1.5 }, { bytes: "ten" }, { days: 2 ** 31 }, { days: "x" }]) expect(sample.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("drops unknown fields of messages and keeps those of loose messages, nulls included", () => {
    const read = sample.parse({ name: "n", future: 1, spec: { name: "s", futureSpec: { x: 1 }, futureNull: null } });
    expect(read).not.toHaveProperty("future");
    expect(read.spec).toEqual({ name: "s", futureSpec: { x: 1 }, futureNull: null });
  });

  it("refuses wrong types with the path of the field", () => {
    const issue = (input: unknown) => sample.safeParse(input).error?.issues[0];
    expect(issue({ name: 5 })).toMatchObject({ path: ["name"], message: "expected a string" });
    expect(issue({ tags: ["a", 3] })?.path).toEqual(["tags", 1]);
    expect(issue({ entries: { k: { role: {} } } })?.path).toEqual(["entries", "k", "role"]);
    expect(issue({ child: 3 })?.path).toEqual(["child"]);
    const namespace = namespaceSchema.safeParse({ namespace: null, spec: { name: "x" } });
    expect(namespace.error?.issues[0]).toMatchObject({ path: ["namespace"], message: "expected a string of at least 1 characters" });
  });
});

describe("maps", () => {
  it("normalises values in place: the same map object, no key added, optional fields left out", () => {
    const entries = { "prod.x": { role: 2 }, "dev.x": null, "qa.x": { role: "ROLE_ADMIN", extra: null } };
    const read = sample.parse({ entries }).entries;
    expect(read).toBe(entries);
    expect(read).toStrictEqual({ "prod.x": { role: "ROLE_ADMIN" }, "dev.x": {}, "qa.x": { role: "ROLE_ADMIN", extra: null } });
    expect(Object.keys(read["qa.x"])).toEqual(["role", "extra"]);
  });

  it("leaves entries already in their read form untouched (the same objects)", () => {
    const entry = { role: "ROLE_OWNER", note: "kept" };
    expect(sample.parse({ entries: { a: entry } }).entries.a).toBe(entry);
  });
});
