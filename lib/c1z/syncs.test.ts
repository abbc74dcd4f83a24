import { describe, expect, it } from "vitest";
import { C1zError } from "./errors";
import { chooseSync, normalizeTimestamp, type C1zSyncRun } from "./syncs";

const run = (id: string, type: string, startedAt: string, endedAt: string | null): C1zSyncRun => ({
  id,
  type,
  startedAt,
  endedAt,
  finished: endedAt !== null,
});

describe("normalizeTimestamp", () => {
  it.each([
    ["2025-02-03 20:49:58.9550432", "2025-02-03T20:49:58.955Z"],
    ["2025-02-03 20:49:58", "2025-02-03T20:49:58.000Z"],
    ["2025-02-03T20:49:58.5Z", "2025-02-03T20:49:58.500Z"],
    ["2025-02-03 21:49:58.123456789+01:00", "2025-02-03T20:49:58.123Z"],
    ["2025-02-03 21:49:58.1 +0100 CET", "2025-02-03T20:49:58.100Z"],
    ["2025-02-03 20:49:58 +0000 UTC", "2025-02-03T20:49:58.000Z"],
  ])("reads %s", (raw, iso) => {
    expect(normalizeTimestamp(raw)).toBe(iso);
  });

  it("passes through what it does not recognise, and null", () => {
    expect(normalizeTimestamp("yesterday")).toBe("yesterday");
    expect(normalizeTimestamp(null)).toBeNull();
  });
});

describe("chooseSync", () => {
  const older = run("2a", "full", "2025-01-01T00:00:00.000Z", "2025-01-01T01:00:00.000Z");
  const newer = run("2b", "full", "2025-01-02T00:00:00.000Z", "2025-01-02T01:00:00.000Z");
  const running = run("2c", "full", "2025-01-03T00:00:00.000Z", null);
  const partial = run("2d", "partial", "2025-01-04T00:00:00.000Z", "2025-01-04T00:10:00.000Z");

  it("takes the latest finished full sync, ignoring newer partial and running ones", () => {
    expect(chooseSync([older, newer, running, partial], false).id).toBe("2b");
    expect(chooseSync([newer, older], false).id).toBe("2b");
  });

  it("breaks an end-time tie by the larger (later) KSUID, as baton-sdk does", () => {
    const twin = { ...newer, id: "2a9" };
    expect(chooseSync([twin, newer], false).id).toBe("2b");
  });

  it("with allowUnfinished takes the latest-started full sync, else the latest sync", () => {
    expect(chooseSync([older, newer, running, partial], true).id).toBe("2c");
    expect(chooseSync([partial, run("2e", "resources_only", "2025-01-05T00:00:00.000Z", null)], true).id).toBe("2e");
  });

  it("refuses partial-only and empty lists with named errors", () => {
    expect(() => chooseSync([partial], false)).toThrow(C1zError);
    expect(() => chooseSync([partial], false)).toThrow(/2d \(partial, finished/);
    expect(() => chooseSync([], true)).toThrow(/no sync runs/);
  });
});
