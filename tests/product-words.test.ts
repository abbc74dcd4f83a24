// The product is Gatekeeper. Its connector journey follows a vendor's set-up guides, and their
// words crept into the console once ("Integrate your Temporal Cloud Enterprise instance with
// ConductorOne"). This reads every string and JSX text a user can be shown (the pages, the
// components, the catalog, the email templates, the generated manifests: all of app/,
// components/ and lib/ but tests) and fails on the vendor's name. Comments are not read, so
// code may still cite the guides as its source.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const FOLDERS = ["app", "components", "lib"];
// "Baton" stays: the self-hosted Baton connector really is Baton. "C1" only as a whole word
// and in capitals, so `.c1z` files and ids such as "c1" are not taken for the vendor.
const VENDOR = [/conductor\s*one/i, /\bC1\b/];

async function sourceFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const folder of FOLDERS) {
    for (const entry of await readdir(path.join(ROOT, folder), { recursive: true, withFileTypes: true })) {
      const file = path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
      if (!entry.isFile() || !/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file) || file.includes("/testing/")) continue;
      files.push(file);
    }
  }
  return files.sort();
}

/** Every string literal, template text and JSX text of a file: what can reach a screen or an email. */
function shownText(fileName: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

describe("the product's own words", () => {
  it("finds text in strings, templates and JSX, and none in comments", () => {
    const source = `// ConductorOne's guide says so\nconst a = "one"; const b = \`two \${a} three\`;\nexport const C = () => <p title="four">five {a}</p>; /* C1 */`;
    expect(shownText("x.tsx", source).map((t) => t.trim()).filter(Boolean)).toEqual(["one", "two", "three", "four", "five"]);
  });

  it("never shows a user the vendor's name", async () => {
    const files = await sourceFiles();
    // The folders that hold the catalog, the email templates and the pages are all read.
    for (const expected of ["lib/connectors/temporal-cloud/index.ts", "lib/mail/templates.ts", "app/(console)/page.tsx", "components/connectors/new-connector-form.tsx"]) expect(files).toContain(expected);
    const hits: string[] = [];
    for (const file of files) {
      for (const text of shownText(file, await readFile(path.join(ROOT, file), "utf8"))) {
        if (VENDOR.some((word) => word.test(text))) hits.push(`${file}: ${JSON.stringify(text.trim().slice(0, 120))}`);
      }
    }
    expect(hits).toEqual([]);
  });
});
