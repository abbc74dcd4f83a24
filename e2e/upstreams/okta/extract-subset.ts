// Extracts the subset of Okta's official OpenAPI documents the connector and the simulator use
// into openapi-subset.json (committed), so tests read only the in-repo copy.
//
// Sources (okta/okta-management-openapi-spec, dist/current, release 2026.06.3, June 2026):
//   --management  dist/current/management-oneOfInheritance-noExamples.yaml  (Okta Admin Management API)
//   --oauth       dist/current/oauth-oneOfInheritance-noExamples.yaml       (Okta OpenID Connect & OAuth 2.0:
//                 /oauth2/v1/token is not in the Management document)
//
//   npx tsx e2e/upstreams/okta/extract-subset.ts --management <file> --oauth <file>
//
// Copies the chosen operations verbatim, plus every component they reference, transitively
// (discriminator mappings included: they name schemas by string, not by $ref). Management
// components keep their names; OAuth components that clash with a different Management one get
// an "oauth-" prefix. Component names are sorted so a re-run diffs cleanly. `examples` maps are
// dropped: the token operation's point at components/examples the noExamples build leaves out,
// and examples say nothing about shapes.
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { info: Record<string, Json>; servers: Json; paths: Record<string, Record<string, Json>>; components: Record<string, Record<string, Json>> };

const MANAGEMENT_OPERATIONS: Record<string, string[]> = {
  "/api/v1/users": ["get"],
  "/api/v1/users/{id}/groups": ["get"],
  "/api/v1/users/{userId}/roles": ["get"],
  "/api/v1/iam/assignees/users": ["get"],
  "/api/v1/groups": ["get"],
  "/api/v1/groups/{groupId}": ["get"],
  "/api/v1/groups/{groupId}/users": ["get"],
  "/api/v1/groups/{groupId}/users/{userId}": ["put", "delete"],
  "/api/v1/apps": ["get"],
  "/api/v1/apps/{appId}/users": ["get"],
  "/api/v1/apps/{appId}/groups": ["get"],
};
const OAUTH_OPERATIONS: Record<string, string[]> = { "/oauth2/v1/token": ["post"] };

function arg(name: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index > 0 ? process.argv[index + 1] : undefined;
  if (!value) throw new Error(`Pass --${name} <path to the YAML file> (see the header of this script).`);
  return value;
}

const load = (path: string) => parse(readFileSync(path, "utf8")) as Doc;

/** Every "#/components/<section>/<name>" a value points at, by $ref or discriminator mapping. */
function references(value: Json, out: Set<string>) {
  if (Array.isArray(value)) value.forEach((v) => references(v, out));
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") out.add(child);
      else if (key === "mapping" && child && typeof child === "object" && !Array.isArray(child)) {
        Object.values(child).forEach((v) => typeof v === "string" && out.add(v));
      } else references(child, out);
    }
  }
}

function withoutExamples(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "examples").map(([k, v]) => [k, withoutExamples(v)]));
  return value;
}

function rename(value: Json, names: Map<string, string>): Json {
  if (typeof value === "string") return names.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rename(v, names));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v, names)]));
  return value;
}

/** The chosen operations of one document and the closure of the components they reference. */
function pick(doc: Doc, operations: Record<string, string[]>) {
  const paths: Doc["paths"] = {};
  for (const [path, methods] of Object.entries(operations)) {
    const item = doc.paths[path];
    if (!item) throw new Error(`${path} is not in the document`);
    paths[path] = withoutExamples(Object.fromEntries(Object.entries(item).filter(([key]) => key === "parameters" || methods.includes(key)))) as Record<string, Json>;
    for (const method of methods) if (!item[method]) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  }
  const components: Record<string, Record<string, Json>> = {};
  const pending = new Set<string>();
  references(paths as Json, pending);
  const seen = new Set<string>();
  while (pending.size > 0) {
    const ref = pending.values().next().value as string;
    pending.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, , section, name] = ref.split("/");
    const value = doc.components[section]?.[name];
    if (value === undefined) throw new Error(`${ref} is referenced but not defined`);
    (components[section] ??= {})[name] = withoutExamples(value);
    references(value, pending);
  }
  return { paths, components };
}

function main() {
  const management = load(arg("management"));
  const oauth = load(arg("oauth"));
  const m = pick(management, MANAGEMENT_OPERATIONS);
  const o = pick(oauth, OAUTH_OPERATIONS);

  // An OAuth component that clashes with a different Management one is renamed "oauth-<name>"
  // (no Management name has that form). Renaming changes the $refs of the components that use
  // it, which may make them clash in turn: repeat until nothing changes.
  const names = new Map<string, string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [section, entries] of Object.entries(o.components)) {
      for (const [name, value] of Object.entries(entries)) {
        const ref = `#/components/${section}/${name}`;
        const clash = m.components[section]?.[name];
        if (names.has(ref) || clash === undefined || JSON.stringify(clash) === JSON.stringify(rename(value, names))) continue;
        names.set(ref, `#/components/${section}/oauth-${name}`);
        changed = true;
      }
    }
  }
  const components: Record<string, Record<string, Json>> = structuredClone(m.components);
  for (const [section, entries] of Object.entries(o.components)) {
    for (const [name, value] of Object.entries(entries)) {
      const target = (names.get(`#/components/${section}/${name}`) ?? `#/components/${section}/${name}`).split("/")[3];
      // Equal to the Management component of that name: that one is kept.
      if (target === name && m.components[section]?.[name] !== undefined) continue;
      (components[section] ??= {})[target] = rename(value, names);
    }
  }
  const schemes = (doc: Doc, keep: string[]) => Object.fromEntries(keep.map((k) => [k, doc.components.securitySchemes[k]]));
  const sorted = Object.fromEntries(
    Object.keys(components).sort().map((s) => [s, Object.fromEntries(Object.entries(components[s]).sort(([a], [b]) => a.localeCompare(b)))]),
  );
  const subset = {
    openapi: "3.0.3",
    info: {
      title: "Okta Management API and OAuth 2.0 token endpoint: subset for the Gatekeeper connector",
      version: management.info.version,
      "x-source":
        "okta/okta-management-openapi-spec dist/current (release " +
        `${String(management.info.version)}): management-oneOfInheritance-noExamples.yaml and oauth-oneOfInheritance-noExamples.yaml; ` +
        "listed paths and the components they reference, verbatim",
    },
    servers: management.servers,
    paths: { ...m.paths, ...(rename(o.paths as Json, names) as Doc["paths"]) },
    components: {
      ...sorted,
      securitySchemes: {
        ...schemes(management, ["apiToken", "oauth2"]),
        ...schemes(oauth, ["Client_authentication_private_key_jwt", "Client_authentication_client_secret_basic", "Client_authentication_client_secret_post", "Client_authentication_client_secret_jwt"]),
      },
    },
  };
  const out = new URL("./openapi-subset.json", import.meta.url);
  writeFileSync(out, `${JSON.stringify(subset, null, 1)}\n`);
  const counts = Object.entries(subset.components).map(([k, v]) => `${Object.keys(v).length} ${k}`).join(", ");
  console.log(`Wrote ${out.pathname}: ${Object.keys(subset.paths).length} paths; ${counts}; renamed ${[...names.values()].join(", ") || "none"}.`);
}

main();
