// Validates requests and responses against Cloudflare's OpenAPI subset with ajv: the one
// judge of whether the simulator (and the adapter's requests) are exact to the spec.
// OpenAPI 3.0 semantics ajv does not know are added here, each with its reason.
import { readFileSync } from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";

type Schema = Record<string, unknown> | boolean;
type Parameter = { in: string; name: string; required?: boolean; schema: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: Record<string, string[]>[];
};
export type OpenApiSpec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

export type HttpExchange = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  requestBody: unknown;
  status: number;
  responseHeaders?: Record<string, string>;
  responseBody: unknown;
  fault?: string;
};

export function loadCloudflareSpec(): OpenApiSpec {
  return JSON.parse(readFileSync(new URL("./openapi-subset.json", import.meta.url), "utf8")) as OpenApiSpec;
}

const RESPONSE_ID = "cloudflare://response";
const REQUEST_ID = "cloudflare://request";
const isObject = (s: unknown): s is Record<string, unknown> => typeof s === "object" && s !== null && !Array.isArray(s);

/** Deep copy with every "#/components/..." $ref made absolute to the given document. */
function absoluteRefs(schema: unknown, base: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => absoluteRefs(s, base));
  if (!isObject(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `${base}${v}` : absoluteRefs(v, base)]),
  );
}

/**
 * OpenAPI 3.0: a readOnly property "SHOULD NOT be sent as part of the request", and its
 * `required` applies to responses only. Request schemas therefore forbid readOnly properties
 * (schema `false`) and drop them from `required`.
 */
function requestView(spec: OpenApiSpec): Record<string, Schema> {
  const resolve = (s: unknown): unknown =>
    isObject(s) && typeof s.$ref === "string" ? spec.components.schemas[s.$ref.split("/").pop() ?? ""] : s;
  const readOnly = (s: unknown): boolean => {
    const target = resolve(s);
    if (!isObject(target)) return false;
    return target.readOnly === true || (Array.isArray(target.allOf) && target.allOf.some(readOnly));
  };
  const walk = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(walk);
    if (!isObject(s)) return s;
    const out: Record<string, unknown> = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, walk(v)]));
    if (isObject(s.properties)) {
      const dropped = Object.keys(s.properties).filter((name) => readOnly((s.properties as Record<string, unknown>)[name]));
      out.properties = { ...(out.properties as object), ...Object.fromEntries(dropped.map((name) => [name, false])) };
      if (Array.isArray(s.required)) out.required = s.required.filter((name) => !dropped.includes(name as string));
    }
    return out;
  };
  return walk(spec.components.schemas) as Record<string, Schema>;
}

