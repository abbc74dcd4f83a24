// `npm run db:migrate`: applies prisma/migrations to the database at DATABASE_URL and exits, for
// a deployment that migrates before it starts new processes (every process also migrates at
// start, under the same advisory lock, so this is optional).
import path from "node:path";
import { runMigrations } from "@/lib/db/migrate";
import { getEnv } from "@/lib/env";

const url = getEnv().DATABASE_URL;
if (!url) {
  console.error("[db:migrate] DATABASE_URL is not set. The embedded database is migrated by npm start itself.");
  process.exit(1);
}
try {
  const applied = await runMigrations(url, path.resolve("prisma/migrations"), (line) => console.log(`[db:migrate] ${line}`));
  console.log(`[db:migrate] ${applied.length ? `Applied ${applied.length}: ${applied.join(", ")}` : "Nothing to apply: the database is up to date."}`);
} catch (error) {
  console.error(`[db:migrate] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
