// Validates requests and answers against the in-repo subset of Okta's OpenAPI documents with
// ajv: the judge of whether the simulator (and what the adapter sends) matches Okta. OpenAPI
// semantics ajv lacks are added here with their reasons, and so are the Okta conventions the
// documents describe only in prose (rate-limit headers, Link paging).
import { readFileSync } from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";

type Schema = Record<string, unknown> | boolean;
type Parameter = { in: string; name: string; required?: boolean; schema?: Schema; $ref?: string };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>;
  security?: Record<string, string[]>[];
};
type PathItem = Record<string, Operation> & { parameters?: Parameter[] };
export type OpenApiSpec = { paths: Record<string, PathItem>; components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter>; responses: Record<string, Operation["responses"][string]> } };

export type HttpExchange = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** JSON bodies parsed; form bodies as an object of their fields. */
  requestBody: unknown;
  status: number;
  responseHeaders?: Record<string, string | string[]>;
  responseBody: unknown;
  fault?: string;
};

export function loadOktaSpec(): OpenApiSpec {
  return JSON.parse(readFileSync(new URL("./openapi-subset.json", import.meta.url), "utf8")) as OpenApiSpec;
}

const DOC = "okta://spec";
const isObject = (s: unknown): s is Record<string, unknown> => typeof s === "object" && s !== null && !Array.isArray(s);
const lastPart = (ref: string) => ref.split("/").pop() ?? "";

/**
 * Deep copy for ajv: "#/..." refs made absolute to the spec document, and oneOf/anyOf with a
 * discriminator mapping made a choice by value. Ajv ignores `discriminator`, and the branches
 * (each allOf the shared base) often all accept one object, so a plain oneOf would reject every
 * valid app or role. OpenAPI picks the branch by the property's value; so does this.
 * And `nullable: true` next to an `enum` admits null: OpenAPI 3.0.3 leaves that open, and Okta
 * marks such fields nullable because its serializer writes null (transitioningToStatus).
 * `nullable` without `type` has no effect in OpenAPI 3.0.3 (ajv refuses it), so it is dropped.
 */
function prepare(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(prepare);
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `${DOC}${v}` : prepare(v);
  if (schema.nullable !== undefined && schema.type === undefined) delete out.nullable;
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
  const discriminator = schema.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  const branches = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  if (discriminator?.propertyName && discriminator.mapping && branches) {
    const byTarget = new Map<string, string[]>();
    for (const [value, target] of Object.entries(discriminator.mapping)) byTarget.set(target, [...(byTarget.get(target) ?? []), value]);
    const p = discriminator.propertyName;
    delete out.oneOf;
    delete out.anyOf;
    // if/then per branch rather than oneOf: only the chosen branch reports its errors.
    out.allOf = [
      { type: "object", required: [p], properties: { [p]: { enum: Object.keys(discriminator.mapping) } } },
      ...[...byTarget].map(([target, values]) => ({ if: { properties: { [p]: { enum: values } }, required: [p] }, then: { $ref: `${DOC}${target}` } })),
    ];
  }
  return out;
}