const errorsOf = (validate: ValidateFunction) => (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`.trim());

export function createCloudflareSpecValidator(spec: OpenApiSpec = loadCloudflareSpec()) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);
  ajv.addSchema({ $id: RESPONSE_ID, components: spec.components });
  ajv.addSchema({ $id: REQUEST_ID, components: { schemas: requestView(spec) } });
  const cache = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: Schema, base: string) => {
    let validate = cache.get(key);
    if (!validate) {
      validate = ajv.compile(absoluteRefs(schema, base) as object);
      cache.set(key, validate);
    }
    return validate;
  };
  const check = (key: string, schema: Schema, base: string, value: unknown, where: string) => {
    const validate = compile(key, schema, base);
    return validate(value) ? [] : errorsOf(validate).map((e) => `${where}: ${e}`);
  };
  const failure = { $ref: "#/components/schemas/iam_api-response-common-failure" };

  const templates = Object.keys(spec.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`),
  }));
  const find = (method: string, path: string) => {
    const template = templates.find((t) => t.pattern.test(path))?.template;
    const operation = template ? spec.paths[template][method.toLowerCase()] : undefined;
    return { template, operation, where: `${method} ${template ?? path}` };
  };

  function validateRequest(ex: Pick<HttpExchange, "method" | "path" | "query" | "headers" | "requestBody">): string[] {
    const { template, operation, where } = find(ex.method, ex.path);
    if (!template || !operation) return [`${where}: no such operation in the OpenAPI spec`];
    const problems: string[] = [];
    const values = template.split("/").reduce<Record<string, string>>((acc, part, i) => {
      if (part.startsWith("{")) acc[part.slice(1, -1)] = decodeURIComponent(ex.path.split("/")[i] ?? "");
      return acc;
    }, {});
    const declared = operation.parameters ?? [];
    // The subset leaves Cloudflare's standard page/per_page off List Roles, a paginated
    // collection the live API pages (cloudflare-go sends both); List Members' rules apply.
    const collection = JSON.stringify(operation.responses["200"] ?? {}).includes("collection");
    const paging = spec.paths["/accounts/{account_id}/members"].get.parameters?.filter((p) => p.name === "page" || p.name === "per_page") ?? [];
    const params = collection ? [...declared, ...paging.filter((p) => !declared.some((d) => d.name === p.name))] : declared;
    for (const param of params) {
      const raw = param.in === "path" ? values[param.name] : param.in === "query" ? ex.query[param.name] : undefined;
      if (raw === undefined) {
        if (param.required) problems.push(`${where}: missing ${param.in} parameter ${param.name}`);
        continue;
      }
      const type = isObject(param.schema) ? param.schema.type : undefined;
      const value = type === "number" || type === "integer" ? Number(raw) : raw;
      problems.push(...check(`param:${where}:${param.name}`, param.schema, RESPONSE_ID, value, `${where} ${param.in} parameter ${param.name}`));
    }
    for (const name of Object.keys(ex.query)) {
      if (!params.some((p) => p.in === "query" && p.name === name)) problems.push(`${where}: undeclared query parameter ${name}`);
    }
    problems.push(...securityProblems(operation, ex.headers, where));
    const body = operation.requestBody;
    const schema = body?.content["application/json"]?.schema;
    if (ex.requestBody !== undefined && !body) problems.push(`${where}: sends a body the operation does not take`);
    if (body?.required && ex.requestBody === undefined && schema) problems.push(`${where}: request body is required`);
    if (schema && ex.requestBody !== undefined) problems.push(...check(`request:${where}`, schema, REQUEST_ID, ex.requestBody, `${where} request body`));
    return problems;
  }

  function validateResponse(ex: Pick<HttpExchange, "method" | "path" | "status" | "responseBody" | "responseHeaders">): string[] {
    const { operation, where } = find(ex.method, ex.path);
    const at = `${where} → ${ex.status}`;
    if (!operation) return ex.status === 404 ? check("failure", failure, RESPONSE_ID, ex.responseBody, at) : [`${at}: no such operation`];
    if (ex.status >= 400) {
      const declared = operation.responses[ex.status < 500 ? "4XX" : "5XX"];
      // The spec's 4XX schemas are allOf(<success envelope>, common-failure): the first part
      // demands success: true and a non-null result, the second success: false and result: null,
      // so no body satisfies both. The failure part is the one describing an error body; 5xx
      // bodies (undeclared) are held to it as well.
      const parts = (declared?.content?.["application/json"]?.schema as { allOf?: Schema[] } | undefined)?.allOf ?? [failure];
      const failurePart = parts.find((p) => JSON.stringify(p).includes("common-failure")) ?? failure;
      const problems = check(`failure:${JSON.stringify(failurePart)}`, failurePart, RESPONSE_ID, ex.responseBody, at);
      if (ex.status === 429 && !ex.responseHeaders?.["retry-after"]) problems.push(`${at}: 429 without Retry-After`);
      return problems;
    }
    const schema = operation.responses[String(ex.status)]?.content?.["application/json"]?.schema;
    if (!schema) return [`${at}: status not declared by the spec`];
    return check(`response:${where}:${ex.status}`, schema, RESPONSE_ID, ex.responseBody, at);
  }

  /** Both halves; a malformed-JSON fault's body is off-spec on purpose and not judged. */
  function validateExchange(ex: HttpExchange): string[] {
    return [...validateRequest(ex), ...(ex.fault === "malformed-json" ? [] : validateResponse(ex))];
  }

  return { validateRequest, validateResponse, validateExchange };
}

/**
 * Exactly one credential kind per request. Verify Token declares api_token; the account
 * operations declare the X-Auth pair, and Cloudflare accepts API tokens on them too (the
 * seed's "API token" method), so a bearer token is allowed there.
 */
function securityProblems(operation: Operation, headers: HttpExchange["headers"], where: string): string[] {
  const bearer = typeof headers.authorization === "string" && /^Bearer \S+$/.test(headers.authorization);
  const pair = typeof headers["x-auth-email"] === "string" && typeof headers["x-auth-key"] === "string";
  const anyKeyHeader = headers["x-auth-email"] !== undefined || headers["x-auth-key"] !== undefined;
  if (bearer && anyKeyHeader) return [`${where}: sends both a bearer token and X-Auth headers`];
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  if (schemes.includes("api_token") && !schemes.includes("api_key")) return bearer ? [] : [`${where}: needs Authorization: Bearer`];
  return bearer || pair ? [] : [`${where}: needs Authorization: Bearer or X-Auth-Email + X-Auth-Key`];
}

export type CloudflareSpecValidator = ReturnType<typeof createCloudflareSpecValidator>;
