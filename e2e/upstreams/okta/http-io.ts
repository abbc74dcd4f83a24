// Reading requests and writing answers for the simulator: bounded bodies, JSON and form
// parsing that never throws, and the app logos Okta serves from its own origin.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimResponse } from "./errors";

const MAX_BODY_BYTES = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function parseJson(text: string): unknown {
  try {
    return text.trim() ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** An application/x-www-form-urlencoded body as an object of its fields (undefined when empty). */
export function formOf(text: string): Record<string, string> | undefined {
  return text.trim() ? Object.fromEntries(new URLSearchParams(text)) : undefined;
}

export function send(res: ServerResponse, response: SimResponse): string {
  const text = response.raw ?? (response.body === undefined ? "" : JSON.stringify(response.body));
  if (!res.destroyed && !res.writableEnded) {
    const headers: Record<string, string | string[]> = { ...response.headers };
    if (response.status !== 204) headers["content-type"] = response.contentType ?? "application/json";
    res.writeHead(response.status, headers);
    res.end(response.status === 204 ? undefined : text);
  }
  return text;
}

/** A small SVG tile with the app's initials: logos stay on loopback, so demos need no network. */
export function logoSvg(label: string): SimResponse {
  const initials = label.split(/\s+/).map((w) => w[0] ?? "").join("").slice(0, 2).toUpperCase();
  const hue = [...label].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  const escape = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    status: 200,
    contentType: "image/svg+xml",
    headers: { "cache-control": "public, max-age=86400" },
    raw: `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><title>${escape(label)}</title><rect width="64" height="64" rx="12" fill="hsl(${hue},55%,45%)"/><text x="32" y="41" font-family="sans-serif" font-size="24" font-weight="700" fill="#fff" text-anchor="middle">${escape(initials)}</text></svg>`,
  };
}

/** Slow answers are timers; close() fires them all so no test waits on a delay it abandoned. */
export function createTimers() {
  const pending = new Set<{ timer?: NodeJS.Timeout; resolve: () => void }>();
  return {
    delay: (ms: number) =>
      new Promise<void>((resolve) => {
        const entry: { timer?: NodeJS.Timeout; resolve: () => void } = { resolve };
        entry.timer = setTimeout(() => (pending.delete(entry), resolve()), ms);
        pending.add(entry);
      }),
    fireAll() {
      for (const entry of pending) {
        clearTimeout(entry.timer);
        entry.resolve();
      }
      pending.clear();
    },
  };
}
