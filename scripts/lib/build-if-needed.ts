// `npm start` builds when there is no production build, or when a source file is newer
// than the last build, so a fresh clone needs only `npm install && npm start`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.mjs", "package-lock.json", "instrumentation.ts"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

export function buildIfNeeded(env: NodeJS.ProcessEnv, log: (line: string) => void) {
  const stamp = ".next/BUILD_ID";
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map(newestMtime));
  if (builtAt && builtAt >= changedAt) return;
  log(builtAt ? "Sources changed since the last build: building…" : "No production build yet: building (about a minute)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error("next build failed; see the output above.");
}
