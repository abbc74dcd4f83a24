import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findOutsidePaths } from "./outside-paths";

// The planted paths are assembled at run time, so that this file does not name them itself.
const up = (n: number, rest: string) => [...Array<string>(n).fill(".."), rest].join("/");
const home = (rest: string) => ["", "work", rest].join("/");
const rootHome = (rest: string) => ["", "root", rest].join("/");

async function tree(files: Record<string, string>) {
  const root = await mkdtemp(path.join(os.tmpdir(), "gk-paths-"));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

describe("findOutsidePaths", () => {
  it("names the folder beside the clone, a climb above the root and a home folder, with file and line", async () => {
    const files = {
      "lib/a.ts": `const a = path.resolve(import.meta.dirname, "${up(3, "shared/fixtures")}");\n`,
      "e2e/b.spec.ts": `\nconst b = path.resolve(process.cwd(), "${up(1, "shared/fixtures/c1z")}");\n`,
      "e2e/c.test.ts": "const c = `" + home("shared/specs/x.json") + "`;\n",
      "scripts/d.sh": `cat '${rootHome("notes.txt")}'\n`,
    };
    const root = await tree(files);
    expect(findOutsidePaths(root, Object.keys(files))).toEqual([
      { file: "lib/a.ts", line: 1, literal: up(3, "shared/fixtures") },
      { file: "e2e/b.spec.ts", line: 2, literal: up(1, "shared/fixtures/c1z") },
      { file: "e2e/c.test.ts", line: 1, literal: home("shared/specs/x.json") },
      { file: "scripts/d.sh", line: 1, literal: rootHome("notes.txt") },
    ]);
  });

  it("accepts paths inside the repository and system paths", async () => {
    const files = {
      "lib/c1z/t.ts": `const f = path.resolve(import.meta.dirname, "../../tests/fixtures/c1z");\nimport x from "../other";\nconst r = "../..";\n`,
      "playwright.config.ts": `const p = "/usr/bin/chromium"; const q = "/var/lib/gatekeeper";\n`,
      "README.md": `"${up(1, "shared/specs")}" in prose is not checked\n`,
    };
    const root = await tree(files);
    expect(findOutsidePaths(root, Object.keys(files))).toEqual([]);
  });
});
