import type { SyncRecord } from "@/lib/connectors/types";
import { describe, expect, it } from "vitest";
import { C1zError, inspectC1z, openC1z, readC1zFile, readC1zRecords, type C1zOptions } from "./index";
import { DEFAULT_LIMITS, unpackC1z } from "./format";
import { countResourcesByType, countRows, listSyncRuns, openSyncDatabase } from "./sqlite";
import { c1z, IN_PROGRESS, PINGFED, zstdRaw } from "./test-support";

const PINGFED_SYNCS = { first: "2sYY6HZcWTjuixmqc4b9fml7XhR", latest: "2sYYAiUccvih6WNvyJWegRdqKlS" };
const IN_PROGRESS_SYNC = "3ARefY5G8eOytquwYgm41Nq07IZ";

async function collect(bytes: Uint8Array, options: C1zOptions = {}) {
  const records: SyncRecord[] = [];
  for await (const record of readC1zRecords(bytes, options)) records.push(record);
  const of = <T extends SyncRecord["type"]>(type: T) => records.filter((r): r is Extract<SyncRecord, { type: T }> => r.type === type);
  return { records, resourceTypes: of("resourceType"), resources: of("resource"), entitlements: of("entitlement"), grants: of("grant") };
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

/** Rewrites a fixture's database with SQL and wraps it back into a .c1z (raw zstd blocks). */
async function mutateFixture(file: string, sql: string): Promise<Uint8Array> {
  const db = await openSyncDatabase(await unpackC1z(await readC1zFile(file), DEFAULT_LIMITS));
  try {
    db.exec(sql);
    return c1z(zstdRaw(db.export()));
  } finally {
    db.close();
  }
}

async function refusal(promise: Promise<unknown>): Promise<C1zError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(C1zError);
  return error as C1zError;
}

