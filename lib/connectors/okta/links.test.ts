// Link headers as Okta (and fetch, which joins repeated headers) deliver them.
import { describe, expect, it } from "vitest";
import { nextLink, parseLinkHeader } from "./links";

describe("parseLinkHeader", () => {
  it("splits the self and next links fetch joined with a comma", () => {
    const header = '<https://acme.okta.com/api/v1/users?limit=200>; rel="self", <https://acme.okta.com/api/v1/users?after=00u1&limit=200>; rel="next"';
    expect(parseLinkHeader(header)).toEqual([
      { url: "https://acme.okta.com/api/v1/users?limit=200", rels: ["self"] },
      { url: "https://acme.okta.com/api/v1/users?after=00u1&limit=200", rels: ["next"] },
    ]);
  });

  it("keeps commas inside URLs and quoted parameters, and reads several rels and unquoted ones", () => {
    const header = '<https://x/api/v1/users?fields=id,status&after=a%2Cb>; rel="next last"; title="a, b", <https://x/p>;rel=self';
    expect(parseLinkHeader(header)).toEqual([
      { url: "https://x/api/v1/users?fields=id,status&after=a%2Cb", rels: ["next", "last"] },
      { url: "https://x/p", rels: ["self"] },
    ]);
  });

  it("returns nothing for an absent or empty header", () => {
    expect(parseLinkHeader(null)).toEqual([]);
    expect(parseLinkHeader("")).toEqual([]);
  });
});

describe("nextLink", () => {
  it("uses Okta's path and query as given, on the configured origin only", () => {
    const header = '<https://acme.okta.com/api/v1/groups?after=opaque.Sig%3D&limit=200>; rel="next"';
    expect(nextLink(header, "https://acme.okta.com")).toBe("https://acme.okta.com/api/v1/groups?after=opaque.Sig%3D&limit=200");
    // Behind an override (simulator, proxy), credentials still go only to that origin.
    expect(nextLink(header, "http://127.0.0.1:4030")).toBe("http://127.0.0.1:4030/api/v1/groups?after=opaque.Sig%3D&limit=200");
    expect(nextLink('<https://evil.example/api/v1/users?after=x>; rel="next"', "https://acme.okta.com")).toBe("https://acme.okta.com/api/v1/users?after=x");
  });

  it("is undefined on the last page, and an error for a next that is not a URL", () => {
    expect(nextLink('<https://acme.okta.com/api/v1/users?limit=200>; rel="self"', "https://acme.okta.com")).toBeUndefined();
    expect(() => nextLink('<http://[bad>; rel="next"', "https://acme.okta.com")).toThrow(expect.objectContaining({ kind: "malformed_response" }));
  });
});
