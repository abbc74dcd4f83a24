// The .c1z writer the benchmarks build their files with: what it writes, the reader reads back
// exactly, and a size bound stops it early and says so.
import { describe, expect, it } from "vitest";
import type { SyncRecord } from "@/lib/connectors/types";
import { inspectC1z, readC1zRecords } from "./index";
import { writeC1z } from "./writer";

const records: SyncRecord[] = [
  { type: "resourceType", id: "user", displayName: "User", traits: ["user"], description: "People" },
  { type: "resourceType", id: "team", displayName: "Team", traits: ["group"] },
  { type: "resource", resourceTypeId: "team", id: "t1", displayName: "Payments", description: "The payments team", profile: { size: 4, remote: true, lead: "Ada", note: null } },
  { type: "resource", resourceTypeId: "user", id: "u1", displayName: "Ada Lovelace", parent: { resourceTypeId: "team", id: "t1" }, user: { email: "ada@example.com", login: "ada", status: "enabled" } },
  { type: "resource", resourceTypeId: "user", id: "u2", displayName: "Ben", user: { status: "disabled" } },
  { type: "entitlement", id: "team:t1:member", resource: { resourceTypeId: "team", id: "t1" }, displayName: "Payments member", description: "Member", slug: "member", purpose: "assignment", grantableTo: ["user"], provisionable: true },
  { type: "entitlement", id: "team:t1:admin", resource: { resourceTypeId: "team", id: "t1" }, displayName: "Payments admin", slug: "admin", purpose: "permission", grantableTo: ["user", "team"], provisionable: false },
  { type: "grant", id: "g1", entitlementId: "team:t1:member", principal: { resourceTypeId: "user", id: "u1" } },
  { type: "grant", id: "g2", entitlementId: "team:t1:admin", principal: { resourceTypeId: "user", id: "u2" } },
];

describe("writeC1z", () => {
  it("writes a finished full sync the reader reads back record for record", async () => {
    const { bytes, complete, counts } = await writeC1z(records);
    expect(complete).toBe(true);
    expect(counts).toEqual({ resourceType: 2, resource: 3, entitlement: 2, grant: 2 });
    const inspection = await inspectC1z(bytes);
    expect(inspection).toMatchObject({ type: "full", finished: true, resourceTypes: 2, resources: { team: 1, user: 2 }, entitlements: 2, grants: 2 });
    const read: SyncRecord[] = [];
    for await (const record of readC1zRecords(bytes)) read.push(record);
    expect(read).toEqual(records);
  });

  it("stops once the database passes maxBytes, within a thousand rows", async () => {
    const many: SyncRecord[] = [records[0], ...Array.from({ length: 30_000 }, (_, i): SyncRecord => ({ type: "resource", resourceTypeId: "user", id: `u${i}`, displayName: `User ${i}`, user: { email: `u${i}@example.com` } }))];
    const { complete, counts, databaseBytes } = await writeC1z(many, { maxBytes: 1_000_000 });
    expect(complete).toBe(false);
    expect(counts.resource).toBeGreaterThan(0);
    expect(counts.resource).toBeLessThan(30_000);
    expect(databaseBytes).toBeLessThan(1_250_000);
  });
});
