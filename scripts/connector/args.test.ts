// Argument parsing: every verb, and every mistake named before anything runs.
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./args";

describe("parseCliArgs", () => {
  it.each([
    [["check", "cloudflare", "--config", "c.json"], { verb: "check", connectorId: "cloudflare", configPath: "c.json" }],
    [["sync", "temporal-cloud", "-c", "t.json"], { verb: "sync", connectorId: "temporal-cloud", configPath: "t.json", outPath: undefined }],
    [["sync", "cloudflare", "--config=c.json", "--out", "o.ndjson"], { verb: "sync", connectorId: "cloudflare", configPath: "c.json", outPath: "o.ndjson" }],
    [
      ["grant", "cloudflare", "--config", "c.json", "--entitlement", "role:r1:member", "--principal", "m1"],
      { verb: "grant", connectorId: "cloudflare", configPath: "c.json", entitlementId: "role:r1:member", principalId: "m1" },
    ],
    [
      ["revoke", "temporal-cloud", "--principal", "u1", "--entitlement", "account-role:read:member", "--config", "t.json"],
      { verb: "revoke", connectorId: "temporal-cloud", configPath: "t.json", entitlementId: "account-role:read:member", principalId: "u1" },
    ],
  ])("parses %j", (argv, command) => {
    expect(parseCliArgs(argv)).toEqual({ ok: true, command });
  });

  it.each([[["--help"]], [["help"]], [["check", "-h"]]])("asks for help with %j", (argv) => {
    expect(parseCliArgs(argv)).toEqual({ ok: true, help: true });
  });

  it.each([
    [[], /Missing a command/],
    [["deploy", "cloudflare"], /Unknown command "deploy"/],
    [["check"], /Missing the connector id/],
    [["check", "github", "--config", "c.json"], /Unknown connector "github"/],
    [["check", "toString", "--config", "c.json"], /Unknown connector/],
    [["check", "cloudflare"], /Missing --config/],
    [["check", "cloudflare", "extra", "--config", "c.json"], /Unexpected argument "extra"/],
    [["check", "cloudflare", "--config", "c.json", "--out", "o"], /--out is for sync only/],
    [["sync", "cloudflare", "--config", "c.json", "--principal", "p"], /for grant and revoke only/],
    [["grant", "cloudflare", "--config", "c.json", "--principal", "p"], /Missing --entitlement/],
    [["revoke", "cloudflare", "--config", "c.json", "--entitlement", "e"], /Missing --principal/],
    [["check", "cloudflare", "--config", "c.json", "--verbose"], /Unknown option '--verbose'/],
  ])("refuses %j", (argv, error) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.error).toMatch(error);
  });
});
