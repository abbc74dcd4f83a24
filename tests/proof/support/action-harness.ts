// Shared by the authorization matrix and the fuzz test: finds every server action and route
// handler in app/, imports the real modules, and calls them the way Next would: an action
// with its input, a route handler with a real Request and its context. Only the request
// context is faked (support/next-request.ts); everything below it is the app's own code.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type ModuleKind = "action" | "route";
export type DiscoveredExport = { file: string; name: string; kind: ModuleKind };

export type ActionFn = (input: unknown) => Promise<unknown>;
export type RouteFn = (request: Request, context: unknown) => Promise<Response>;

/** Server action files (actions.ts, *-actions.ts) and route handlers (route.ts), by path under app/. */
export function moduleKindOf(file: string): ModuleKind | null {
  const base = path.basename(file);
  if (base === "route.ts") return "route";
  if (base === "actions.ts" || base.endsWith("-actions.ts")) return "action";
  return null;
}

export async function findAppModules(): Promise<{ file: string; kind: ModuleKind }[]> {
  const entries = await readdir(path.join(ROOT, "app"), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .flatMap((file) => {
      const kind = moduleKindOf(file);
      return kind ? [{ file, kind }] : [];
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

const loaded = new Map<string, Record<string, unknown>>();

export async function loadModule(file: string): Promise<Record<string, unknown>> {
  let mod = loaded.get(file);
  if (!mod) {
    mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    loaded.set(file, mod);
  }
  return mod;
}

/** What a module offers to callers: every exported function of an action file; a route's HTTP methods. */
export async function discoverExports(): Promise<DiscoveredExport[]> {
  const found: DiscoveredExport[] = [];
  for (const { file, kind } of await findAppModules()) {
    const mod = await loadModule(file);
    for (const [name, value] of Object.entries(mod)) {
      const callable = typeof value === "function";
      if (kind === "action" && callable) found.push({ file, name, kind });
      if (kind === "route" && callable && (HTTP_METHODS as readonly string[]).includes(name)) found.push({ file, name, kind });
    }
  }
  return found;
}

export async function getAction(file: string, name: string): Promise<ActionFn> {
  const value = (await loadModule(file))[name];
  if (typeof value !== "function") throw new Error(`${file} has no exported function ${name}`);
  return value as ActionFn;
}

export async function getRoute(file: string, name: string): Promise<RouteFn> {
  const value = (await loadModule(file))[name];
  if (typeof value !== "function") throw new Error(`${file} has no exported ${name} handler`);
  return value as RouteFn;
}

/** The one result shape of lib/action.ts; anything else is a broken contract. */
export const actionResultSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), message: z.string().min(1), fieldErrors: z.record(z.string(), z.array(z.string()).optional()).optional() }),
]);
export type ParsedActionResult = z.infer<typeof actionResultSchema>;

export type ActionOutcome =
  | { kind: "result"; result: ParsedActionResult }
  /** Next's redirect()/notFound(), thrown on purpose: a handled outcome. */
  | { kind: "next-control-flow"; digest: string }
  | { kind: "threw"; error: unknown }
  | { kind: "malformed"; value: unknown };

export function isNextControlFlow(error: unknown): error is Error & { digest: string } {
  return error instanceof Error && "digest" in error && typeof error.digest === "string" && error.digest.startsWith("NEXT_");
}

export async function callAction(fn: ActionFn, input: unknown): Promise<ActionOutcome> {
  let value: unknown;
  try {
    value = await fn(input);
  } catch (error) {
    if (isNextControlFlow(error)) return { kind: "next-control-flow", digest: error.digest };
    return { kind: "threw", error };
  }
  const parsed = actionResultSchema.safeParse(value);
  return parsed.success ? { kind: "result", result: parsed.data } : { kind: "malformed", value };
}

/** Calls the handler and reads the whole body, so a streamed answer finishes (and frees its connection). */
export async function callRoute(fn: RouteFn, request: Request, context: unknown): Promise<{ status: number; body: string }> {
  const response = await fn(request, context);
  return { status: response.status, body: await response.text() };
}

export const exportKey = (e: { file: string; name: string }) => `${e.file}#${e.name}`;