describe("the finished fixture (baton-pingfed)", () => {
  it("inspects to the latest finished full sync with exact counts and lists both syncs", async () => {
    const inspection = await inspectC1z(await readC1zFile(PINGFED));
    expect(inspection).toEqual({
      syncId: PINGFED_SYNCS.latest,
      type: "full",
      finished: true,
      startedAt: "2025-02-03T20:50:33.300Z",
      endedAt: "2025-02-03T20:50:33.457Z",
      resourceTypes: 2,
      resources: { role: 5, user: 4 },
      entitlements: 5,
      grants: 10,
      syncs: [
        { id: PINGFED_SYNCS.first, type: "full", startedAt: "2025-02-03T20:49:58.955Z", endedAt: "2025-02-03T20:49:59.321Z", finished: true },
        { id: PINGFED_SYNCS.latest, type: "full", startedAt: "2025-02-03T20:50:33.300Z", endedAt: "2025-02-03T20:50:33.457Z", finished: true },
      ],
    });
  });

  it("holds 18 resources, 10 entitlements and 19 grants across its two syncs", async () => {
    const db = await openSyncDatabase(await unpackC1z(await readC1zFile(PINGFED), DEFAULT_LIMITS));
    try {
      expect(listSyncRuns(db).map((s) => s.id)).toEqual([PINGFED_SYNCS.first, PINGFED_SYNCS.latest]);
      expect(countResourcesByType(db, PINGFED_SYNCS.first)).toEqual({ role: 5, user: 4 });
      const totals = (table: "v1_resources" | "v1_entitlements" | "v1_grants") =>
        countRows(db, table, PINGFED_SYNCS.first) + countRows(db, table, PINGFED_SYNCS.latest);
      expect([totals("v1_resources"), totals("v1_entitlements"), totals("v1_grants")]).toEqual([18, 10, 19]);
      expect(countRows(db, "v1_grants", PINGFED_SYNCS.first)).toBe(9);
    } finally {
      db.close();
    }
  });

  it("reads the chosen sync as records: types first, then resources, entitlements, grants", async () => {
    const { records, resourceTypes, resources, entitlements, grants } = await collect(await readC1zFile(PINGFED));
    expect(records.map((r) => r.type)).toEqual([
      ...Array<string>(2).fill("resourceType"),
      ...Array<string>(9).fill("resource"),
      ...Array<string>(5).fill("entitlement"),
      ...Array<string>(10).fill("grant"),
    ]);
    expect(resourceTypes).toEqual([
      { type: "resourceType", id: "user", displayName: "User", traits: ["user"] },
      { type: "resourceType", id: "role", displayName: "Role", traits: ["role"] },
    ]);
    expect(countBy(resources, (r) => r.resourceTypeId)).toEqual({ role: 5, user: 4 });

    const users = resources.filter((r) => r.user);
    expect(users.map((u) => [u.id, u.user])).toEqual([
      ["Administrator", { login: "Administrator", status: "enabled" }],
      ["sam-ng", { email: "sam@nyedis.com", login: "sam-ng", status: "enabled" }],
      ["admin", { email: "dummy@gmail.com", login: "admin", status: "enabled" }],
      ["kurt-bitner", { email: "kurt@nyedis.com", login: "kurt-bitner", status: "enabled" }],
    ]);
    expect(users.filter((u) => u.user?.email)).toHaveLength(3);
    expect(resources.find((r) => r.id === "sam-ng")?.profile).toMatchObject({ department: "iam", isAuditor: false });

    expect(entitlements.map((e) => e.id).sort()).toEqual(
      ["ADMINISTRATOR", "AUDITOR", "CRYPTO_ADMINISTRATOR", "EXPRESSION_ADMINISTRATOR", "USER_ADMINISTRATOR"].map((r) => `role:${r}:assigned`),
    );
    expect(entitlements.find((e) => e.id === "role:AUDITOR:assigned")).toEqual({
      type: "entitlement",
      id: "role:AUDITOR:assigned",
      resource: { resourceTypeId: "role", id: "AUDITOR" },
      displayName: "AUDITOR User Role",
      description: "Has the AUDITOR role in PingFederate",
      slug: "assigned",
      purpose: "assignment",
      grantableTo: ["user"],
      provisionable: true,
    });

    expect(grants).toHaveLength(10);
    expect(grants[0]).toEqual({
      type: "grant",
      id: "role:AUDITOR:assigned:user:kurt-bitner",
      entitlementId: "role:AUDITOR:assigned",
      principal: { resourceTypeId: "user", id: "kurt-bitner" },
    });
    // Every grant points at an entitlement and a principal of the same snapshot.
    const entitlementIds = new Set(entitlements.map((e) => e.id));
    const resourceKeys = new Set(resources.map((r) => `${r.resourceTypeId}/${r.id}`));
    for (const g of grants) {
      expect(entitlementIds.has(g.entitlementId)).toBe(true);
      expect(resourceKeys.has(`${g.principal.resourceTypeId}/${g.principal.id}`)).toBe(true);
    }
    expect(countBy(grants, (g) => g.principal.id)).toEqual({ Administrator: 4, admin: 4, "sam-ng": 1, "kurt-bitner": 1 });
  });
});