const errorsOf = (validate: ValidateFunction) => (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`.trim());
const header = (headers: HttpExchange["headers"] | undefined, name: string) => {
  const value = headers?.[name] ?? headers?.[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
};

export function createOktaSpecValidator(spec: OpenApiSpec = loadOktaSpec()) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i);
  ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat("password", true);
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addSchema({ $id: DOC, components: prepare(spec.components) as object });
  const cache = new Map<string, ValidateFunction>();
  const check = (key: string, schema: Schema, value: unknown, where: string) => {
    let validate = cache.get(key);
    if (!validate) cache.set(key, (validate = ajv.compile(prepare(schema) as object)));
    return validate(value) ? [] : errorsOf(validate).map((e) => `${where}: ${e}`);
  };
  const param = (p: Parameter) => (p.$ref ? spec.components.parameters[lastPart(p.$ref)] : p);
  const response = (r: Operation["responses"][string] | undefined) => (r?.$ref ? spec.components.responses[lastPart(r.$ref)] : r);

  const templates = Object.keys(spec.paths).map((template) => ({ template, pattern: new RegExp(`^${template.replace(/\{\w+\}/g, "[^/]+")}$`) }));
  const find = (method: string, path: string) => {
    const template = templates.find((t) => t.pattern.test(path))?.template;
    const item = template ? spec.paths[template] : undefined;
    return { template, item, operation: item?.[method.toLowerCase()] as Operation | undefined, where: `${method} ${template ?? path}` };
  };

  function validateRequest(ex: Pick<HttpExchange, "method" | "path" | "query" | "headers" | "requestBody">): string[] {
    const { template, item, operation, where } = find(ex.method, ex.path);
    if (!template || !item || !operation) return [`${where}: no such operation in the OpenAPI subset`];
    const problems: string[] = [];
    const values: Record<string, string> = {};
    template.split("/").forEach((part, i) => {
      if (part.startsWith("{")) values[part.slice(1, -1)] = decodeURIComponent(ex.path.split("/")[i] ?? "");
    });
    const params = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(param);
    for (const p of params) {
      const raw = p.in === "path" ? values[p.name] : p.in === "query" ? ex.query[p.name] : p.in === "header" ? header(ex.headers, p.name) : undefined;
      if (raw === undefined) {
        if (p.required) problems.push(`${where}: missing ${p.in} parameter ${p.name}`);
        continue;
      }
      if (!p.schema) continue;
      const type = isObject(p.schema) ? p.schema.type : undefined;
      const value = type === "integer" || type === "number" ? Number(raw) : type === "boolean" ? raw === "true" ? true : raw === "false" ? false : raw : raw;
      problems.push(...check(`param:${where}:${p.in}:${p.name}`, p.schema, value, `${where} ${p.in} parameter ${p.name}`));
    }
    for (const name of Object.keys(ex.query)) {
      if (!params.some((p) => p.in === "query" && p.name === name)) problems.push(`${where}: undeclared query parameter ${name}`);
    }
    problems.push(...securityProblems(operation, ex, where));
    const content = operation.requestBody?.content ?? {};
    const [mediaType, media] = Object.entries(content)[0] ?? [];
    if (ex.requestBody !== undefined && !media) problems.push(`${where}: sends a body the operation does not take`);
    if (operation.requestBody?.required && ex.requestBody === undefined) problems.push(`${where}: request body is required`);
    if (media?.schema && ex.requestBody !== undefined) {
      const contentType = header(ex.headers, "content-type") ?? "";
      if (mediaType && !contentType.startsWith(mediaType)) problems.push(`${where}: body sent as ${contentType || "no content type"}, not ${mediaType}`);
      problems.push(...check(`request:${where}`, media.schema, ex.requestBody, `${where} request body`));
      problems.push(...discriminated(media.schema, ex.requestBody, `${where} request body`));
    }
    return problems;
  }

  /** A discriminator without oneOf (TokenRequestOrgAs): the mapped schema applies as well. */
  function discriminated(schema: Schema, value: unknown, where: string): string[] {
    const target = isObject(schema) && typeof schema.$ref === "string" ? spec.components.schemas[lastPart(schema.$ref)] : schema;
    const d = isObject(target) ? (target.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined) : undefined;
    if (!d?.mapping || !isObject(value) || (isObject(target) && target.oneOf)) return [];
    const mapped = d.mapping[String(value[d.propertyName])];
    if (!mapped) return [`${where}: ${d.propertyName} "${String(value[d.propertyName])}" has no schema in the mapping`];
    return check(`mapped:${mapped}`, { $ref: mapped }, value, `${where} (${lastPart(mapped)})`);
  }

  function validateResponse(ex: Pick<HttpExchange, "method" | "path" | "status" | "responseBody" | "responseHeaders">): string[] {
    const { operation, where } = find(ex.method, ex.path);
    const at = `${where} → ${ex.status}`;
    const problems = conventionProblems(ex, at, ex.path.startsWith("/oauth2/"));
    const errorSchema = ex.path.startsWith("/oauth2/") && ex.status !== 429 ? "#/components/schemas/OAuthError" : "#/components/schemas/Error";
    if (!operation) return [...problems, ...(ex.status === 404 ? check("error", { $ref: errorSchema }, ex.responseBody, at) : [`${at}: no such operation`])];
    const declared = response(operation.responses[String(ex.status)]);
    const schema = declared?.content?.["application/json"]?.schema;
    if (ex.status >= 400) {
      // 401 (bad token) and 5xx are not declared per operation; Okta answers them in its Error shape.
      return [...problems, ...check(`error:${where}:${ex.status}`, schema ?? { $ref: errorSchema }, ex.responseBody, at)];
    }
    if (!declared) return [...problems, `${at}: status not declared by the spec`];
    if (!schema) return ex.responseBody === undefined || ex.responseBody === "" ? problems : [...problems, `${at}: a body where the spec declares none`];
    return [...problems, ...check(`response:${where}:${ex.status}`, schema, ex.responseBody, at)];
  }

  /** Both halves; a malformed-body fault's answer is off-spec on purpose and not judged. */
  function validateExchange(ex: HttpExchange): string[] {
    return [...validateRequest(ex), ...(ex.fault === "malformed" || ex.fault === "html" ? [] : validateResponse(ex))];
  }

  return { validateRequest, validateResponse, validateExchange };
}

/**
 * Okta documents (developer.okta.com/docs/reference/rl-best-practices, /docs/api/#pagination)
 * what the OpenAPI omits: every answer carries X-Rate-Limit-Limit/-Remaining/-Reset, and a
 * collection answers with Link rel="self" (and rel="next" while more remain).
 */
function conventionProblems(ex: Pick<HttpExchange, "status" | "responseHeaders" | "responseBody">, at: string, tokenEndpoint: boolean): string[] {
  const problems: string[] = [];
  for (const name of ["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"]) {
    if (!/^\d+$/.test(header(ex.responseHeaders, name) ?? "")) problems.push(`${at}: no numeric ${name} header`);
  }
  if (!tokenEndpoint && ex.status === 200 && Array.isArray(ex.responseBody) && !/rel="self"/.test(header(ex.responseHeaders, "link") ?? "")) {
    problems.push(`${at}: a collection without Link rel="self"`);
  }
  return problems;
}

/** Exactly one credential: SSWS for apiToken, Bearer for oauth2, a signed client assertion for /token. */
function securityProblems(operation: Operation, ex: Pick<HttpExchange, "headers" | "requestBody">, where: string): string[] {
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  const authorization = header(ex.headers, "authorization");
  if (schemes.includes("Client_authentication_private_key_jwt")) {
    const form = isObject(ex.requestBody) ? ex.requestBody : {};
    if (authorization) return [`${where}: private_key_jwt sends no Authorization header`];
    if (form.client_assertion_type !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return [`${where}: client_assertion_type must be the JWT bearer type`];
    return typeof form.client_assertion === "string" && form.client_assertion.split(".").length === 3 ? [] : [`${where}: client_assertion must be a JWT`];
  }
  const ssws = schemes.includes("apiToken") && /^SSWS \S+$/.test(authorization ?? "");
  const bearer = schemes.includes("oauth2") && /^Bearer \S+$/.test(authorization ?? "");
  return ssws || bearer ? [] : [`${where}: needs Authorization: SSWS <token> or Bearer <access token>`];
}

export type OktaSpecValidator = ReturnType<typeof createOktaSpecValidator>;
