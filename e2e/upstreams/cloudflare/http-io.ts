// Reading requests and writing answers for the simulator: bodies as text, JSON leniently
// (a bad body is the route's to reject, with Cloudflare's code), answers as JSON.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SimResponse } from "./envelope";

/** A runaway client must not exhaust the test process: bodies stop at 1 MB. */
export const MAX_BODY_BYTES = 1_000_000;

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

export function send(res: ServerResponse, response: SimResponse): string {
  const text = response.raw ?? JSON.stringify(response.body);
  if (!res.destroyed) {
    res.writeHead(response.status, { "content-type": "application/json; charset=utf-8", ...response.headers });
    res.end(text);
  }
  return text;
}
