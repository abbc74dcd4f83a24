// RFC 8288 Link headers as Okta sends them: one header per relation, which fetch joins with
// ", ". Commas may also appear inside a URL or a quoted parameter, so split only between
// link-values. The next URL is Okta's and opaque: we never build `after` ourselves.
import { ConnectorError } from "../types";

export type LinkValue = { url: string; rels: string[] };

/** Every link-value of one (possibly joined) Link header, in order. */
export function parseLinkHeader(header: string | null | undefined): LinkValue[] {
  if (!header) return [];
  const links: LinkValue[] = [];
  let i = 0;
  while (i < header.length) {
    const open = header.indexOf("<", i);
    if (open < 0) break;
    const close = header.indexOf(">", open + 1);
    if (close < 0) break;
    const url = header.slice(open + 1, close);
    // Parameters run to the next comma outside quotes (or the end).
    let j = close + 1;
    let quoted = false;
    for (; j < header.length; j++) {
      const c = header[j];
      if (c === '"' && header[j - 1] !== "\\") quoted = !quoted;
      else if (c === "," && !quoted) break;
    }
    const params = header.slice(close + 1, j);
    const rels: string[] = [];
    for (const match of params.matchAll(/;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/gi)) rels.push(...(match[1] ?? match[2]).toLowerCase().split(/\s+/).filter(Boolean));
    links.push({ url, rels });
    i = j + 1;
  }
  return links;
}

/**
 * The rel="next" URL, on the base URL's origin: the path and query are Okta's, but the
 * credentials only ever go to the host the settings name (a proxy or simulator override too).
 */
export function nextLink(header: string | null | undefined, baseUrl: string): string | undefined {
  const next = parseLinkHeader(header).find((link) => link.rels.includes("next"));
  if (!next) return undefined;
  let target: URL;
  try {
    target = new URL(next.url, baseUrl);
  } catch {
    // Stopping here would commit a truncated list as if it were complete.
    throw new ConnectorError("malformed_response", `Okta sent a Link rel="next" that is not a URL: ${next.url.slice(0, 200)}`);
  }
  const base = new URL(baseUrl);
  return `${base.origin}${target.pathname}${target.search}`;
}
