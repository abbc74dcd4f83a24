// `npm run bench:bundle [-- --build]`: the first-load JavaScript of every page route of the
// production build, gzipped, as a browser arriving on the page downloads it. Reads the build's
// own manifests (run `npm run build` first, or pass --build):
//   .next/app-path-routes-manifest.json                  which page entry serves which URL
//   .next/build-manifest.json `rootMainFiles`            the runtime every app route loads
//   .next/server/app/<entry>_client-reference-manifest.js `entryJSFiles`: the chunks of the
//     route's root layout, nested layouts, not-found/error boundaries and page
// (Next's own "First Load JS" figure reads the same entryJSFiles: vercel/next.js#83789.)
// A chunk counts once per route however many segments list it. Polyfills (nomodule, loaded
// only by browsers without ES modules) are left out, as `next build` itself does.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { flagArg, fmt } from "./bench-common";
import { buildIfNeeded } from "./lib/build-if-needed";

const NEXT = ".next";
export const BUDGET_KB = 200;

type RouteSize = { route: string; entry: string; console: boolean; chunks: number; rawKb: number; gzipKb: number };

const gzipCache = new Map<string, { raw: number; gzip: number }>();
function sizeOf(file: string): { raw: number; gzip: number } {
  let size = gzipCache.get(file);
  if (!size) {
    const bytes = readFileSync(path.join(NEXT, file));
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    gzipCache.set(file, size);
  }
  return size;
}

/** The chunks one page entry loads on first visit, per its client reference manifest. */
function entryChunks(entry: string, rootMainFiles: string[]): string[] {
  const file = path.join(NEXT, "server", "app", `${entry}_client-reference-manifest.js`);
  const source = readFileSync(file, "utf8");
  // The file assigns one JSON object: globalThis.__RSC_MANIFEST["<entry>"] = {...};
  const json = source.slice(source.indexOf("= {") + 2).replace(/;\s*$/, "");
  const manifest = JSON.parse(json) as { entryJSFiles?: Record<string, string[]> };
  const chunks = new Set(rootMainFiles);
  for (const files of Object.values(manifest.entryJSFiles ?? {})) for (const f of files) chunks.add(f.replace(/^\/_next\//, ""));
  return [...chunks];
}

export function measureRoutes(): RouteSize[] {
  const routes = JSON.parse(readFileSync(path.join(NEXT, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const result: RouteSize[] = [];
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith("/page") || route.startsWith("/_")) continue;
    const chunks = entryChunks(entry, build.rootMainFiles);
    const sizes = chunks.map(sizeOf);
    result.push({
      route,
      entry,
      console: entry.startsWith("/(console)/"),
      chunks: chunks.length,
      rawKb: sizes.reduce((n, s) => n + s.raw, 0) / 1000,
      gzipKb: sizes.reduce((n, s) => n + s.gzip, 0) / 1000,
    });
  }
  return result.sort((a, b) => a.route.localeCompare(b.route));
}

function main() {
  if (flagArg("build")) buildIfNeeded({ ...process.env, NODE_ENV: "production" }, (line) => console.log(`[bench] ${line}`));
  if (!existsSync(path.join(NEXT, "BUILD_ID"))) throw new Error("No production build in .next: run `npm run build` first (or pass --build).");
  const routes = measureRoutes();
  console.log(`bench:bundle — first-load JS per page route of the production build (gzip -9), budget ${BUDGET_KB} kB for console routes\n`);
  const width = Math.max(...routes.map((r) => r.route.length));
  console.log(`  ${"route".padEnd(width)}  chunks  raw kB   gzip kB`);
  for (const r of routes) {
    const flag = r.console ? (r.gzipKb <= BUDGET_KB ? "" : "  OVER") : "  (not a console route)";
    console.log(`  ${r.route.padEnd(width)}  ${String(r.chunks).padStart(6)}  ${fmt(r.rawKb, 1).padStart(7)}  ${fmt(r.gzipKb, 1).padStart(7)}${flag}`);
  }
  const consoleRoutes = routes.filter((r) => r.console).sort((a, b) => b.gzipKb - a.gzipKb);
  console.log(`\nWorst three console routes: ${consoleRoutes.slice(0, 3).map((r) => `${r.route} ${fmt(r.gzipKb, 1)} kB`).join(", ")}`);
  const over = consoleRoutes.filter((r) => r.gzipKb > BUDGET_KB);
  console.log(`${over.length === 0 ? "PASS" : "FAIL"}: ${over.length} of ${consoleRoutes.length} console routes over ${BUDGET_KB} kB gzip`);
  if (over.length && !flagArg("no-fail")) process.exitCode = 1;
}

if (import.meta.filename === path.resolve(process.argv[1] ?? "")) main();
