// One PostgreSQL server for the whole vitest run: started once, with every migration applied
// to a template database once; each test file then gets its own CREATE DATABASE … TEMPLATE
// copy (tests/test-database.ts), which keeps files isolated without an initdb per file.
// With TEST_DATABASE_URL set, that server is used instead of an embedded one.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { runMigrations } from "@/lib/db/migrate";
import { freePort, SHARED_SERVER_ENV, SHARED_TEMPLATE_ENV } from "./test-database";

const TEMPLATE = "gk_template";

export default async function setup() {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopServer = async () => {};
  let dataDir: string | undefined;
  if (!adminUrl) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "gk-vitest-pg-"));
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres" });
    adminUrl = server.adminUrl;
    stopServer = server.stop;
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${TEMPLATE}"`);
  await admin.end();
  await runMigrations(templateUrl.toString(), path.resolve(import.meta.dirname, "../prisma/migrations"));
  process.env[SHARED_SERVER_ENV] = adminUrl;
  process.env[SHARED_TEMPLATE_ENV] = TEMPLATE;
  return async () => {
    await stopServer();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
