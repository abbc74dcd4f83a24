import { describe, expect, it } from "vitest";
import { decodeEntitlement, decodeGrant, decodeResource, decodeResourceType } from "./decode";
import { ProtobufError } from "./protobuf";
import { concat, pb, varint } from "./test-support";

const resourceId = (field: number, type: string, id: string) => pb.message(field, pb.string(1, type), pb.string(2, id));
const noUserTypes = new Set<string>();

describe("decodeResourceType", () => {
  it("maps the traits the app models and drops the others", () => {
    const data = concat(pb.string(1, "user"), pb.string(2, "User"), pb.bytes(3, concat(varint(1), varint(5), varint(3))), pb.string(5, "People"));
    expect(decodeResourceType(data)).toEqual({
      type: "resourceType",
      id: "user",
      displayName: "User",
      traits: ["user", "role"],
      description: "People",
    });
  });

  it("falls back to the id for a missing display name and refuses a missing id", () => {
    expect(decodeResourceType(pb.string(1, "team")).displayName).toBe("team");
    expect(() => decodeResourceType(pb.string(2, "No id"))).toThrow(ProtobufError);
  });
});

describe("decodeResource", () => {
  it("reads the user trait: primary email, login, status, profile", () => {
    const trait = pb.any(
      4,
      "c1.connector.v2.UserTrait",
      pb.message(1, pb.string(1, "old@example.com")),
      pb.message(1, pb.string(1, "ada@example.com"), pb.varint(2, 1)),
      pb.message(2, pb.varint(1, 2), pb.string(2, "locked by admin")),
      pb.message(
        3,
        pb.message(1, pb.string(1, "title"), pb.message(2, pb.string(3, "Engineer"))),
        pb.message(1, pb.string(1, "level"), pb.message(2, pb.double(2, 3))),
        pb.message(1, pb.string(1, "manager"), pb.message(2, pb.varint(1, 0))),
        pb.message(1, pb.string(1, "tags"), pb.message(2, pb.message(6, pb.message(1, pb.string(3, "a")), pb.message(1, pb.varint(4, 1))))),
      ),
      pb.string(6, "ada"),
    );
    const data = concat(resourceId(1, "user", "u1"), resourceId(2, "org", "o1"), pb.string(3, "Ada"), trait, pb.string(5, "First user"));
    expect(decodeResource(data, noUserTypes)).toEqual({
      type: "resource",
      resourceTypeId: "user",
      id: "u1",
      displayName: "Ada",
      description: "First user",
      parent: { resourceTypeId: "org", id: "o1" },
      user: { email: "ada@example.com", login: "ada", status: "disabled" },
      profile: { title: "Engineer", level: 3, manager: null, tags: '["a",true]' },
    });
  });

  it("takes the first email when none is primary", () => {
    const trait = pb.any(4, "c1.connector.v2.UserTrait", pb.message(1, pb.string(1, "")), pb.message(1, pb.string(1, "b@example.com")));
    expect(decodeResource(concat(resourceId(1, "user", "u"), trait), noUserTypes).user?.email).toBe("b@example.com");
  });

  it("treats resources of a user-trait type as accounts even without the annotation", () => {
    const data = concat(resourceId(1, "member", "m1"), pb.message(11, pb.varint(1, 3)));
    expect(decodeResource(data, new Set(["member"])).user).toEqual({ status: "deleted" });
    expect(decodeResource(data, noUserTypes).user).toBeUndefined();
  });

  it("takes the profile from other traits and skips unknown annotations", () => {
    const data = concat(
      resourceId(1, "group", "g1"),
      pb.any(4, "c1.connector.v2.ChildResourceType", pb.string(1, "user")),
      pb.any(4, "c1.connector.v2.GroupTrait", pb.message(2, pb.message(1, pb.string(1, "size"), pb.message(2, pb.double(2, 2))))),
    );
    const record = decodeResource(data, noUserTypes);
    expect(record).toMatchObject({ displayName: "g1", profile: { size: 2 } });
    expect(record.user).toBeUndefined();
    expect(record.parent).toBeUndefined();
  });

  it("refuses a resource without an id", () => {
    expect(() => decodeResource(pb.string(3, "Nameless"), noUserTypes)).toThrow(/no resource id/);
  });
});

describe("decodeEntitlement", () => {
  const base = (...extra: Uint8Array[]) =>
    concat(pb.message(1, resourceId(1, "role", "admin")), pb.string(2, "role:admin:member"), ...extra);

  it("reads slug, purpose, grantable-to and description", () => {
    const data = base(
      pb.string(3, "Admin member"),
      pb.string(4, "Members of Admin"),
      pb.message(5, pb.string(1, "user")),
      pb.message(5, pb.string(1, "group")),
      pb.varint(7, 2),
      pb.string(8, "member"),
    );
    expect(decodeEntitlement(data)).toEqual({
      type: "entitlement",
      id: "role:admin:member",
      resource: { resourceTypeId: "role", id: "admin" },
      displayName: "Admin member",
      description: "Members of Admin",
      slug: "member",
      purpose: "permission",
      grantableTo: ["user", "group"],
      provisionable: true,
    });
  });

  it("derives the slug from the id, defaults to assignment, and honours EntitlementImmutable", () => {
    const record = decodeEntitlement(base(pb.varint(7, 1), pb.any(6, "c1.connector.v2.EntitlementImmutable", pb.string(1, "src"))));
    expect(record).toMatchObject({ slug: "member", displayName: "member", purpose: "assignment", provisionable: false, grantableTo: [] });
  });

  it("refuses an entitlement without id or resource", () => {
    expect(() => decodeEntitlement(pb.message(1, resourceId(1, "role", "admin")))).toThrow(/no id/);
    expect(() => decodeEntitlement(pb.string(2, "x:y:z"))).toThrow(/no resource id/);
  });
});

describe("decodeGrant", () => {
  const entitlement = pb.message(1, pb.message(1, resourceId(1, "role", "admin")), pb.string(2, "role:admin:member"));
  const principal = pb.message(2, resourceId(1, "user", "u1"), pb.string(3, "Ada"));

  it("reads entitlement id, principal and id", () => {
    expect(decodeGrant(concat(entitlement, principal, pb.string(3, "g-1")))).toEqual({
      type: "grant",
      id: "g-1",
      entitlementId: "role:admin:member",
      principal: { resourceTypeId: "user", id: "u1" },
    });
  });

  it("builds baton's default id when the row has none, and refuses a grant without principal", () => {
    expect(decodeGrant(concat(entitlement, principal)).id).toBe("role:admin:member:user:u1");
    expect(() => decodeGrant(entitlement)).toThrow(/principal/);
  });
});