describe("the unfinished fixture (baton-sdk, sync in progress)", () => {
  it("is refused, saying why and how to override", async () => {
    const bytes = await readC1zFile(IN_PROGRESS);
    const error = await refusal(inspectC1z(bytes));
    expect(error.kind).toBe("unfinished");
    expect(error.name).toBe("C1zError");
    expect(error.message).toContain(IN_PROGRESS_SYNC);
    expect(error.message).toMatch(/replace the last full snapshot/);
    expect(error.message).toMatch(/vanish/);
    expect(error.message).toContain("--allow-unfinished");
    expect((await refusal(collect(bytes))).kind).toBe("unfinished");
  });

  it("is read with allowUnfinished: 79 resources", async () => {
    const bytes = await readC1zFile(IN_PROGRESS);
    const inspection = await inspectC1z(bytes, { allowUnfinished: true });
    expect(inspection).toMatchObject({
      syncId: IN_PROGRESS_SYNC,
      type: "full",
      finished: false,
      endedAt: null,
      resourceTypes: 5,
      resources: { group: 31, project: 25, role: 10, scoped_role: 3, user: 10 },
      entitlements: 0,
      grants: 0,
    });
    expect(inspection.syncs).toEqual([
      { id: IN_PROGRESS_SYNC, type: "full", startedAt: "2026-03-03T09:45:13.056Z", endedAt: null, finished: false },
    ]);

    const { resourceTypes, resources, entitlements, grants } = await collect(bytes, { allowUnfinished: true });
    expect(resources).toHaveLength(79);
    expect(countBy(resources, (r) => r.resourceTypeId)).toEqual({ group: 31, project: 25, role: 10, scoped_role: 3, user: 10 });
    expect(resourceTypes.map((t) => [t.id, t.traits])).toEqual([
      ["user", ["user"]],
      ["group", ["group"]],
      ["role", ["role"]],
      ["scoped_role", []],
      ["project", []],
    ]);
    const users = resources.filter((r) => r.user);
    expect(users).toHaveLength(10);
    expect(users.filter((u) => u.user?.email)).toHaveLength(10);
    expect(users[0]).toMatchObject({ id: "user-0000000", user: { email: "user-0000000@example.com", login: "user-0000000", status: "enabled" } });
    expect(entitlements).toHaveLength(0);
    expect(grants).toHaveLength(0);
  });
});

describe("choosing the sync", () => {
  it("skips a newer unfinished sync for the latest finished one, unless allowUnfinished", async () => {
    const bytes = await mutateFixture(PINGFED, `UPDATE v1_sync_runs SET ended_at = NULL WHERE sync_id = '${PINGFED_SYNCS.latest}'`);
    expect(await inspectC1z(bytes)).toMatchObject({ syncId: PINGFED_SYNCS.first, finished: true, grants: 9 });
    expect(await inspectC1z(bytes, { allowUnfinished: true })).toMatchObject({ syncId: PINGFED_SYNCS.latest, finished: false, grants: 10 });
    expect((await collect(bytes)).grants).toHaveLength(9);
  });

  it("refuses a file whose only finished sync is partial", async () => {
    const bytes = await mutateFixture(IN_PROGRESS, "UPDATE v1_sync_runs SET ended_at = started_at, sync_type = 'partial'");
    const error = await refusal(inspectC1z(bytes));
    expect(error.kind).toBe("unfinished");
    expect(error.message).toContain("partial, finished");
    expect(await inspectC1z(bytes, { allowUnfinished: true })).toMatchObject({ type: "partial", finished: true });
  });

  it("refuses a file without sync runs as empty", async () => {
    const error = await refusal(inspectC1z(await mutateFixture(PINGFED, "DELETE FROM v1_sync_runs")));
    expect(error.kind).toBe("empty");
    expect((await refusal(inspectC1z(new Uint8Array()))).kind).toBe("empty");
  });

  it("closes the reader: records() is refused afterwards", async () => {
    const reader = await openC1z(await readC1zFile(PINGFED));
    reader.close();
    reader.close();
    expect(() => reader.records()).toThrow(/closed/);
  });

  it("stops reading when the reader is closed mid-iteration", async () => {
    const reader = await openC1z(await readC1zFile(PINGFED));
    const seen: string[] = [];
    const read = (async () => {
      for await (const record of reader.records()) {
        seen.push(record.type);
        if (seen.length === 3) reader.close();
      }
    })();
    await expect(read).rejects.toThrow(/closed while its records were being read/);
    expect(seen).toHaveLength(3);
  });

  it("reports an undecodable row with its table and row id", async () => {
    const bytes = await mutateFixture(PINGFED, `UPDATE v1_grants SET data = x'0a05' WHERE sync_id = '${PINGFED_SYNCS.latest}'`);
    const error = await refusal(collect(bytes));
    expect(error.kind).toBe("corrupt");
    expect(error.message).toMatch(/v1_grants row \d+ cannot be decoded/);
  });
});
