// `npm test` step: fails when a tracked source or test file names a path outside the repository.
import { execFileSync } from "node:child_process";
import { findOutsidePaths } from "./lib/outside-paths";

const root = process.cwd();
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" }).split("\n").filter(Boolean);
const found = findOutsidePaths(root, files);
for (const f of found) console.error(`${f.file}:${f.line}: names a path outside the repository: ${f.literal}`);
console.log(found.length ? `${found.length} path(s) outside the repository` : `No file names a path outside the repository (${files.length} files checked).`);
process.exit(found.length ? 1 : 0);
