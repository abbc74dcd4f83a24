// Records every HTML page, RSC payload and JSON (or other text) answer the browser gets from
// the app, into the run's work dir, for the leak scan. Installed on the worker's `browser`
// (e2e/fixtures.ts), so the `page`/`context` fixtures and every `browser.newContext()` a
// spec makes are covered, including their `page.request` API calls.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext, Request, Response } from "@playwright/test";

export type CaptureKind = "html" | "rsc" | "json";
export type CapturedResponse = { file: string; kind: CaptureKind; url: string; method: string; status: number; action: boolean };

export function captureDir(workDir = process.env.E2E_WORK_DIR) {
  return workDir ? path.join(workDir, "capture") : undefined;
}

/** HTML, RSC and JSON by content type; other text (CSV and YAML downloads) counts as JSON. */
function kindOf(url: string, contentType: string): CaptureKind | undefined {
  if (!url.startsWith(process.env.E2E_BASE_URL ?? "http://127.0.0.1") || url.includes("/_next/static/")) return undefined;
  if (contentType.includes("text/html")) return "html";
  if (contentType.includes("text/x-component")) return "rsc";
  if (/json|^text\/|yaml|csv/.test(contentType)) return "json";
  return undefined; // images, fonts, scripts, styles: build artefacts, not data
}

let seq = 0;

function save(dir: string, entry: Omit<CapturedResponse, "file" | "kind">, contentType: string, body: Buffer) {
  const kind = kindOf(entry.url, contentType);
  if (!kind) return;
  seq += 1;
  const file = `${process.pid}-${seq}.${kind}`;
  writeFileSync(path.join(dir, file), body);
  const line: CapturedResponse = { file, kind, ...entry };
  appendFileSync(path.join(dir, "responses.jsonl"), `${JSON.stringify(line)}\n`);
}

/**
 * Chromium drops some bodies before they can be read (mostly the router's RSC prefetches,
 * once the page moves on). A GET is side-effect free, so it is asked again with the headers
 * the browser sent (or, when even those are gone, its plain headers and the context's cookies);
 * what the server answers then is what is scanned. Node's fetch, not Playwright's: a re-read
 * may still be under way when the test ends.
 */
async function readBody(response: Response, context: BrowserContext): Promise<Buffer> {
  try {
    return await response.body();
  } catch (error) {
    const request = response.request();
    if (request.method() !== "GET") throw error;
    const sent = await request.allHeaders().catch(async () => {
      const cookies = await context.cookies(response.url());
      return { ...request.headers(), cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
    });
    const headers = Object.entries(sent).filter(([name]) => !name.startsWith(":") && !["host", "connection", "content-length", "accept-encoding"].includes(name));
    const again = await fetch(response.url(), { headers, redirect: "manual" });
    return Buffer.from(await again.arrayBuffer());
  }
}

async function saveBrowserResponse(dir: string, response: Response, context: BrowserContext) {
  const status = response.status();
  if (status >= 300 && status < 400) return; // redirects have no body
  const contentType = response.headers()["content-type"] ?? "";
  if (!kindOf(response.url(), contentType)) return;
  const request = response.request();
  const body = await readBody(response, context);
  save(dir, { url: response.url(), method: request.method(), status, action: Boolean(request.headers()["next-action"]) }, contentType, body);
}

function captureApiRequests(dir: string, api: APIRequestContext) {
  const fetch = api.fetch.bind(api);
  api.fetch = async (...args: Parameters<APIRequestContext["fetch"]>) => {
    const response = await fetch(...args);
    const [target, options] = args;
    const method = options?.method ?? (typeof target === "string" ? "GET" : target.method());
    const action = Boolean(options?.headers?.["next-action"]);
    save(dir, { url: response.url(), method, status: response.status(), action }, response.headers()["content-type"] ?? "", await response.body());
    return response;
  };
}

const captured = new WeakSet<BrowserContext>();
const isAppPage = (url: URL) => url.href.startsWith(process.env.E2E_BASE_URL ?? "http://127.0.0.1") && !url.pathname.startsWith("/_next/");

const unread = (dir: string, url: string, error: unknown) =>
  appendFileSync(path.join(dir, "unread.jsonl"), `${JSON.stringify({ url, error: String((error as Error)?.message ?? error).split("\n")[0] })}\n`);

// The context or page went away while the answer was on its way: the browser never got it.
// ("Failed to find browser context": the same, as the cookies call of a re-read says it.)
const isClosing = (error: unknown) => /disposed|has been closed|Target closed|Failed to find browser context/i.test(String((error as Error)?.message ?? error));

/**
 * A server action's or an upload's answer cannot be asked for again, and Chromium drops some
 * of their bodies (large uploads evict them): so every request that is not a GET, and every
 * API call, passes through a route that reads the answer before the browser gets it. (A spec's own page.route
 * takes precedence; its answers are then read from the response event.)
 */
async function captureWrites(dir: string, context: BrowserContext, saved: WeakSet<Request>, pending: Set<Promise<void>>) {
  await context.route(isAppPage, async (route) => {
    const request = route.request();
    // Pages and RSC are read from the response event (asked again if dropped); API answers
    // (status polls, which are often in flight when a test ends) and every write are read here.
    const readHere = !["GET", "HEAD"].includes(request.method()) || new URL(request.url()).pathname.startsWith("/api/");
    if (!readHere) return route.fallback();
    const read = (async () => {
      try {
        const response = await route.fetch({ maxRedirects: 0 });
        const body = await response.body();
        saved.add(request);
        save(dir, { url: request.url(), method: request.method(), status: response.status(), action: Boolean(request.headers()["next-action"]) }, response.headers()["content-type"] ?? "", body);
        await route.fulfill({ response, body });
      } catch (error) {
        if (isClosing(error)) return;
        unread(dir, request.url(), error);
        await route.abort().catch(() => {});
      }
    })();
    pending.add(read);
    await read.finally(() => pending.delete(read));
  });
}

export async function captureContext(context: BrowserContext) {
  const dir = captureDir();
  if (!dir || captured.has(context)) return;
  captured.add(context);
  mkdirSync(dir, { recursive: true });
  const pending = new Set<Promise<void>>();
  const saved = new WeakSet<Request>();
  await captureWrites(dir, context, saved, pending);
  context.on("response", (response) => {
    if (saved.has(response.request())) return;
    // A body can still be unreadable (a download): counted, so the scan says how many answers
    // it could not see.
    const read = saveBrowserResponse(dir, response, context).catch((error: unknown) =>
      // Dropped by Chromium and its context already closed: no page is left to have shown it.
      isClosing(error) ? appendFileSync(path.join(dir, "closed.jsonl"), `${JSON.stringify({ url: response.url() })}\n`) : unread(dir, response.url(), error),
    );
    pending.add(read);
    void read.finally(() => pending.delete(read));
  });
  captureApiRequests(dir, context.request);
  // Bodies are read asynchronously: wait for them before the context goes (bounded, so a
  // streaming answer cannot hold a test).
  const close = context.close.bind(context);
  context.close = async (options?: { reason?: string }) => {
    await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 5_000))]);
    return close(options);
  };
}

/** Every context made from this browser is captured, the fixtures' and the specs' own. */
export function captureBrowser(browser: Browser) {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser["newContext"]>) => {
    const context = await newContext(...args);
    await captureContext(context);
    return context;
  };
  return () => {
    browser.newContext = newContext;
  };
}
