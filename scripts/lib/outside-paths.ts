// Finds string literals in source and test files that name a path outside the repository: a
// relative path climbing above the root from the file's folder, the shared folder beside the
// clone, or an absolute path in somebody's home or work folder. A user's clone from the
// public repository has nothing beside it, so such a path works on one machine only.
import { readFileSync } from "node:fs";
import path from "node:path";

export type OutsidePath = { file: string; line: number; literal: string };

const LITERAL = /(["'`])((?:\.\.\/)+[^"'`\n]*|\/(?:work|root|home|Users|mnt)\/[^"'`\n]*)\1/g;
const SOURCE = /\.(?:[cm]?[jt]sx?|sh|json|ya?ml)$/;

export function isCheckedFile(file: string) {
  return SOURCE.test(file) && !file.startsWith("node_modules/") && !file.endsWith("package-lock.json");
}

export function findOutsidePaths(root: string, files: string[]): OutsidePath[] {
  const found: OutsidePath[] = [];
  for (const file of files.filter(isCheckedFile)) {
    const lines = readFileSync(path.join(root, file), "utf8").split("\n");
    lines.forEach((text, index) => {
      for (const match of text.matchAll(LITERAL)) {
        const literal = match[2];
        const resolved = path.resolve(root, path.dirname(file), literal);
        const inside = resolved === path.resolve(root) || resolved.startsWith(path.resolve(root) + path.sep);
        const escapes = literal.startsWith("/") || !inside || /(^|\/)\.\.\/shared(\/|$)/.test(literal);
        if (escapes) found.push({ file, line: index + 1, literal });
      }
    });
  }
  return found;
}
