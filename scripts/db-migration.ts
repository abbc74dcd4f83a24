// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// from the difference between the last migration's schema snapshot and prisma/schema.prisma.
// The Prisma CLI's JS engine needs a database to connect to even for a diff, so a throw-away
// embedded one is started for it.
import { spawnSync } from "node:child_process";
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { startTestDatabase } from "@/tests/test-database";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name in snake_case>");
  process.exit(1);
}

const dir = path.resolve("prisma/migrations");
const previous = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort().at(-1);
const from = previous ? ["--from-schema-datamodel", path.join(dir, previous, "schema.prisma")] : ["--from-empty"];
const database = await startTestDatabase();
try {
  const result = spawnSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(result.stderr || "prisma migrate diff failed");
  const sql = result.stdout.trim();
  if (!sql || /^-- This is an empty migration\.?$/.test(sql)) {
    console.log("No schema changes since the last migration.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const target = path.join(dir, `${stamp}_${name}`);
    await mkdir(target);
    await writeFile(path.join(target, "migration.sql"), sql + "\n");
    // The snapshot is the "from" side of the next diff.
    await copyFile("prisma/schema.prisma", path.join(target, "schema.prisma"));
    console.log(`Wrote ${path.relative(process.cwd(), target)}/migration.sql`);
  }
} finally {
  await database.stop();
}
